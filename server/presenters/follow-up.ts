/** Follow-up rows (overview, escalations, phases) as the API shows them. */
import type { OverviewRow } from "../queries/action-overview";

/** An action in the overview, my actions and reminders. */
export function presentOverviewRow(r: OverviewRow) {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    dueDate: r.dueDate,
    overdue: r.overdue,
    daysLate: r.daysLate,
    lateReason: r.lateReason,
    case: { id: r.caseId, reference: r.caseReference },
    owner: { id: r.ownerUserId, name: r.ownerName },
    organisation: r.organisationId ? { id: r.organisationId, name: r.organisationName } : null,
    escalation: r.openEscalationId ? { id: r.openEscalationId, level: r.openEscalationLevel } : null,
    proposedForEscalation: r.proposedForEscalation,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * An escalation with the names the list shows, its action's current status and due date (an action
 * done since needs an outcome, not chasing), and whether the one asking may close it.
 */
export function presentEscalation(e: {
  id: string;
  caseId: string;
  caseReference: string;
  actionId: string | null;
  actionTitle: string | null;
  actionStatus: string | null;
  actionDueDate: string | null;
  level: string;
  reason: string;
  raisedById: string;
  raisedByName: string | null;
  raisedAt: Date;
  outcome: string | null;
  resolvedById: string | null;
  resolvedByName: string | null;
  resolvedAt: Date | null;
  mayResolve: boolean;
}) {
  return {
    id: e.id,
    case: { id: e.caseId, reference: e.caseReference },
    action: e.actionId
      ? { id: e.actionId, title: e.actionTitle, status: e.actionStatus, dueDate: e.actionDueDate }
      : null,
    level: e.level,
    reason: e.reason,
    raisedBy: { id: e.raisedById, name: e.raisedByName },
    raisedAt: e.raisedAt.toISOString(),
    outcome: e.outcome,
    resolvedBy: e.resolvedById ? { id: e.resolvedById, name: e.resolvedByName } : null,
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    open: e.resolvedAt === null,
    mayResolve: e.mayResolve,
  };
}
