/**
 * Action items: the one code path for creating and changing them (REST and the conference socket).
 * Each write is one transaction with its action_events history row and its audit entry.
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import {
  type ActionChange,
  actionEvents,
  actionItems,
  caseMembers,
  conferences,
  decisions,
  organisations,
  users,
} from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import type { CreateActionInput, UpdateActionInput } from "../../shared/schemas/action";
import { AppError, errors } from "../errors";
import { type CaseAccess, loadCaseAccess } from "../policy";
import { type ActionView, presentAction } from "../presenters/action";
import { auditCommand, authorizeAudited, type CommandActor } from "./case-command";
import { requireWarningReason } from "./text-warnings";

export type { CommandActor } from "./case-command";

/** Loads actions with owner and organisation, presented for `today` (Amsterdam date). */
export async function loadActionViews(
  db: Db | Tx,
  where: SQL | undefined,
  today: string,
): Promise<ActionView[]> {
  const rows = await db
    .select({ action: actionItems, ownerName: users.name, orgName: organisations.name })
    .from(actionItems)
    .leftJoin(users, eq(users.id, actionItems.ownerUserId))
    .leftJoin(organisations, eq(organisations.id, actionItems.ownerOrganisationId))
    .where(where)
    .orderBy(asc(actionItems.dueDate), asc(actionItems.createdAt), asc(actionItems.id));
  return rows.map((r) =>
    presentAction(
      r.action,
      r.ownerName !== null ? { id: r.action.ownerUserId, name: r.ownerName } : null,
      r.action.ownerOrganisationId && r.orgName !== null
        ? { id: r.action.ownerOrganisationId, name: r.orgName }
        : null,
      today,
    ),
  );
}

/** One action, presented. */
export async function loadActionView(
  db: Db | Tx,
  actionId: string,
  today: string,
): Promise<ActionView | null> {
  const [view] = await loadActionViews(db, eq(actionItems.id, actionId), today);
  return view ?? null;
}

/** The actions of a case. */
export function listCaseActions(db: Db | Tx, caseId: string, today: string): Promise<ActionView[]> {
  return loadActionViews(db, eq(actionItems.caseId, caseId), today);
}

/** A member of the case who can own an action, with their organisation; 400 otherwise. */
async function ownerOnCase(db: Db | Tx, caseId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, organisationId: users.organisationId, disabledAt: users.disabledAt })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
    .limit(1);
  if (!row || row.disabledAt) {
    throw errors.invalidInput([{ path: "ownerUserId", message: "De eigenaar moet lid zijn van de casus." }]);
  }
  return row;
}

/** The conference an action is agreed in: the given one, or the case's running one; it must run. */
async function runningConference(db: Db | Tx, caseId: string, conferenceId: string | undefined) {
  const where = conferenceId
    ? and(eq(conferences.id, conferenceId), eq(conferences.caseId, caseId))
    : and(eq(conferences.caseId, caseId), eq(conferences.status, "in_progress"));
  const [row] = await db
    .select({ id: conferences.id, status: conferences.status })
    .from(conferences)
    .where(where)
    .limit(1);
  if (conferenceId && !row) throw errors.notFound("Overleg niet gevonden.");
  if (row?.status !== "in_progress") {
    throw new AppError("not_in_progress", "Actiepunten worden vastgelegd tijdens een lopend overleg.");
  }
  return row.id;
}

/** A new due date is today or later (Amsterdam): a date in the past is a slip of the keyboard. */
function requireDueDateAhead(dueDate: string, now: Date): void {
  if (dueDate < amsterdamDate(now)) {
    throw errors.invalidInput([
      { path: "dueDate", message: "Deze datum ligt in het verleden. Kies vandaag of later." },
    ]);
  }
}

/** Why an update made from a stale screen is refused: what the action is now, in the web page's words. */
const nowIs = {
  status: {
    open: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Open.",
    in_progress: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Bezig.",
    done: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Gereed.",
    cancelled: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Vervallen.",
  },
  lateReason: {
    circumstances_changed:
      "Iemand anders heeft dit actiepunt intussen gewijzigd: de reden van vertraging is nu Omstandigheden gewijzigd.",
    not_carried_out:
      "Iemand anders heeft dit actiepunt intussen gewijzigd: de reden van vertraging is nu Niet uitgevoerd.",
    none: "Iemand anders heeft dit actiepunt intussen gewijzigd: er is nu geen reden van vertraging.",
  },
} as const;

/**
 * Refuses (409) an update whose caller saw other values than the action has now: someone changed it
 * since, and saving would silently undo that. Only the fields the caller names are compared.
 */
function requireUnchanged(
  row: typeof actionItems.$inferSelect,
  expected: UpdateActionInput["expected"],
): void {
  if (expected?.status !== undefined && expected.status !== row.status) {
    throw errors.conflict(nowIs.status[row.status]);
  }
  if (expected?.lateReason !== undefined && expected.lateReason !== row.lateReason) {
    throw errors.conflict(nowIs.lateReason[row.lateReason ?? "none"]);
  }
}

/**
 * Creates an action in the case's running conference: chair or case director; the owner must be a
 * member (their organisation is recorded); an intimate-terror warning needs a recorded reason.
 */
export async function createAction(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  input: CreateActionInput,
  now: Date,
): Promise<ActionView> {
  await authorizeAudited(db, actor, access, "action:create", access, { type: "action" }, now);
  requireDueDateAhead(input.dueDate, now);
  const id = await db.transaction(async (tx) => {
    const conferenceId = await runningConference(tx, access.caseId, input.conferenceId);
    const owner = await ownerOnCase(tx, access.caseId, input.ownerUserId);
    if (input.decisionId) {
      const [decision] = await tx
        .select({ id: decisions.id, status: decisions.status })
        .from(decisions)
        .where(and(eq(decisions.id, input.decisionId), eq(decisions.caseId, access.caseId)))
        .limit(1);
      if (!decision || decision.status === "withdrawn") {
        throw errors.invalidInput([{ path: "decisionId", message: "Dit besluit bestaat niet (meer)." }]);
      }
    }
    const warningOverride = requireWarningReason(access, input.title, input.warningOverride);
    const [row] = await tx
      .insert(actionItems)
      .values({
        caseId: access.caseId,
        conferenceId,
        decisionId: input.decisionId ?? null,
        title: input.title,
        ownerUserId: owner.id,
        ownerOrganisationId: owner.organisationId,
        dueDate: input.dueDate,
        status: "open",
        warningOverride,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: actionItems.id });
    await tx.insert(actionEvents).values({
      actionId: row.id,
      userId: actor.id,
      at: now,
      changes: [
        { field: "status", from: null, to: "open" },
        { field: "ownerUserId", from: null, to: owner.id },
        { field: "dueDate", from: null, to: input.dueDate },
      ],
    });
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "create",
        objectType: "action",
        objectId: row.id,
        details: { conferenceId, warningOverride: warningOverride !== null },
      },
      now,
    );
    return row.id;
  });
  return (await loadActionView(db, id, amsterdamDate(now)))!;
}

/**
 * Changes an action: the owner (a participant) updates status, late reason and notes; the chair,
 * case director or the region's coordinator may also reassign, move the due date and cancel.
 * `reassigned` says whether it got a new owner (who is then told, `notifyNewOwner`).
 */
export async function updateAction(
  db: Db,
  actor: CommandActor,
  actionId: string,
  patch: UpdateActionInput,
  now: Date,
): Promise<{ action: ActionView; reassigned: boolean }> {
  const [current] = await db.select().from(actionItems).where(eq(actionItems.id, actionId)).limit(1);
  if (!current) throw errors.notFound("Actiepunt niet gevonden.");
  const access = await loadCaseAccess(db, actor, current.caseId, now);
  if (!access) throw errors.notFound("Actiepunt niet gevonden.");
  const object = { type: "action", id: actionId };
  await authorizeAudited(
    db,
    actor,
    access,
    "action:update",
    { access, ownerUserId: current.ownerUserId },
    object,
    now,
  );
  const reassigns =
    (patch.ownerUserId !== undefined && patch.ownerUserId !== current.ownerUserId) ||
    (patch.dueDate !== undefined && patch.dueDate !== current.dueDate) ||
    (patch.status === "cancelled" && current.status !== "cancelled");
  if (reassigns) await authorizeAudited(db, actor, access, "action:assign", access, object, now);
  if (patch.dueDate !== undefined && patch.dueDate !== current.dueDate)
    requireDueDateAhead(patch.dueDate, now);

  let reassigned = false;
  await db.transaction(async (tx) => {
    // Read again, locked: an update that arrived meanwhile counts for what changes and for `expected`.
    const [locked] = await tx
      .select()
      .from(actionItems)
      .where(eq(actionItems.id, actionId))
      .limit(1)
      .for("update");
    if (!locked) throw errors.notFound("Actiepunt niet gevonden.");
    requireUnchanged(locked, patch.expected);
    const changes: ActionChange[] = [];
    const set: Partial<typeof actionItems.$inferInsert> = {};
    if (patch.status !== undefined && patch.status !== locked.status) {
      changes.push({ field: "status", from: locked.status, to: patch.status });
      set.status = patch.status;
      set.completedAt = patch.status === "done" ? now : null;
    }
    if (patch.dueDate !== undefined && patch.dueDate !== locked.dueDate) {
      changes.push({ field: "dueDate", from: locked.dueDate, to: patch.dueDate });
      set.dueDate = patch.dueDate;
    }
    if (patch.ownerUserId !== undefined && patch.ownerUserId !== locked.ownerUserId) {
      const owner = await ownerOnCase(tx, locked.caseId, patch.ownerUserId);
      changes.push({ field: "ownerUserId", from: locked.ownerUserId, to: owner.id });
      set.ownerUserId = owner.id;
      if (owner.organisationId !== locked.ownerOrganisationId) {
        changes.push({
          field: "ownerOrganisationId",
          from: locked.ownerOrganisationId,
          to: owner.organisationId,
        });
      }
      set.ownerOrganisationId = owner.organisationId;
      reassigned = true;
    }
    if (patch.lateReason !== undefined && patch.lateReason !== locked.lateReason) {
      changes.push({ field: "lateReason", from: locked.lateReason, to: patch.lateReason });
      set.lateReason = patch.lateReason;
    }
    const note = patch.note ? patch.note : null;
    if (changes.length === 0 && !note) return;
    if (changes.length > 0) {
      await tx
        .update(actionItems)
        .set({ ...set, updatedAt: now })
        .where(eq(actionItems.id, actionId));
    }
    await tx.insert(actionEvents).values({ actionId, userId: actor.id, at: now, changes, note });
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "update",
        objectType: "action",
        objectId: actionId,
        details: { fields: changes.map((c) => c.field).join(",") || "note" },
      },
      now,
    );
  });
  return { action: (await loadActionView(db, actionId, amsterdamDate(now)))!, reassigned };
}

/** The open (not done, not cancelled) actions of a case, for the start of a review conference. */
export function listOpenCaseActions(db: Db | Tx, caseId: string, today: string): Promise<ActionView[]> {
  return loadActionViews(
    db,
    and(eq(actionItems.caseId, caseId), inArray(actionItems.status, ["open", "in_progress"])),
    today,
  );
}
