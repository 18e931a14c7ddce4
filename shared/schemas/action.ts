/** Input schemas for action items (actiepunten): REST bodies and Socket.IO payloads share them. */
import { z } from "zod";
import "./messages";
import { type ActionStatus, actionStatuses, type LateReason, lateReasons } from "../domain";
import { calendarDateSchema } from "./dates";

/** Longest action title accepted. */
export const maxActionTitle = 500;
/** Longest note or reason accepted. */
export const maxNote = 2000;

/** A due date: an existing calendar date. */
export const dueDateSchema = calendarDateSchema;

/** A database id. */
export const idSchema = z.string().uuid("Ongeldige id.");

/** A reason the chair gives to go on despite an intimate-terror warning. */
export const warningOverrideSchema = z
  .string()
  .trim()
  .min(3, "Geef een reden.")
  .max(maxNote, `Hoogstens ${maxNote} tekens.`);

/** `POST /api/cases/:caseId/actions`. */
export const createActionInput = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Vul een omschrijving in.")
    .max(maxActionTitle, `Hoogstens ${maxActionTitle} tekens.`),
  ownerUserId: idSchema,
  dueDate: dueDateSchema,
  decisionId: idSchema.optional(),
  /** The conference it is agreed in; default: the case's conference in progress. */
  conferenceId: idSchema.optional(),
  warningOverride: warningOverrideSchema.optional(),
});
export type CreateActionInput = z.infer<typeof createActionInput>;

/** `PATCH /api/actions/:actionId` (and the `action:update` intent without `actionId`). */
export const updateActionInput = z
  .object({
    status: z.enum(actionStatuses).optional(),
    dueDate: dueDateSchema.optional(),
    ownerUserId: idSchema.optional(),
    note: z.string().trim().max(maxNote, `Hoogstens ${maxNote} tekens.`).optional(),
    /** Why it is late; null clears it. */
    lateReason: z.enum(lateReasons).nullable().optional(),
    /**
     * What the caller saw when their user began the change: when the action differs from it now, the
     * update is refused (409) and nothing changes, so a stale screen never undoes someone else's
     * change. Optional: without it, the last write wins.
     */
    expected: z
      .object({
        status: z.enum(actionStatuses).optional(),
        lateReason: z.enum(lateReasons).nullable().optional(),
      })
      .optional(),
  })
  .refine(
    (p) =>
      p.status !== undefined ||
      p.dueDate !== undefined ||
      p.ownerUserId !== undefined ||
      p.lateReason !== undefined ||
      (p.note !== undefined && p.note.length > 0),
    "Geef aan wat er verandert.",
  );
export type UpdateActionInput = z.infer<typeof updateActionInput>;

/** An action as the API and the conference state show it; `overdue` is derived (Amsterdam date). */
export interface ActionView {
  id: string;
  caseId: string;
  conferenceId: string | null;
  decisionId: string | null;
  title: string;
  owner: { id: string; name: string } | null;
  /** The owner's organisation, recorded when they were assigned. */
  organisation: { id: string; name: string } | null;
  dueDate: string;
  status: ActionStatus;
  lateReason: LateReason | null;
  overdue: boolean;
  warningOverride: string | null;
  completedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
