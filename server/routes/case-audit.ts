/** The audit trail of a case, and the "who saw this file" export for a data-subject request. */
import { and, asc, count, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { auditLog, cases, organisations, users } from "../../db/schema";
import type { AuditTrailEntry } from "../../shared/audit-labels";
import { amsterdamDate } from "../../shared/dates";
import { auditExportQuery, auditQuery } from "../../shared/schemas/access";
import { auditTrailCsv } from "../audit/export";
import { writeAudit } from "../audit/log";
import { type AppContext, type AppEnv, auditActor, parseQuery, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import { type Actor, type CaseAccess, loadCaseAccess } from "../policy";
import { authorizeAudited } from "./case-scope";

/** Admins are no case members, so this scope does not require `case:view`: the policy decides. */
async function auditScope(c: AppContext): Promise<{ actor: Actor; access: CaseAccess }> {
  const actor = requireActor(c);
  const { database, clock } = c.get("deps");
  const access = await loadCaseAccess(database.db, actor, uuidParam(c, "caseId"), clock.now());
  if (!access) throw errors.notFound("Casus niet gevonden.");
  await authorizeAudited(c, actor, "case:viewAudit", access);
  return { actor, access };
}

async function entries(db: Db, where: SQL | undefined, limit: number): Promise<AuditTrailEntry[]> {
  const rows = await db
    .select({
      entry: auditLog,
      userName: users.name,
      organisationName: organisations.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map(({ entry: e, userName, organisationName }) => ({
    id: e.id,
    at: e.at.toISOString(),
    user: e.userId ? { id: e.userId, name: userName ?? null } : null,
    role: e.userRole,
    organisation: e.organisationId ? { id: e.organisationId, name: organisationName ?? null } : null,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    purpose: e.purpose,
    outcome: e.outcome,
    clientAddress: e.clientAddress,
    breakGlass: e.breakGlass,
  }));
}

/** The people who appear in a case's trail, by name. */
async function peopleInTrail(db: Db, caseId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.userId))
    .where(eq(auditLog.caseId, caseId))
    .orderBy(asc(users.name), asc(users.id));
}

/** How many entries the filter finds in all, not only on the page answered. */
async function countEntries(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(where);
  return Number(row?.n ?? 0);
}

async function caseReference(db: Db, caseId: string): Promise<string | null> {
  const [row] = await db.select({ reference: cases.reference }).from(cases).where(eq(cases.id, caseId));
  return row?.reference ?? null;
}

/** The export's format, and for the CSV the language of the Logboek page that offers it (Dutch by default). */
const exportQuery = auditExportQuery.extend({ lang: z.enum(["nl", "en"]).default("nl") });

export const caseAuditRoutes = new Hono<AppEnv>()
  .get("/:caseId/audit", async (c) => {
    const { access } = await auditScope(c);
    const q = parseQuery(c, auditQuery);
    const { database, clock } = c.get("deps");
    const filter = and(
      eq(auditLog.caseId, access.caseId),
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.userId ? eq(auditLog.userId, q.userId) : undefined,
      q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
      q.breakGlass ? eq(auditLog.breakGlass, q.breakGlass === "true") : undefined,
      q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
      q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
    );
    const list = await entries(
      database.db,
      and(filter, q.before ? lt(auditLog.id, q.before) : undefined),
      q.limit + 1,
    );
    // The first page says how many entries the filter finds, for the page's "12 regels gevonden".
    const total = q.before ? null : await countEntries(database.db, filter);
    await writeAudit(
      database.db,
      auditActor(c, access.role),
      // Reading the trail is the procesregisseur's (and the admin's) own right, never done by
      // break-glass: not flagged, even while she holds a grant on the case.
      { action: "read", objectType: "audit_log", caseId: access.caseId, outcome: "success" },
      clock.now(),
    );
    const more = list.length > q.limit;
    const page = more ? list.slice(0, q.limit) : list;
    return c.json({
      // The reference only: who reads the trail need not be a member (an admin), so no household name.
      case: { reference: await caseReference(database.db, access.caseId) },
      // Everyone in the whole trail, members or not (any more): the filter by person offers them.
      people: await peopleInTrail(database.db, access.caseId),
      entries: page,
      total,
      nextBefore: more ? page[page.length - 1].id : null,
    });
  })
  .get("/:caseId/audit/export", async (c) => {
    const { access } = await auditScope(c);
    const { format, lang } = parseQuery(c, exportQuery);
    const { database, clock } = c.get("deps");
    // Everything that touched the file, oldest first, as a data subject would ask for it; the CSV
    // in the page's words.
    const list = (await entries(database.db, eq(auditLog.caseId, access.caseId), 100_000)).reverse();
    await writeAudit(
      database.db,
      auditActor(c, access.role),
      {
        action: "export",
        objectType: "audit_log",
        caseId: access.caseId,
        outcome: "success",
        details: { format, entries: list.length },
      },
      clock.now(),
    );
    const stamp = amsterdamDate(clock.now());
    c.header("Content-Disposition", `attachment; filename="logboek-${access.caseId}-${stamp}.${format}"`);
    if (format === "json")
      return c.json({ caseId: access.caseId, exportedAt: clock.now().toISOString(), entries: list });
    c.header("Content-Type", "text/csv; charset=utf-8");
    return c.body(auditTrailCsv(list, lang));
  });
