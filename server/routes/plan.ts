/** The plan as text: current sections, adopted versions, and a version compared with today. */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { planVersions, users } from "../../db/schema";
import { planTemplate, type SectionKey, sectionTemplate } from "../../shared/plan";
import { diffLines } from "../collab/line-diff";
import { currentSectionTexts } from "../collab/plan-text";
import type { AppContext, AppEnv } from "../context";
import { errors } from "../errors";
import { type Actor, type CaseAccess, can } from "../policy";
import { auditCaseRead, authorizeAudited, caseScope } from "./case-scope";

/** The caller's actor and access after the plan check, with the sections they may read. */
async function planScope(c: AppContext) {
  const { actor, access } = await caseScope(c);
  await authorizeAudited(c, actor, "plan:read", access);
  return { actor, access, readable: readableKeys(actor, access) };
}

function readableKeys(actor: Actor, access: CaseAccess): SectionKey[] {
  return planTemplate
    .filter((s) => can(actor, "section:read", { access, sectionKey: s.key }))
    .map((s) => s.key);
}

const titleOf = (key: string) => sectionTemplate(key)?.title.nl ?? key;

/** A version number from the path; anything else is not found. */
function versionParam(c: AppContext): number {
  const raw = c.req.param("n") ?? "";
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw errors.notFound("Deze versie bestaat niet.");
  return Number(raw);
}

async function loadVersion(c: AppContext, caseId: string) {
  const n = versionParam(c);
  const { db } = c.get("deps").database;
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.caseId, caseId), eq(planVersions.number, n)))
    .limit(1);
  if (!row) throw errors.notFound("Deze versie bestaat niet.");
  return row;
}

export const planRoutes = new Hono<AppEnv>()
  .get("/:caseId/plan", async (c) => {
    const { access, readable } = await planScope(c);
    const texts = await currentSectionTexts(c.get("deps").database.db, access.caseId, readable);
    await auditCaseRead(c, access, {
      objectType: "plan",
      objectId: access.caseId,
      details: { sections: readable.join(",") },
    });
    return c.json({
      sections: readable.map((key) => ({ key, title: titleOf(key), text: texts.get(key) ?? "" })),
    });
  })
  .get("/:caseId/plan/versions", async (c) => {
    const { access } = await planScope(c);
    const { db } = c.get("deps").database;
    const rows = await db
      .select({
        number: planVersions.number,
        createdAt: planVersions.createdAt,
        conferenceId: planVersions.conferenceId,
        userId: users.id,
        userName: users.name,
      })
      .from(planVersions)
      .leftJoin(users, eq(users.id, planVersions.createdBy))
      .where(eq(planVersions.caseId, access.caseId))
      .orderBy(desc(planVersions.number));
    await auditCaseRead(c, access, {
      objectType: "plan_versions",
      objectId: access.caseId,
      details: { sections: [].join(",") },
    });
    return c.json({
      versions: rows.map((r) => ({
        number: r.number,
        createdAt: r.createdAt.toISOString(),
        conferenceId: r.conferenceId,
        createdBy: r.userId ? { id: r.userId, name: r.userName } : null,
      })),
    });
  })
  .get("/:caseId/plan/versions/:n", async (c) => {
    const { access, readable } = await planScope(c);
    const row = await loadVersion(c, access.caseId);
    const byKey = new Map(row.sections.map((s) => [s.key, s]));
    await auditCaseRead(c, access, {
      objectType: "plan_version",
      objectId: row.id,
      details: { sections: readable.join(",") },
    });
    return c.json({
      number: row.number,
      createdAt: row.createdAt.toISOString(),
      conferenceId: row.conferenceId,
      sections: readable.map((key) => ({ key, title: titleOf(key), text: byKey.get(key)?.text ?? "" })),
    });
  })
  .get("/:caseId/plan/versions/:n/diff", async (c) => {
    const { access, readable } = await planScope(c);
    const row = await loadVersion(c, access.caseId);
    const byKey = new Map(row.sections.map((s) => [s.key, s]));
    const current = await currentSectionTexts(c.get("deps").database.db, access.caseId, readable);
    await auditCaseRead(c, access, {
      objectType: "plan_version",
      objectId: row.id,
      details: { sections: readable.join(",") },
    });
    return c.json({
      number: row.number,
      sections: readable.map((key) => ({
        key,
        title: titleOf(key),
        lines: diffLines(byKey.get(key)?.text ?? "", current.get(key) ?? ""),
      })),
    });
  });
