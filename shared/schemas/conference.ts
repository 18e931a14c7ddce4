/** Conference inputs (REST bodies and Socket.IO intent payloads) and the views both sides share. */
import { z } from "zod";
import "./messages";
import { type ConferenceStatus, type DecisionStatus, type Position, positions } from "../domain";
import { sectionKeys } from "../plan";
import {
  type ActionView,
  createActionInput,
  idSchema,
  maxNote,
  updateActionInput,
  warningOverrideSchema,
} from "./action";
import { instantSchema } from "./dates";

/** Longest decision text accepted. */
export const maxDecisionText = 5000;

const conferenceRef = z.object({ conferenceId: idSchema });

/** Most agenda items a conference can have. */
export const maxAgendaItems = 40;

/** The refusal of an agenda position the conference does not have. */
export const noSuchAgendaItem = "Dit agendapunt bestaat niet.";

/** One agenda item. */
export const agendaItemSchema = z.object({
  title: z.string().trim().min(1, "Vul een agendapunt in.").max(200, "Hoogstens 200 tekens."),
  sectionKey: z.enum(sectionKeys).optional(),
});

/** `POST /api/cases/:caseId/conferences`. */
export const scheduleConferenceInput = z.object({
  scheduledAt: instantSchema,
  durationMinutes: z.number().int().min(5).max(480).optional(),
  agenda: z.array(agendaItemSchema).max(maxAgendaItems, "Hoogstens 40 agendapunten.").default([]),
});
export type ScheduleConferenceInput = z.infer<typeof scheduleConferenceInput>;

/** Payloads of the client → server intents, by event name. */
export const intentSchemas = {
  /** The language the UI switched to: refusals follow it (the handshake brings the first one). */
  "client:locale": z.object({ locale: z.enum(["nl", "en"]) }),
  "conference:join": conferenceRef,
  "conference:leave": conferenceRef,
  "conference:start": conferenceRef,
  "conference:end": conferenceRef,
  "agenda:focus": conferenceRef.extend({ sectionKey: z.enum(sectionKeys) }),
  /** Marks an agenda item (its position) as the one being discussed; a plan item also moves the focus. */
  "agenda:current": conferenceRef.extend({
    index: z
      .number()
      .int(noSuchAgendaItem)
      .min(0, noSuchAgendaItem)
      .max(maxAgendaItems - 1, noSuchAgendaItem),
  }),
  "hand:raise": conferenceRef,
  /** Lowers your own hand; the chair may lower someone else's with `userId`. */
  "hand:lower": conferenceRef.extend({ userId: idSchema.optional() }),
  "attendance:set": conferenceRef.extend({
    userId: idSchema,
    present: z.enum(["present", "absent", "excused"]),
  }),
  "decision:propose": conferenceRef.extend({
    text: z
      .string()
      .trim()
      .min(1, "Vul het besluit in.")
      .max(maxDecisionText, `Hoogstens ${maxDecisionText} tekens.`),
    warningOverride: warningOverrideSchema.optional(),
  }),
  "decision:position": z
    .object({
      decisionId: idSchema,
      position: z.enum(positions),
      note: z.string().trim().max(maxNote, `Hoogstens ${maxNote} tekens.`).optional(),
    })
    .refine((p) => p.position !== "object" || (p.note !== undefined && p.note.length > 0), {
      message: "Geef een reden bij bezwaar.",
      path: ["note"],
    }),
  "decision:adopt": z.object({ decisionId: idSchema }),
  "decision:withdraw": z.object({ decisionId: idSchema }),
  "action:create": createActionInput.omit({ conferenceId: true }).extend({ conferenceId: idSchema }),
  "action:update": z.intersection(z.object({ actionId: idSchema }), updateActionInput),
} as const;

/** The name of a client → server intent. */
export type IntentName = keyof typeof intentSchemas;
/** The payload of an intent. */
export type IntentPayload<N extends IntentName> = z.input<(typeof intentSchemas)[N]>;

/** A person as the conference shows them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A conference without its contents (lists). */
export interface ConferenceSummary {
  id: string;
  caseId: string;
  status: ConferenceStatus;
  scheduledAt: string;
  durationMinutes: number;
  startedAt: string | null;
  endedAt: string | null;
  agenda: { title: string; sectionKey?: string }[];
  /** The plan section everyone's editor shows while it runs; null when the item discussed has none. */
  focusSectionKey: string | null;
  /**
   * The agenda item being discussed: its position in `agenda` (the agenda does not change once
   * planned). Null, or absent in an older answer, when no item is marked.
   */
  currentAgendaIndex?: number | null;
}

/**
 * When a conference was held (its start), or, until it starts, when it is planned: the day lists
 * name and sort it by (`GET /api/cases/:id/conferences` sorts by the same, newest first).
 */
export const heldAt = (c: Pick<ConferenceSummary, "startedAt" | "scheduledAt">): string =>
  c.startedAt ?? c.scheduledAt;

/** One member of the case in the room: their recorded attendance and whether they are connected. */
export interface AttendanceView {
  userId: string;
  name: string;
  role: string;
  organisation: { id: string; name: string } | null;
  /** Recorded attendance; null when nothing is recorded yet. */
  present: "present" | "absent" | "excused" | null;
  joinedAt: string | null;
  leftAt: string | null;
  online: boolean;
}

/** A position on a decision. */
export interface PositionView {
  userId: string;
  name: string;
  organisation: { id: string; name: string } | null;
  position: Position;
  note: string | null;
  recordedAt: string;
}

/** A decision with every position. */
export interface DecisionView {
  id: string;
  caseId: string;
  conferenceId: string;
  text: string;
  status: DecisionStatus;
  proposedBy: PersonRef | null;
  proposedAt: string;
  adoptedBy: PersonRef | null;
  adoptedAt: string | null;
  withdrawnAt: string | null;
  /** The plan version stored when it was adopted. */
  planVersion: { id: string; number: number } | null;
  warningOverride: string | null;
  positions: PositionView[];
}

/** A raised hand, in the order raised. */
export interface HandView {
  userId: string;
  name: string;
  raisedAt: string;
}

/** The whole room state: what a (late) joiner gets and what every change broadcasts. */
export interface ConferenceState {
  conference: ConferenceSummary;
  attendance: AttendanceView[];
  hands: HandView[];
  decisions: DecisionView[];
  /** Actions agreed in this conference. */
  actions: ActionView[];
  /** The case's earlier actions that are still open (late ones have `overdue`). */
  openActions: ActionView[];
  /** Plan versions stored in this conference (one per adopted decision). */
  planVersions: { id: string; number: number }[];
  /** Grows with every broadcast of this conference; a client ignores older states. */
  revision: number;
}

/**
 * An earlier action reviewed in the conference: what was changed on it during the meeting (status,
 * late reason, date, owner by name) and the notes, as recorded then.
 */
export interface ReviewedActionView {
  id: string;
  title: string;
  changes: { field: string; from: string | null; to: string | null }[];
  notes: string[];
}

/** The minutes (verslag) of an ended conference. */
export interface MinutesView {
  case: { id: string; reference: string; title: string };
  conference: ConferenceSummary;
  attendance: AttendanceView[];
  decisions: DecisionView[];
  actions: ActionView[];
  /** Earlier actions reviewed (changed or noted) during the conference. */
  reviewed: ReviewedActionView[];
  planVersions: { id: string; number: number; createdAt: string }[];
}
