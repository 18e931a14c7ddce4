/** The conference types the panel uses: the shared views of `shared/events.ts`. */
export type { Ack, IntentError } from "../../../../shared/events";
export type { ActionView } from "../../../../shared/schemas/action";
export type {
  AttendanceView,
  ConferenceState,
  ConferenceSummary,
  DecisionView,
  HandView,
  MinutesView,
  PositionView,
} from "../../../../shared/schemas/conference";

/** A warning the server found in decision or action text. */
export interface TextWarning {
  ruleId: string;
  match: string;
  message: { nl: string; en: string };
}
