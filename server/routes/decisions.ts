/** Decisions over REST: the case's decisions with every position and the plan version adopted. */
import { Hono } from "hono";
import { writeAudit } from "../audit/log";
import { listCaseDecisions } from "../commands/decisions";
import { type AppEnv, auditActor } from "../context";
import { authorizeAudited, caseScope } from "./case-scope";

/** Mounted under `/api/cases`. */
export const caseDecisionRoutes = new Hono<AppEnv>().get("/:caseId/decisions", async (c) => {
  const { actor, access } = await caseScope(c);
  await authorizeAudited(c, actor, "decision:view", access);
  const { database, clock } = c.get("deps");
  const decisions = await listCaseDecisions(database.db, access.caseId);
  await writeAudit(
    database.db,
    auditActor(c, access.role),
    { action: "read", objectType: "decisions", caseId: access.caseId, outcome: "success" },
    clock.now(),
  );
  return c.json({ decisions });
});
