/**
 * `DELETE /api/cases/:caseId` {reference}: the end of a file. Once a closed case's retention has
 * passed, the region's coordinator destroys it: the case with everything on it (members, plan and
 * its versions, conferences, decisions, actions, escalations, invitations) is deleted in one
 * transaction. The audit log keeps that it happened, by whom and when, and the reference.
 */
import { eq, like } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { breakGlassGrants, caseMembers, cases, invitations, yjsSnapshots, yjsUpdates } from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import { writeAudit } from "../audit/log";
import { collabOf } from "../collab/endpoint";
import { notifyMembersChanged } from "../conference/hub";
import { type AppEnv, auditActor, parseJson } from "../context";
import { errors } from "../errors";
import { retentionsOf } from "../queries/retention";
import { authorizeAudited, caseScope } from "./case-scope";

const destroyInput = z.object({
  reference: z.string().trim().min(1, "Typ het kenmerk van de casus om te bevestigen.").max(50),
});

export const caseDestructionRoutes = new Hono<AppEnv>().delete("/:caseId", async (c) => {
  const { actor, access } = await caseScope(c);
  await authorizeAudited(c, actor, "case:destroy", access);
  const { reference } = await parseJson(c, destroyInput);
  const { database, clock, accessEvents } = c.get("deps");
  const db = database.db;
  const now = clock.now();
  const [row] = await db.select().from(cases).where(eq(cases.id, access.caseId));
  if (row.phase !== "gesloten") throw errors.conflict("Alleen een gesloten casus kan worden vernietigd.");
  const retention = (await retentionsOf(c.get("deps"), [row])).get(row.id);
  if (!retention?.due) {
    const untilDay = retention?.until ?? amsterdamDate(now);
    throw errors.conflict(`De bewaartermijn loopt nog tot ${untilDay}.`);
  }
  if (reference !== row.reference) {
    throw errors.invalidInput([{ path: "reference", message: "Dit is niet het kenmerk van deze casus." }]);
  }
  // Everyone who may have it open: their plan and conference connections close first.
  const people = [
    ...new Set(
      (
        await db
          .select({ userId: caseMembers.userId })
          .from(caseMembers)
          .where(eq(caseMembers.caseId, row.id))
          .union(
            db
              .select({ userId: breakGlassGrants.userId })
              .from(breakGlassGrants)
              .where(eq(breakGlassGrants.caseId, row.id)),
          )
      ).map((r) => r.userId),
    ),
  ];
  for (const userId of people) accessEvents.publish({ userId, caseId: row.id });
  // Its open sections close and what they sent is stored first, so the deletion takes it too.
  const collab = collabOf(c.get("deps"));
  await collab?.forgetCase(row.id);
  const documents = `case:${row.id}:%`;
  await db.transaction(async (tx) => {
    // The live plan is stored by document name, not by case: its rows go by name.
    await tx.delete(yjsUpdates).where(like(yjsUpdates.docName, documents));
    await tx.delete(yjsSnapshots).where(like(yjsSnapshots.docName, documents));
    await tx.delete(invitations).where(eq(invitations.caseId, row.id));
    // Everything else on the case goes with it (foreign keys with ON DELETE CASCADE).
    await tx.delete(cases).where(eq(cases.id, row.id));
    await writeAudit(
      tx,
      auditActor(c, access.role),
      {
        action: "delete",
        objectType: "case",
        objectId: row.id,
        caseId: row.id,
        outcome: "success",
        details: { reference: row.reference, closedAt: retention.closedAt, retentionUntil: retention.until },
      },
      now,
    );
  });
  // A section opened while the deletion ran (admitted before the case was gone): closed, and
  // whatever it managed to store removed.
  if (collab) {
    await collab.forgetCase(row.id);
    await db.delete(yjsUpdates).where(like(yjsUpdates.docName, documents));
    await db.delete(yjsSnapshots).where(like(yjsSnapshots.docName, documents));
  }
  // Open pages of the case hear it is gone.
  await notifyMembersChanged(c.get("deps"), row.id, people);
  return c.json({ destroyed: true, reference: row.reference });
});
