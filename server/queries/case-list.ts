/** What the case list shows beside each case: its conferences at a glance. */
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conferences } from "../../db/schema";

/** A case's conferences as the list needs them. */
export interface ConferenceGlance {
  /** The next scheduled or running conference, if any. */
  nextConferenceAt: string | null;
  /** Whether the case has had or has planned any conference at all. */
  anyConference: boolean;
}

/** The conference glance of each of these cases, in one query. */
export async function conferenceGlances(db: Db, caseIds: string[]): Promise<Map<string, ConferenceGlance>> {
  const glances = new Map<string, ConferenceGlance>();
  if (caseIds.length === 0) return glances;
  const rows = await db
    .select({
      caseId: conferences.caseId,
      next: sql<
        string | Date | null
      >`min(${conferences.scheduledAt}) filter (where ${conferences.status} <> 'ended')`,
    })
    .from(conferences)
    .where(inArray(conferences.caseId, caseIds))
    .groupBy(conferences.caseId);
  for (const r of rows) {
    glances.set(r.caseId, {
      nextConferenceAt: r.next === null ? null : new Date(r.next).toISOString(),
      anyConference: true,
    });
  }
  return glances;
}
