/** The rules: who may do what on which subject (roles and sections per `DOMAIN.md`). */
import type { CaseRole } from "../../shared/domain";
import { mayBeNamedReader, professionalRoles, sectionTemplate } from "../../shared/plan";
import type { Actor, CaseAccess, PolicyAction, PolicySubjects, SectionSubject } from "./types";

type Rule<A extends PolicyAction> = (actor: Actor, subject: PolicySubjects[A]) => boolean;

const isCoordinatorOf = (actor: Actor, access: CaseAccess) =>
  actor.globalRole === "coordinator" && actor.region === access.region;
const hasRole = (access: CaseAccess, ...roles: CaseRole[]) =>
  access.role !== null && roles.includes(access.role);
const isMember = (access: CaseAccess) => access.role !== null;
const participates = (access: CaseAccess) => isMember(access) && access.role !== "observer";

/**
 * May read a section: members by the section's rule; a coordinator under break-glass except explicit lists.
 * An explicit list (police and justice information) never counts for an ervaringsdeskundige, whatever it names.
 */
function readsSection(actor: Actor, { access, sectionKey }: SectionSubject): boolean {
  const template = sectionTemplate(sectionKey);
  if (!template) return false;
  if (template.read === "explicit") {
    return mayBeNamedReader(access.role) && access.explicitSections.includes(sectionKey);
  }
  if (isMember(access)) {
    return template.read === "members" || professionalRoles.includes(access.role as CaseRole);
  }
  return access.breakGlass && isCoordinatorOf(actor, access);
}

export const rules: { [A in PolicyAction]: Rule<A> } = {
  "case:list": () => true,
  "case:create": (a) => a.globalRole === "coordinator",
  "admin:manage": (a) => a.globalRole === "admin",
  "action:overview": () => true,
  "figures:view": (a) => a.globalRole === "coordinator" || a.globalRole === "admin",
  "case:view": (a, c) => isMember(c) || isCoordinatorOf(a, c),
  "case:manageMembers": (a, c) => isCoordinatorOf(a, c) || hasRole(c, "chair"),
  "case:invite": (a, c) => isCoordinatorOf(a, c),
  "case:viewAudit": (a, c) => isCoordinatorOf(a, c) || (a.globalRole === "admin" && a.region === c.region),
  "case:breakGlass": (a, c) => isCoordinatorOf(a, c) && !isMember(c),
  /**
   * Who read the file by emergency access, and why: the chair and the case director, so the case
   * director (the household's one contact) can answer "who read my file?". Not the other members:
   * the reason may carry police or justice information, which an ervaringsdeskundige must not see,
   * and their tasks do not need it. The region's coordinator reads it in the Logboek.
   */
  "case:viewBreakGlass": (_a, c) => hasRole(c, "chair", "caseDirector"),
  "case:changePhase": (_a, c) => hasRole(c, "caseDirector"),
  // Destroying a file after its retention is the region's coordinator's (procesregisseur) act alone.
  "case:destroy": (a, c) => isCoordinatorOf(a, c),
  // The huisverbod's end date: who plans the conferences keeps it (chair, case director, coordinator).
  "case:restrainingOrder": (a, c) => hasRole(c, "chair", "caseDirector") || isCoordinatorOf(a, c),
  "case:escalate": (a, c) => participates(c) || isCoordinatorOf(a, c),
  "plan:read": (a, c) => isMember(c) || (c.breakGlass && isCoordinatorOf(a, c)),
  "section:read": readsSection,
  "section:edit": (a, s) => participates(s.access) && readsSection(a, s),
  "conference:view": (a, c) => isMember(c) || isCoordinatorOf(a, c),
  "conference:join": (_a, c) => isMember(c),
  "conference:schedule": (a, c) => hasRole(c, "chair", "caseDirector") || isCoordinatorOf(a, c),
  "conference:chair": (_a, c) => hasRole(c, "chair"),
  "decision:view": (a, c) => isMember(c) || isCoordinatorOf(a, c),
  "decision:propose": (_a, c) => participates(c),
  "decision:position": (_a, c) => participates(c),
  "decision:adopt": (_a, c) => hasRole(c, "chair"),
  "action:view": (a, c) => isMember(c) || isCoordinatorOf(a, c),
  "action:create": (_a, c) => hasRole(c, "chair", "caseDirector"),
  "action:update": (a, { access, ownerUserId }) =>
    (participates(access) && ownerUserId === a.id) ||
    hasRole(access, "chair", "caseDirector") ||
    isCoordinatorOf(a, access),
  /** Change an action's owner or due date. */
  "action:assign": (a, c) => hasRole(c, "chair", "caseDirector") || isCoordinatorOf(a, c),
  /** The proposer (still a participant) or the chair. */
  "decision:withdraw": (a, { access, proposedBy }) =>
    hasRole(access, "chair") || (participates(access) && proposedBy === a.id),
  /** Ask for the floor: participants, not observers. */
  "conference:raiseHand": (_a, c) => participates(c),
  /**
   * Close an escalation with an outcome: the level it went to does. The coordinator (procesregisseur)
   * at any level: her own, the casusregisseur's below it, and management's and the bestuurlijk
   * overleg's above it, which have no accounts here and whose outcome she records. The casusregisseur
   * only at his own level, never one raised over his head.
   */
  "escalation:resolve": (a, { access, level }) =>
    isCoordinatorOf(a, access) || (level === "caseDirector" && hasRole(access, "caseDirector")),
};
