/** Follow-up data as the API returns it. */

/** An action in the overview, my actions and reminders. */
export interface OverviewAction {
  id: string;
  title: string;
  status: "open" | "in_progress" | "done" | "cancelled";
  dueDate: string;
  overdue: boolean;
  daysLate: number;
  lateReason: "circumstances_changed" | "not_carried_out" | null;
  case: { id: string; reference: string };
  owner: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  escalation: { id: string; level: string } | null;
  proposedForEscalation: boolean;
  updatedAt: string;
}

/** An escalation record. */
export interface Escalation {
  id: string;
  case: { id: string; reference: string };
  /** The action escalated, as it is now (null for the case itself). */
  action: {
    id: string;
    title: string | null;
    status: OverviewAction["status"] | null;
    dueDate: string | null;
  } | null;
  level: string;
  reason: string;
  raisedBy: { id: string; name: string | null };
  raisedAt: string;
  outcome: string | null;
  resolvedBy: { id: string; name: string | null } | null;
  resolvedAt: string | null;
  open: boolean;
  /** Whether I may close it: the level it went to does (the procesregisseur for those above her). */
  mayResolve: boolean;
}

/** `GET /api/actions/:id`. */
export interface ActionDetail {
  today: string;
  action: OverviewAction & { createdAt: string | null; completedAt: string | null };
  history: {
    id: string;
    at: string;
    by: { id: string; name: string | null };
    changes: { field: string; from: string | null; to: string | null }[];
    note: string | null;
  }[];
  escalations: Escalation[];
  /** Names of the people an action was handed from and to (the history holds their ids). */
  names: Record<string, string>;
  nextEscalationLevel: string | null;
  permissions: { update: boolean; assign: boolean; escalate: boolean };
}

/** `GET /api/reminders`. */
export interface Reminders {
  today: string;
  count: number;
  lateCount: number;
  actions: OverviewAction[];
  /** Huisverboden ending within two days on cases I chair or direct. */
  restrainingOrders: {
    caseId: string;
    reference: string;
    from: string | null;
    until: string;
    extendable: boolean;
  }[];
}
