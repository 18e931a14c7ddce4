/**
 * Notifications (reminders, escalations) go through one interface so a region can plug in SMTP.
 * The default only logs identifiers: never names, e-mail addresses or plan text.
 */
import type { Logger } from "../logger";

/** Something a person should hear about. Ids only: the notifier looks up what it needs to send. */
export type Notification =
  | {
      kind: "escalation_raised";
      escalationId: string;
      caseId: string;
      actionId: string | null;
      level: string;
      recipientUserIds: string[];
    }
  | { kind: "escalation_resolved"; escalationId: string; caseId: string; recipientUserIds: string[] }
  | { kind: "actions_due"; userId: string; actionIds: string[] }
  /** An action got a new owner (made in a conference, or reassigned), who did not do it themselves. */
  | { kind: "action_assigned"; actionId: string; caseId: string; recipientUserIds: string[] }
  | {
      kind: "restraining_order_ending";
      caseId: string;
      /** Its last day. */
      until: string;
      /** The mayor can still extend it (it ends before four weeks are over). */
      extendable: boolean;
      recipientUserIds: string[];
    };

/** Sends notifications (mail, chat, …). Must not throw for delivery problems: log and move on. */
export interface Notifier {
  notify(notification: Notification): Promise<void>;
}

/** The default: writes the ids to the log, so an operator can see what would have been sent. */
export function logNotifier(logger: Logger): Notifier {
  return {
    async notify(n) {
      logger.info({ notification: n }, "notification (log only)");
    },
  };
}

/**
 * Tells an action's new owner that it is theirs now, unless they gave it to themselves: across
 * organisations, an action agreed in a conference is otherwise only found by looking.
 */
export async function notifyNewOwner(
  deps: { notifier?: Notifier; logger: Logger },
  actorId: string,
  action: { id: string; caseId: string; owner: { id: string } | null },
): Promise<void> {
  if (!action.owner || action.owner.id === actorId) return;
  await notifierOf(deps).notify({
    kind: "action_assigned",
    actionId: action.id,
    caseId: action.caseId,
    recipientUserIds: [action.owner.id],
  });
}

/** The notifier of the app: the injected one, or the log-only default. */
export function notifierOf(deps: { notifier?: Notifier; logger: Logger }): Notifier {
  return deps.notifier ?? logNotifier(deps.logger);
}
