/**
 * The role someone acted in, for the audit log: NEN 7513 asks for the role actually used, not just
 * any role the person holds. A procesregisseur (global role coordinator) often has a seat on a case
 * as observer (toehoorder), so that she can follow the plan and attend the conference; her seat lets
 * her read and attend, nothing more (DOMAIN.md). When she records a late reason, escalates or closes
 * an escalation, she acts as procesregisseur, and the log must say so.
 */
import type { AuditAction } from "../../shared/domain";
import type { AuditActor, AuditEntry } from "./log";

/** Entries that record a change: an observer's seat allows none of them. */
const changes = new Set<AuditAction>(["create", "update", "delete", "break_glass"]);

/** Objects no case role gives access to: the case's own audit trail (coordinator and admin only). */
const globalRoleObjects = new Set(["audit_log"]);

/**
 * The role to record for an entry: the case role when it is what allowed the act, else the global
 * role (coordinator, admin). A case role alone allows what DOMAIN.md lists for it, so the global role
 * is what was used when an observer changed something, and for every reading or export of the audit
 * trail. A refusal keeps the case role: the person tried as who they are on the case. Without a
 * known global role (an actor a writer built by hand), the actor's role stays.
 */
export function roleActedIn(
  actor: AuditActor,
  entry: Pick<AuditEntry, "action" | "objectType">,
): string | null {
  const global = actor.globalRole;
  // Only the acting person's own global role counts, not one copied along with the address.
  if (!global || global.userId !== actor.userId || global.role === "none") return actor.role;
  if (actor.role === null) return global.role;
  if (entry.action === "refused") return actor.role;
  if (globalRoleObjects.has(entry.objectType)) return global.role;
  if (actor.role === "observer" && changes.has(entry.action)) return global.role;
  return actor.role;
}
