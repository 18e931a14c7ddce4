/** The plan as text: current sections, adopted versions, and a version compared with today or another version. */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { planVersions, users } from "../../db/schema";
import { planTemplate, type SectionKey, sectionTemplate } from "../../shared/plan";
import { diffLines } from "../collab/line-diff";
import { currentSectionTexts } from "../collab/plan-text";
import { type AppContext, type AppEnv, parseQuery } from "../context";
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

/** How a version number is written: 1, 2, … (at most nine digits). */
const versionNumber = /^[1-9][0-9]{0,8}$/;

/** A version number from the path; anything else is not found. */
function versionParam(c: AppContext): number {
  const raw = c.req.param("n") ?? "";
  if (!versionNumber.test(raw)) throw errors.notFound("Deze versie bestaat niet.");
  return Number(raw);
}

/**
 * The diff's query: `with`, the number of the version to compare with instead of the current plan.
 * Anything else there is a 400 naming the field, in the words of shared/schemas/messages.ts
 * ("Deze waarde heeft niet de goede vorm."), which the server also has in English.
 */
const diffQuery = z.object({
  with: z.string().regex(versionNumber).transform(Number).optional(),
});

async function loadVersion(c: AppContext, caseId: string, n: number = versionParam(c)) {
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
  // Which readable sections hold text, without their text: the workspace opens on one of them
  // (sending the whole plan only to choose where to open read every section for nothing).
  .get("/:caseId/plan/filled", async (c) => {
    const { access, readable } = await planScope(c);
    const texts = await currentSectionTexts(c.get("deps").database.db, access.caseId, readable);
    await auditCaseRead(c, access, {
      objectType: "plan_outline",
      objectId: access.caseId,
      details: { sections: readable.join(",") },
    });
    return c.json({ filled: readable.filter((key) => !!texts.get(key)?.trim()) });
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
  /**
   * Version n (the older text) compared line by line with the current plan, or with version m
   * when `?with=m` is given (the newer text; versions are numbered in the order they were adopted).
   * Only the sections the caller may read, as everywhere; each version read is audited.
   * A malformed `with` is 400; a version that does not exist, either one, is 404.
   */
  .get("/:caseId/plan/versions/:n/diff", async (c) => {
    const { access, readable } = await planScope(c);
    const query = parseQuery(c, diffQuery);
    const row = await loadVersion(c, access.caseId);
    const other = query.with === undefined ? null : await loadVersion(c, access.caseId, query.with);
    const byKey = new Map(row.sections.map((s) => [s.key, s.text]));
    const after = other
      ? new Map(other.sections.map((s) => [s.key, s.text]))
      : await currentSectionTexts(c.get("deps").database.db, access.caseId, readable);
    for (const version of other && other.id !== row.id ? [row, other] : [row]) {
      await auditCaseRead(c, access, {
        objectType: "plan_version",
        objectId: version.id,
        details: { sections: readable.join(",") },
      });
    }
    return c.json({
      number: row.number,
      createdAt: row.createdAt.toISOString(),
      with: other ? { number: other.number, createdAt: other.createdAt.toISOString() } : null,
      sections: readable.map((key) => ({
        key,
        title: titleOf(key),
        lines: diffLines(byKey.get(key) ?? "", after.get(key) ?? ""),
      })),
    });
  });
