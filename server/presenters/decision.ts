/** Decisions (besluiten) with their positions, as the API and the conference state show them. */
import type { decisionPositions, decisions } from "../../db/schema";
import type { DecisionView, PersonRef, PositionView } from "../../shared/schemas/conference";

export type { DecisionView, PositionView } from "../../shared/schemas/conference";

type DecisionRow = typeof decisions.$inferSelect;
type PositionRow = typeof decisionPositions.$inferSelect;

/** Names and organisations of the people a decision mentions. */
export type People = Map<string, { name: string; organisation: { id: string; name: string } | null }>;

const person = (people: People, id: string | null): PersonRef | null =>
  id ? { id, name: people.get(id)?.name ?? "" } : null;

/** One position. */
export function presentPosition(row: PositionRow, people: People): PositionView {
  return {
    userId: row.userId,
    name: people.get(row.userId)?.name ?? "",
    organisation: people.get(row.userId)?.organisation ?? null,
    position: row.position,
    note: row.note,
    recordedAt: row.recordedAt.toISOString(),
  };
}

/** One decision with its positions (in the order recorded) and the plan version it adopted. */
export function presentDecision(
  row: DecisionRow,
  positions: PositionRow[],
  people: People,
  planVersion: { id: string; number: number } | null,
): DecisionView {
  return {
    id: row.id,
    caseId: row.caseId,
    conferenceId: row.conferenceId,
    text: row.text,
    status: row.status,
    proposedBy: person(people, row.proposedBy),
    proposedAt: row.proposedAt.toISOString(),
    adoptedBy: person(people, row.adoptedBy),
    adoptedAt: row.adoptedAt ? row.adoptedAt.toISOString() : null,
    withdrawnAt: row.withdrawnAt ? row.withdrawnAt.toISOString() : null,
    planVersion,
    warningOverride: row.warningOverride,
    positions: positions.map((p) => presentPosition(p, people)),
  };
}
