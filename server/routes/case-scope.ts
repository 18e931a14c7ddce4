/** Loads a case for a route: the actor, what they are to it, and 404 when it is hidden. */
import { requestObject } from "../audit/break-glass";
import { writeAudit } from "../audit/log";
import { type AppContext, auditActor, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import {
  type Actor,
  authorize,
  type CaseAccess,
  can,
  loadCaseAccess,
  type PolicyAction,
  type PolicySubjects,
} from "../policy";

/** The actor and their access to the case in the path (param `caseId` by default). */
export async function caseScope(
  c: AppContext,
  caseId: string = uuidParam(c, "caseId"),
): Promise<{ actor: Actor; access: CaseAccess }> {
  const actor = requireActor(c);
  const { database, clock } = c.get("deps");
  const access = await loadCaseAccess(database.db, actor, caseId, clock.now());
  if (!access) throw errors.notFound("Casus niet gevonden.");
  if (!can(actor, "case:view", access) && !access.breakGlass) {
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "refused", objectType: "case", objectId: caseId, caseId, outcome: "refused" },
      clock.now(),
    );
    throw errors.notFound("Casus niet gevonden.");
  }
  if (access.breakGlass && access.role === null && !can(actor, "case:view", access)) {
    // A grant counts only while its holder is still a coordinator of the region.
    throw errors.notFound("Casus niet gevonden.");
  }
  if (access.breakGlass && access.role === null) {
    // Every request made under break-glass is flagged, whatever the route itself logs.
    await writeAudit(
      database.db,
      auditActor(c),
      {
        action: "read",
        objectType: "case_request",
        // What was asked for, named by the route (never the path: it holds what the client sent).
        objectId: requestObject(c.req.routePath),
        caseId,
        outcome: "success",
        breakGlass: true,
        details: { route: c.req.routePath, method: c.req.method },
      },
      clock.now(),
    );
  }
  return { actor, access };
}

/** `authorize`, but a refusal is written to the audit log first (NEN 7513 logs refusals too). */
export async function authorizeAudited<A extends PolicyAction>(
  c: AppContext,
  actor: Actor,
  action: A,
  subject: PolicySubjects[A] & CaseAccess,
): Promise<void> {
  if (can(actor, action, subject)) return;
  const { database, clock } = c.get("deps");
  await writeAudit(
    database.db,
    auditActor(c, subject.role),
    {
      action: "refused",
      objectType: "case",
      objectId: subject.caseId,
      caseId: subject.caseId,
      outcome: "refused",
      details: { policy: action },
    },
    clock.now(),
  );
  authorize(actor, action, subject);
}

/**
 * Records a successful read or export of case data. Reads made under break-glass by someone who is
 * not a member are flagged, so they show up for review in the trail.
 */
export async function auditCaseRead(
  c: AppContext,
  access: CaseAccess,
  entry: {
    action?: "read" | "export";
    objectType: string;
    objectId?: string;
    details?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  const { database, clock } = c.get("deps");
  await writeAudit(
    database.db,
    auditActor(c, access.role),
    {
      action: entry.action ?? "read",
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      caseId: access.caseId,
      outcome: "success",
      breakGlass: access.role === null && access.breakGlass,
      details: entry.details,
    },
    clock.now(),
  );
}
