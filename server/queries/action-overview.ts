/**
 * The action overview in one SQL query: visibility, filters, the derived late state and the
 * escalation proposal are all computed by the database with the Amsterdam date passed in.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { actionItems, cases, escalations, organisations, users } from "../../db/schema";
import type { ActionStatus, EscalationLevel, LateReason } from "../../shared/domain";
import { type Actor, visibleActionsSql } from "../policy";

/** Sortable columns of the overview. */
export const overviewSorts = ["due", "status", "owner", "organisation", "case", "title", "daysLate"] as const;
export type OverviewSort = (typeof overviewSorts)[number];

/** Filters of `GET /api/actions`. */
export interface OverviewFilter {
  /** Only this owner (a user id; the route turns `me` into the caller's id). */
  ownerUserId?: string;
  caseId?: string;
  /** One action (the detail page). */
  actionId?: string;
  organisationId?: string;
  statuses?: ActionStatus[];
  /** true: only late; false: only not late. */
  overdue?: boolean;
  /** Due on or after this date. */
  dueFrom?: string;
  /** Due on or before this date. */
  dueTo?: string;
  /** Only actions proposed for escalation. */
  proposed?: boolean;
  sort?: OverviewSort;
  dir?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

/** One row of the overview as the database returns it. */
export interface OverviewRow {
  id: string;
  caseId: string;
  caseReference: string;
  title: string;
  ownerUserId: string;
  ownerName: string;
  organisationId: string | null;
  organisationName: string | null;
  dueDate: string;
  status: ActionStatus;
  lateReason: LateReason | null;
  overdue: boolean;
  daysLate: number;
  openEscalationId: string | null;
  openEscalationLevel: EscalationLevel | null;
  proposedForEscalation: boolean;
  updatedAt: Date;
}

/**
 * The late state in SQL: due before today (Amsterdam) and still open or in progress (not done or
 * cancelled). Spelled with the open statuses so the partial index on open actions applies.
 */
export function overdueSql(today: string): SQL<boolean> {
  return sql<boolean>`(${actionItems.status} in ('open', 'in_progress') and ${actionItems.dueDate} < ${today}::date)`;
}

/** Whole days past the due date (0 when not late). */
function daysLateSql(today: string): SQL<number> {
  return sql<number>`(case when ${overdueSql(today)} then (${today}::date - ${actionItems.dueDate}) else 0 end)::int`;
}

/** The overview: rows and the total before paging. */
export async function queryActionOverview(
  db: Db | Tx,
  actor: Actor,
  filter: OverviewFilter,
  today: string,
  escalateAfterDays: number,
): Promise<{ rows: OverviewRow[]; total: number }> {
  const overdue = overdueSql(today);
  const daysLate = daysLateSql(today);
  // Open escalations are few: NOT IN hashes them once, where NOT EXISTS probed them once per action.
  const hasOpenEscalation = sql`${actionItems.id} in (select ${escalations.actionId} from ${escalations} where ${escalations.resolvedAt} is null and ${escalations.actionId} is not null)`;
  // Late for longer than the period, as a bound on the due date so the index applies.
  const proposed = sql<boolean>`(${overdue} and ${actionItems.lateReason} is null and ${actionItems.dueDate} < ${today}::date - ${escalateAfterDays}::int)`;
  const where: (SQL | undefined)[] = [visibleActionsSql(actor)];
  if (filter.ownerUserId) where.push(eq(actionItems.ownerUserId, filter.ownerUserId));
  if (filter.caseId) where.push(eq(actionItems.caseId, filter.caseId));
  if (filter.actionId) where.push(eq(actionItems.id, filter.actionId));
  if (filter.organisationId) where.push(eq(actionItems.ownerOrganisationId, filter.organisationId));
  if (filter.statuses?.length) where.push(inArray(actionItems.status, filter.statuses));
  if (filter.overdue === true) where.push(overdue);
  if (filter.overdue === false) where.push(sql`not ${overdue}`);
  if (filter.dueFrom) where.push(gte(actionItems.dueDate, filter.dueFrom));
  if (filter.dueTo) where.push(lte(actionItems.dueDate, filter.dueTo));
  if (filter.proposed === true) where.push(proposed, sql`not ${hasOpenEscalation}`);
  const condition = and(...where);

  const dir = filter.dir === "desc" ? desc : asc;
  const sort = filter.sort ?? "due";
  const sortColumn: Record<OverviewSort, SQL> = {
    due: sql`${actionItems.dueDate}`,
    status: sql`${actionItems.status}`,
    owner: sql`${users.name}`,
    organisation: sql`${organisations.name}`,
    case: sql`${cases.reference}`,
    title: sql`${actionItems.title}`,
    daysLate,
  };

  // The late ones come first. Count all and the late ones; then each part (late, not late) is read
  // in the chosen order with its own LIMIT, so for the default order the database walks the
  // due-date indexes and stops after one page instead of sorting every visible action.
  const count = async (where: SQL | undefined) => {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(actionItems).where(where);
    return row?.n ?? 0;
  };
  // Late actions are counted on their own: that count walks the partial index on open actions,
  // where a filtered count in the same pass tested every action.
  const onlyLate = filter.overdue === true || filter.proposed === true;
  const total = await count(condition);
  const lateTotal = onlyLate ? total : filter.overdue === false ? 0 : await count(and(condition, overdue));
  const limit = filter.limit ?? 200;
  const offset = filter.offset ?? 0;
  const part = async (late: boolean, partOffset: number, partLimit: number) => {
    // Only ids and sort keys, joining names only when sorting by them, so the database sorts narrow rows.
    let q = db.select({ id: actionItems.id }).from(actionItems).$dynamic();
    if (sort === "case") q = q.innerJoin(cases, eq(cases.id, actionItems.caseId));
    if (sort === "owner") q = q.innerJoin(users, eq(users.id, actionItems.ownerUserId));
    if (sort === "organisation") {
      q = q.leftJoin(organisations, eq(organisations.id, actionItems.ownerOrganisationId));
    }
    return q
      .where(and(condition, late ? overdue : sql`not ${overdue}`))
      .orderBy(dir(sortColumn[sort]), asc(actionItems.id))
      .limit(partLimit)
      .offset(partOffset);
  };
  const page: { id: string }[] = [];
  if (offset < lateTotal) page.push(...(await part(true, offset, limit)));
  if (page.length < limit && offset + page.length < total) {
    page.push(...(await part(false, Math.max(0, offset - lateTotal), limit - page.length)));
  }
  if (page.length === 0) return { rows: [], total };
  // One array parameter instead of one per id (binding hundreds of parameters costs more than the query).
  const pageIds = sql`${`{${page.map((p) => p.id).join(",")}}`}::uuid[]`;
  // The newest open escalation of each action on the page, joined by hash (a lateral subquery per
  // row cost more than the rest of the query).
  const openEscalation = sql`(select distinct on (${escalations.actionId}) ${escalations.actionId} as action_id,
    ${escalations.id} as id, ${escalations.level} as level from ${escalations}
    where ${escalations.actionId} = any(${pageIds}) and ${escalations.resolvedAt} is null
    order by ${escalations.actionId}, ${escalations.raisedAt} desc)`;
  const details = await db
    .select({
      id: actionItems.id,
      caseId: actionItems.caseId,
      caseReference: cases.reference,
      title: actionItems.title,
      ownerUserId: actionItems.ownerUserId,
      ownerName: users.name,
      organisationId: actionItems.ownerOrganisationId,
      organisationName: organisations.name,
      dueDate: actionItems.dueDate,
      status: actionItems.status,
      lateReason: actionItems.lateReason,
      overdue,
      daysLate,
      openEscalationId: sql<string | null>`oe.id`,
      openEscalationLevel: sql<EscalationLevel | null>`oe.level`,
      proposedForEscalation: sql<boolean>`(${proposed} and oe.id is null)`,
      updatedAt: actionItems.updatedAt,
    })
    .from(actionItems)
    .innerJoin(cases, eq(cases.id, actionItems.caseId))
    .innerJoin(users, eq(users.id, actionItems.ownerUserId))
    .leftJoin(organisations, eq(organisations.id, actionItems.ownerOrganisationId))
    .leftJoin(sql`${openEscalation} as oe`, sql`oe.action_id = ${actionItems.id}`)
    .where(sql`${actionItems.id} = any(${pageIds})`);
  const byId = new Map(details.map((r) => [r.id, r]));
  const rows = page.flatMap((p) => {
    const r = byId.get(p.id);
    return r
      ? [{ ...r, overdue: Boolean(r.overdue), proposedForEscalation: Boolean(r.proposedForEscalation) }]
      : [];
  });
  return { rows, total };
}

/** Open escalation of an action or of a case (action null), if any. */
export function openEscalationOf(caseId: string, actionId: string | null): SQL {
  return and(
    eq(escalations.caseId, caseId),
    actionId ? eq(escalations.actionId, actionId) : isNull(escalations.actionId),
    isNull(escalations.resolvedAt),
  ) as SQL;
}
