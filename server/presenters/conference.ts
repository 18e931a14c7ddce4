/** Conferences as the API and the room state show them. */
import type { conferences } from "../../db/schema";
import type { ConferenceSummary } from "../../shared/schemas/conference";

type ConferenceRow = typeof conferences.$inferSelect;

/** A conference without its contents. */
export function presentConference(row: ConferenceRow): ConferenceSummary {
  return {
    id: row.id,
    caseId: row.caseId,
    status: row.status,
    scheduledAt: row.scheduledAt.toISOString(),
    durationMinutes: row.durationMinutes,
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    agenda: row.agenda,
    focusSectionKey: row.focusSectionKey,
  };
}
