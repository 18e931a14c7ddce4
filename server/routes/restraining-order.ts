/**
 * `PUT /api/cases/:caseId/restraining-order` {from, until}: the huisverbod (temporary restraining
 * order) in force, the day it was imposed and its last day, or `until: null` once it is lifted. Its
 * legal deadlines (shared/restraining-order.ts) are checked here and shown on the pages beside the
 * next conference, so that the conference is held while the pleger is out of the house. Setting
 * one also marks the case with the prioritised category `huisverbod`.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { cases } from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import { type RestrainingOrderProblem, restrainingOrderProblem } from "../../shared/restraining-order";
import { restrainingOrderInput } from "../../shared/schemas/access";
import { writeAudit } from "../audit/log";
import { notifyMembersChanged } from "../conference/hub";
import { type AppEnv, auditActor, parseJson } from "../context";
import { errors } from "../errors";
import { authorizeAudited, caseScope } from "./case-scope";

const problemMessages: Record<RestrainingOrderProblem["rule"], string> = {
  future: "Een huisverbod is al opgelegd: kies vandaag of een eerdere dag.",
  beforeFrom: "De laatste dag valt niet vóór de dag van opleggen.",
  past: "Kies een datum vanaf vandaag.",
  beyondFourWeeks: "Een huisverbod duurt hoogstens vier weken na het opleggen.",
};

export const restrainingOrderRoutes = new Hono<AppEnv>().put("/:caseId/restraining-order", async (c) => {
  const { actor, access } = await caseScope(c);
  await authorizeAudited(c, actor, "case:restrainingOrder", access);
  const input = await parseJson(c, restrainingOrderInput);
  const { database, clock } = c.get("deps");
  const until = input.until;
  const from = until ? input.from : null;
  if (until && from) {
    const problem = restrainingOrderProblem({ from, until }, amsterdamDate(clock.now()));
    if (problem) throw errors.invalidInput([{ path: problem.path, message: problemMessages[problem.rule] }]);
  }
  const categories = await database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ categories: cases.categories })
      .from(cases)
      .where(eq(cases.id, access.caseId))
      .for("update");
    const next =
      until && !row.categories.includes("huisverbod")
        ? [...row.categories, "huisverbod" as const]
        : row.categories;
    await tx
      .update(cases)
      .set({ restrainingOrderFrom: from, restrainingOrderUntil: until, categories: next })
      .where(eq(cases.id, access.caseId));
    await writeAudit(
      tx,
      auditActor(c, access.role),
      {
        action: "update",
        objectType: "restraining_order",
        objectId: access.caseId,
        caseId: access.caseId,
        outcome: "success",
        details: { from, until },
      },
      clock.now(),
    );
    return next;
  });
  // Open pages of the case show the new date without a reload.
  await notifyMembersChanged(c.get("deps"), access.caseId);
  return c.json({ restrainingOrderFrom: from, restrainingOrderUntil: until, categories });
});
