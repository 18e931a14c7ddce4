/** What every case write shares: who acts (with their address for the audit log) and audited refusals. */
import type { Db, Tx } from "../../db/client";
import type { AuditActor, AuditEntry } from "../audit/log";
import { writeAudit } from "../audit/log";
import { AppError } from "../errors";
import { type Actor, type CaseAccess, can, type PolicyAction, type PolicySubjects } from "../policy";

/** The actor of a command, with where the request came from. */
export interface CommandActor extends Actor {
  clientAddress?: string | null;
}

/** The audit actor for a command on a case: the case role when there is one. */
export function commandAuditActor(actor: CommandActor, access: CaseAccess | null): AuditActor {
  return {
    userId: actor.id,
    role: access?.role ?? actor.globalRole,
    organisationId: actor.organisationId,
    clientAddress: actor.clientAddress ?? null,
    // The role acted in may be the global one (an observer's seat changes nothing): audit/acting-role.ts.
    globalRole: { userId: actor.id, role: actor.globalRole },
  };
}

/**
 * Asks the policy; on a refusal writes a `refused` audit entry and throws 404 (case hidden) or 403.
 */
export async function authorizeAudited<A extends PolicyAction>(
  db: Db | Tx,
  actor: CommandActor,
  access: CaseAccess,
  action: A,
  subject: PolicySubjects[A],
  object: { type: string; id?: string | null },
  now: Date,
): Promise<void> {
  if (can(actor, action, subject)) return;
  await writeAudit(
    db,
    commandAuditActor(actor, access),
    {
      action: "refused",
      objectType: object.type,
      objectId: object.id ?? null,
      caseId: access.caseId,
      outcome: "refused",
      details: { policy: action },
    },
    now,
  );
  if (!can(actor, "case:view", access)) throw new AppError("not_found", "Casus niet gevonden.");
  throw new AppError("forbidden", "Dit mag u niet doen in deze casus.");
}

/** Writes one audit entry for a command inside its transaction. */
export function auditCommand(
  tx: Db | Tx,
  actor: CommandActor,
  access: CaseAccess,
  entry: Omit<AuditEntry, "caseId" | "outcome"> & { outcome?: AuditEntry["outcome"] },
  now: Date,
): Promise<void> {
  return writeAudit(
    tx,
    commandAuditActor(actor, access),
    { outcome: "success", ...entry, caseId: access.caseId },
    now,
  );
}
