/**
 * The region's monitoring figures for a period, each computed by one aggregate query (no rows are
 * loaded into memory). Dates are Amsterdam calendar dates; the period is inclusive.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { actionItems, cases, conferences, escalations, organisations, phaseChanges } from "../../db/schema";
import type { Phase } from "../../shared/domain";
import { phases } from "../../shared/domain";

/** A period of whole days, `from` and `to` included. */
export interface Period {
  from: string;
  to: string;
}

/** Per organisation: actions due in the period, done on time, late; escalations raised. */
export interface OrganisationFigures {
  organisationId: string | null;
  organisationName: string | null;
  actionsDue: number;
  doneOnTime: number;
  late: number;
  escalations: number;
}

/** The figures the region reports. */
export interface Figures {
  period: Period;
  casesPerPhase: { phase: Phase; count: number }[];
  registrationToFirstConference: { cases: number; medianDays: number | null };
  actions: { due: number; doneOnTime: number; shareOnTime: number | null; late: number };
  escalations: number;
  byOrganisation: OrganisationFigures[];
}

/** Rows of a raw query. */
async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const amsDate = (col: SQL) => sql`((${col}) at time zone 'Europe/Amsterdam')::date`;

/** Computes the figures of a region for a period; `today` decides what is late by now. */
export async function queryFigures(db: Db, region: string, period: Period, today: string): Promise<Figures> {
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;

  // Phase at the end of the period: the last recorded change by then, else the current phase.
  const phaseRows = await queryRows<{ phase: Phase; count: number }>(
    db,
    sql`select coalesce((select ${phaseChanges.toPhase} from ${phaseChanges}
          where ${phaseChanges.caseId} = ${cases.id} and ${amsDate(sql`${phaseChanges.changedAt}`)} <= ${to}
          order by ${phaseChanges.changedAt} desc, ${phaseChanges.id} desc limit 1), ${cases.phase}) as phase,
        count(*)::int as count
      from ${cases}
      where ${cases.region} = ${region} and ${amsDate(sql`${cases.registeredAt}`)} <= ${to}
      group by 1`,
  );

  // Days from registration to the first conference held (started: a planned one may never take
  // place), for cases whose first conference fell in the period.
  const [median] = await queryRows<{ cases: number; median: number | string | null }>(
    db,
    sql`select count(*)::int as cases, percentile_cont(0.5) within group (order by d.days) as median
      from (select ${amsDate(sql`min(${conferences.startedAt})`)} as first,
                   ${amsDate(sql`min(${conferences.startedAt})`)}
                     - ${amsDate(sql`${cases.registeredAt}`)} as days
            from ${cases} join ${conferences} on ${conferences.caseId} = ${cases.id}
            where ${cases.region} = ${region} and ${conferences.startedAt} is not null
            group by ${cases.id}, ${cases.registeredAt}) d
      where d.first between ${from} and ${to}`,
  );

  // Actions due in the period (not cancelled) whose due date has passed or which are done.
  const done = sql`${actionItems.status} = 'done'`;
  const completedOn = amsDate(sql`${actionItems.completedAt}`);
  const counted = sql`${actionItems.status} <> 'cancelled' and ${actionItems.dueDate} between ${from} and ${to}
    and (${actionItems.dueDate} < ${today}::date or ${done})`;
  const onTime = sql`(${done} and ${completedOn} <= ${actionItems.dueDate})`;
  const late = sql`((${done} and ${completedOn} > ${actionItems.dueDate}) or (not ${done} and ${actionItems.dueDate} < ${today}::date))`;
  const actionRows = await queryRows<{ org: string | null; due: number; on_time: number; late: number }>(
    db,
    sql`select ${actionItems.ownerOrganisationId} as org, count(*)::int as due,
        (count(*) filter (where ${onTime}))::int as on_time, (count(*) filter (where ${late}))::int as late
      from ${actionItems} join ${cases} on ${cases.id} = ${actionItems.caseId}
      where ${cases.region} = ${region} and ${counted}
      group by 1`,
  );
  const escalationRows = await queryRows<{ org: string | null; count: number }>(
    db,
    sql`select ${actionItems.ownerOrganisationId} as org, count(*)::int as count
      from ${escalations} join ${cases} on ${cases.id} = ${escalations.caseId}
      left join ${actionItems} on ${actionItems.id} = ${escalations.actionId}
      where ${cases.region} = ${region} and ${amsDate(sql`${escalations.raisedAt}`)} between ${from} and ${to}
      group by 1`,
  );
  const orgRows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select ${organisations.id} as id, ${organisations.name} as name from ${organisations}
      where ${organisations.region} = ${region}`,
  );

  const names = new Map(orgRows.map((o) => [o.id, o.name]));
  const byOrg = new Map<string | null, OrganisationFigures>();
  const entry = (org: string | null) => {
    let e = byOrg.get(org);
    if (!e) {
      e = {
        organisationId: org,
        organisationName: org ? (names.get(org) ?? null) : null,
        actionsDue: 0,
        doneOnTime: 0,
        late: 0,
        escalations: 0,
      };
      byOrg.set(org, e);
    }
    return e;
  };
  for (const r of actionRows)
    Object.assign(entry(r.org), { actionsDue: r.due, doneOnTime: r.on_time, late: r.late });
  for (const r of escalationRows) entry(r.org).escalations = r.count;

  const due = actionRows.reduce((s, r) => s + r.due, 0);
  const doneOnTime = actionRows.reduce((s, r) => s + r.on_time, 0);
  const counts = new Map(phaseRows.map((r) => [r.phase, r.count]));
  return {
    period,
    casesPerPhase: phases.map((p) => ({ phase: p, count: counts.get(p) ?? 0 })),
    registrationToFirstConference: {
      cases: median?.cases ?? 0,
      medianDays: median?.median === null || median?.median === undefined ? null : Number(median.median),
    },
    actions: {
      due,
      doneOnTime,
      shareOnTime: due === 0 ? null : doneOnTime / due,
      late: actionRows.reduce((s, r) => s + r.late, 0),
    },
    escalations: escalationRows.reduce((s, r) => s + r.count, 0),
    byOrganisation: [...byOrg.values()].sort(
      (a, b) =>
        (a.organisationName === null ? 1 : 0) - (b.organisationName === null ? 1 : 0) ||
        (a.organisationName ?? "").localeCompare(b.organisationName ?? "", "nl"),
    ),
  };
}
