/**
 * `GET /api/actions` (the overview, with filters) and `GET /api/actions/:actionId` (the detail with
 * its history and escalations). Writes (`PATCH`) live with the action commands of the conference work.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { actionEvents, actionItems, cases, organisations, users } from "../../db/schema";
import { addDays, amsterdamDate } from "../../shared/dates";
import { actionStatuses, nextEscalationLevel } from "../../shared/domain";
import { calendarDateSchema } from "../../shared/schemas/dates";
import { writeAudit } from "../audit/log";
import { type AppEnv, auditActor, parseQuery, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import { authorize, can, loadCaseAccess, visibleActionsSql } from "../policy";
import { presentEscalation, presentOverviewRow } from "../presenters/follow-up";
import { overviewSorts, queryActionOverview } from "../queries/action-overview";
import { lowestLevelFor, queryEscalations } from "../queries/escalations";
import { auditCaseRead } from "./case-scope";

const uuid = z.string().uuid("Geen geldige id.");
const bool = z.enum(["true", "false"]).transform((v) => v === "true");

/** Query of the overview; unknown values are a 400, not an empty list. */
export const overviewQuery = z.object({
  owner: z.union([z.literal("me"), uuid]).optional(),
  caseId: uuid.optional(),
  organisationId: uuid.optional(),
  status: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(actionStatuses)))
    .optional(),
  overdue: bool.optional(),
  late: bool.optional(),
  proposed: bool.optional(),
  dueFrom: calendarDateSchema.optional(),
  dueTo: calendarDateSchema.optional(),
  /** Due within this many days from today (late ones included). */
  dueWithin: z.coerce.number().int().min(0).max(366).optional(),
  sort: z.enum(overviewSorts).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

/** The default period after which a late action without a reason is proposed for escalation. */
export const defaultEscalateAfterDays = 7;

export const actionOverviewRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireActor(c);
    authorize(actor, "action:overview", null);
    const q = parseQuery(c, overviewQuery);
    const { database, clock, config } = c.get("deps");
    const now = clock.now();
    const today = amsterdamDate(now);
    const dueTo =
      q.dueWithin !== undefined ? [q.dueTo, addDays(today, q.dueWithin)].filter(Boolean).sort()[0] : q.dueTo;
    const { rows, total } = await queryActionOverview(
      database.db,
      actor,
      {
        ownerUserId: q.owner === "me" ? actor.id : q.owner,
        caseId: q.caseId,
        organisationId: q.organisationId,
        statuses: q.status,
        overdue: q.overdue ?? q.late,
        proposed: q.proposed,
        dueFrom: q.dueFrom,
        dueTo,
        sort: q.sort,
        dir: q.dir,
        limit: q.limit,
        offset: q.offset,
      },
      today,
      config.escalateAfterDays ?? defaultEscalateAfterDays,
    );
    await writeAudit(
      database.db,
      auditActor(c),
      {
        action: "read",
        objectType: "action_overview",
        caseId: q.caseId ?? null,
        outcome: "success",
        details: { count: rows.length, total },
      },
      now,
    );
    return c.json({ today, total, actions: rows.map(presentOverviewRow) });
  })
  .get("/filters", async (c) => {
    // The choices of the overview's filters: only cases, organisations and owners the caller can see.
    const actor = requireActor(c);
    const db = c.get("deps").database.db;
    const visible = visibleActionsSql(actor);
    // One distinct list per filter (each as long as there are cases, people or organisations); a
    // distinct list of their combinations grows with the actions and would need a cap.
    const [caseRows, ownerRows, organisationRows] = await Promise.all([
      db
        .selectDistinct({ id: cases.id, name: cases.reference })
        .from(actionItems)
        .innerJoin(cases, eq(cases.id, actionItems.caseId))
        .where(visible),
      db
        .selectDistinct({ id: users.id, name: users.name })
        .from(actionItems)
        .innerJoin(users, eq(users.id, actionItems.ownerUserId))
        .where(visible),
      db
        .selectDistinct({ id: organisations.id, name: organisations.name })
        .from(actionItems)
        .innerJoin(organisations, eq(organisations.id, actionItems.ownerOrganisationId))
        .where(visible),
    ]);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "nl");
    return c.json({
      cases: caseRows.sort(byName),
      owners: ownerRows.sort(byName),
      organisations: organisationRows.sort(byName),
    });
  })
  .get("/:actionId", async (c) => {
    const actor = requireActor(c);
    const actionId = uuidParam(c, "actionId");
    const { database, clock, config } = c.get("deps");
    const db = database.db;
    const now = clock.now();
    const [row] = await db
      .select({ caseId: actionItems.caseId, ownerUserId: actionItems.ownerUserId })
      .from(actionItems)
      .where(eq(actionItems.id, actionId));
    const access = row ? await loadCaseAccess(db, actor, row.caseId, now) : undefined;
    if (!row || !access || !can(actor, "action:view", access)) {
      await writeAudit(
        db,
        auditActor(c, access?.role),
        {
          action: "refused",
          objectType: "action",
          objectId: actionId,
          caseId: row?.caseId ?? null,
          outcome: "refused",
        },
        now,
      );
      throw errors.notFound("Actiepunt niet gevonden.");
    }
    const today = amsterdamDate(now);
    const { rows } = await queryActionOverview(
      db,
      actor,
      { actionId, limit: 1 },
      today,
      config.escalateAfterDays ?? defaultEscalateAfterDays,
    );
    const item = rows.find((r) => r.id === actionId);
    if (!item) throw errors.notFound("Actiepunt niet gevonden.");
    const [events, escalationRows, meta] = await Promise.all([
      db
        .select({
          id: actionEvents.id,
          at: actionEvents.at,
          changes: actionEvents.changes,
          note: actionEvents.note,
          userId: actionEvents.userId,
          userName: users.name,
        })
        .from(actionEvents)
        .leftJoin(users, eq(users.id, actionEvents.userId))
        .where(eq(actionEvents.actionId, actionId))
        .orderBy(asc(actionEvents.at), asc(actionEvents.id)),
      queryEscalations(db, actor, { actionId }, now),
      db
        .select({ createdAt: actionItems.createdAt, completedAt: actionItems.completedAt })
        .from(actionItems)
        .where(eq(actionItems.id, actionId)),
    ]);
    // Who an action was handed from and to, by name: the history stores user ids.
    const ownerIds = [
      ...new Set(
        events.flatMap((e) =>
          e.changes.filter((ch) => ch.field === "ownerUserId").flatMap((ch) => [ch.from, ch.to]),
        ),
      ),
    ].filter((v): v is string => typeof v === "string");
    const ownerNames = ownerIds.length
      ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds))
      : [];
    await auditCaseRead(c, access, { objectType: "action", objectId: actionId });
    const lowestLevel = await lowestLevelFor(db, actor, access, row.ownerUserId);
    return c.json({
      today,
      action: {
        ...presentOverviewRow(item),
        createdAt: meta[0]?.createdAt.toISOString() ?? null,
        completedAt: meta[0]?.completedAt?.toISOString() ?? null,
      },
      history: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        by: { id: e.userId, name: e.userName },
        changes: e.changes,
        note: e.note,
      })),
      escalations: escalationRows.map(presentEscalation),
      names: Object.fromEntries(ownerNames.map((u) => [u.id, u.name])),
      nextEscalationLevel: nextEscalationLevel(item.openEscalationLevel ?? null, lowestLevel),
      permissions: {
        update: can(actor, "action:update", { access, ownerUserId: row.ownerUserId }),
        assign: can(actor, "action:assign", access),
        escalate: can(actor, "case:escalate", access),
      },
    });
  });
