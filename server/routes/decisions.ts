/** Decisions over REST: the case's decisions with every position and the plan version adopted. */
import { Hono } from "hono";
import { listCaseDecisions } from "../commands/decisions";
import type { AppEnv } from "../context";
import { auditCaseRead, authorizeAudited, caseScope } from "./case-scope";

/** Mounted under `/api/cases`. */
export const caseDecisionRoutes = new Hono<AppEnv>().get("/:caseId/decisions", async (c) => {
  const { actor, access } = await caseScope(c);
  await authorizeAudited(c, actor, "decision:view", access);
  const { database } = c.get("deps");
  const decisions = await listCaseDecisions(database.db, access.caseId);
  await auditCaseRead(c, access, { objectType: "decisions" });
  return c.json({ decisions });
});
