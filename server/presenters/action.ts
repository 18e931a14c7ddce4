/** Action items (actiepunten) as the API and the conference state show them. */
import type { actionItems } from "../../db/schema";
import type { ActionStatus } from "../../shared/domain";
import type { ActionView } from "../../shared/schemas/action";

export type { ActionView } from "../../shared/schemas/action";

type ActionRow = typeof actionItems.$inferSelect;

/** Whether an action is late on `today` (`YYYY-MM-DD`, Amsterdam): past due and not done or cancelled. */
export function isOverdue(row: { dueDate: string; status: ActionStatus }, today: string): boolean {
  return row.status !== "done" && row.status !== "cancelled" && row.dueDate < today;
}

/** Presents one action with its owner and the owner's organisation (recorded at assignment). */
export function presentAction(
  row: ActionRow,
  owner: { id: string; name: string } | null,
  organisation: { id: string; name: string } | null,
  today: string,
): ActionView {
  return {
    id: row.id,
    caseId: row.caseId,
    conferenceId: row.conferenceId,
    decisionId: row.decisionId,
    title: row.title,
    owner,
    organisation,
    dueDate: row.dueDate,
    status: row.status,
    lateReason: row.lateReason ?? null,
    overdue: isOverdue(row, today),
    warningOverride: row.warningOverride ?? null,
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
