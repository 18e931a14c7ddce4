/** Loads a case for a route: the actor, what they are to it, and 404 when it is hidden. */
import { writeAudit } from "../audit/log";
import { type AppContext, auditActor, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import { type Actor, type CaseAccess, can, loadCaseAccess } from "../policy";

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
  return { actor, access };
}
