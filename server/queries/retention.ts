/**
 * Retention of case files (AVG, jeugdhulp: at least 20 years after care ends): a closed case is
 * kept for the configured number of years after it closed, and then destroyed.
 */
import { and, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { phaseChanges } from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import type { Phase } from "../../shared/domain";

/** Years a closed case is kept when `RETENTION_YEARS` is not set. */
export const defaultRetentionYears = 20;

/** How long a case is kept, as the API shows it: only for a case in phase `gesloten`. */
export interface Retention {
  /** When it was closed (the latest move to `gesloten`). */
  closedAt: string;
  /** The calendar day from which it may be destroyed. */
  until: string;
  /** That day has come: the coordinator may destroy the file. */
  due: boolean;
}

/**
 * The first day a closed case may be destroyed: the calendar day it closed (Amsterdam time, as the
 * page shows it), `years` later; 29 February becomes 1 March.
 */
export function retentionEndDay(closedAt: Date, years: number): string {
  const [y, m, d] = amsterdamDate(closedAt).split("-").map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** When each of these cases last moved to `gesloten`. */
async function closedAtOf(db: Db, caseIds: string[]): Promise<Map<string, Date>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select({ caseId: phaseChanges.caseId, at: max(phaseChanges.changedAt) })
    .from(phaseChanges)
    .where(and(inArray(phaseChanges.caseId, caseIds), eq(phaseChanges.toPhase, "gesloten")))
    .groupBy(phaseChanges.caseId);
  return new Map(rows.flatMap((r) => (r.at ? [[r.caseId, new Date(r.at)] as const] : [])));
}

/** A case's retention, or null while it is not closed; due from its end day on (Amsterdam time). */
export function retentionOf(
  phase: Phase,
  closedAt: Date | undefined,
  years: number,
  now: Date,
): Retention | null {
  if (phase !== "gesloten" || !closedAt) return null;
  const until = retentionEndDay(closedAt, years);
  return { closedAt: closedAt.toISOString(), until, due: amsterdamDate(now) >= until };
}

/**
 * The retention of each of these cases (null while not closed) on the configured years, as the
 * case list, the case page and destruction all need it: one query for the closing dates.
 */
export async function retentionsOf(
  deps: { database: { db: Db }; config: { retentionYears?: number }; clock: { now(): Date } },
  rows: { id: string; phase: Phase }[],
): Promise<Map<string, Retention | null>> {
  const closed = await closedAtOf(
    deps.database.db,
    rows.filter((r) => r.phase === "gesloten").map((r) => r.id),
  );
  const years = deps.config.retentionYears ?? defaultRetentionYears;
  const now = deps.clock.now();
  return new Map(rows.map((r) => [r.id, retentionOf(r.phase, closed.get(r.id), years, now)]));
}
