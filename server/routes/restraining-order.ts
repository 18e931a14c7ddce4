/**
 * `PUT /api/cases/:caseId/restraining-order` {until}: the last day of the huisverbod (temporary
 * restraining order) in force, or null once it is lifted. A huisverbod has legal deadlines (ten
 * days, at most four weeks with an extension); the pages show it beside the next conference, so
 * that the conference is held while the pleger is out of the house. Setting one also marks the
 * case with the prioritised category `huisverbod`.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { cases } from "../../db/schema";
import { addDays, amsterdamDate } from "../../shared/dates";
import { restrainingOrderInput } from "../../shared/schemas/access";
import { writeAudit } from "../audit/log";
import { notifyMembersChanged } from "../conference/hub";
import { type AppEnv, auditActor, parseJson } from "../context";
import { errors } from "../errors";
import { authorizeAudited, caseScope } from "./case-scope";

export const restrainingOrderRoutes = new Hono<AppEnv>().put("/:caseId/restraining-order", async (c) => {
  const { actor, access } = await caseScope(c);
  await authorizeAudited(c, actor, "case:restrainingOrder", access);
  const { until } = await parseJson(c, restrainingOrderInput);
  const { database, clock } = c.get("deps");
  const today = amsterdamDate(clock.now());
  if (until && until < today) {
    throw errors.invalidInput([{ path: "until", message: "Kies een datum vanaf vandaag." }]);
  }
  // Ten days, extended at most to four weeks in all.
  if (until && until > addDays(today, 28)) {
    throw errors.invalidInput([{ path: "until", message: "Een huisverbod duurt hoogstens vier weken." }]);
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
      .set({ restrainingOrderUntil: until, categories: next })
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
        details: { until },
      },
      clock.now(),
    );
    return next;
  });
  // Open pages of the case show the new date without a reload.
  await notifyMembersChanged(c.get("deps"), access.caseId);
  return c.json({ restrainingOrderUntil: until, categories });
});
