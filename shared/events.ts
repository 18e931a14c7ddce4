/**
 * Typed Socket.IO events of the conference (`/socket.io`). Clients send intents with an
 * acknowledgement callback; the server answers `{ok:true,…}` or `{ok:false,error}` and broadcasts
 * the resulting room state as `conference:state`. Payload schemas: `schemas/conference.ts`.
 */
import type { ActionView } from "./schemas/action";
import type { ConferenceState, DecisionView, IntentName, IntentPayload } from "./schemas/conference";

export type { ConferenceState, DecisionView, IntentName, IntentPayload } from "./schemas/conference";
export { intentSchemas } from "./schemas/conference";

/** A refusal: stable code (as the HTTP API), a message for people, optional field details. */
export interface IntentError {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
  /** With `warning_needs_reason`: the intimate-terror warnings the chair must weigh. */
  warnings?: { ruleId: string; match: string; index: number; message: { nl: string; en: string } }[];
}

/** The acknowledgement of an intent. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: IntentError };

/** One intent: its payload and the acknowledgement callback. */
export type Intent<N extends IntentName, R extends object = object> = (
  payload: IntentPayload<N>,
  ack: (answer: Ack<R>) => void,
) => void;

/** Client → server intents. */
export interface ClientToServerEvents {
  "client:locale": Intent<"client:locale">;
  "conference:join": Intent<"conference:join", { state: ConferenceState }>;
  "conference:leave": Intent<"conference:leave">;
  "conference:start": Intent<"conference:start", { state: ConferenceState }>;
  "conference:end": Intent<"conference:end", { state: ConferenceState }>;
  "agenda:focus": Intent<"agenda:focus">;
  /** Marks an agenda item as the one discussed (any item; a plan item also moves the focus). */
  "agenda:current": Intent<"agenda:current">;
  "hand:raise": Intent<"hand:raise">;
  "hand:lower": Intent<"hand:lower">;
  "attendance:set": Intent<"attendance:set">;
  "decision:propose": Intent<"decision:propose", { decision: DecisionView }>;
  "decision:position": Intent<"decision:position", { decision: DecisionView }>;
  "decision:adopt": Intent<"decision:adopt", { decision: DecisionView }>;
  "decision:withdraw": Intent<"decision:withdraw", { decision: DecisionView }>;
  "action:create": Intent<"action:create", { action: ActionView }>;
  "action:update": Intent<"action:update", { action: ActionView }>;
}

/** Server → client events. */
export interface ServerToClientEvents {
  /** The full room state after every change (compare `revision`). */
  "conference:state": (state: ConferenceState) => void;
  /** The chair moved the focus: show this section. */
  "agenda:focus": (focus: { conferenceId: string; sectionKey: string }) => void;
  /** You were removed from the room (access changed); the reason is a code. */
  "conference:closed": (info: { conferenceId: string; code: string }) => void;
  /** A conference of a case you are on was scheduled: ids only, fetch the list again. */
  "conference:scheduled": (info: { caseId: string; conferenceId: string }) => void;
  /**
   * Who is on a case of yours changed (a member added or removed, a role changed, the confidential
   * readers changed): ids only, fetch the case again. Your own rights may be among what changed.
   */
  "case:changed": (info: { caseId: string }) => void;
}
