/**
 * Actions as they stood at a moment in the past, from their history (`action_events`): what the
 * minutes of a conference show, so that an owner starting on an action afterwards does not rewrite
 * the record ("Het verslag wordt dan vastgelegd").
 */
import { asc, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { type ActionChange, actionEvents, organisations, users } from "../../db/schema";
import type { ActionStatus, LateReason } from "../../shared/domain";
import { type ActionView, isOverdue } from "../presenters/action";

/** What a change can undo on an action, by the field name its history uses. */
interface Undoable {
  status: ActionStatus;
  lateReason: LateReason | null;
  dueDate: string;
  ownerUserId: string | null;
  ownerOrganisationId: string | null;
}

/** Puts one recorded change back to the value it had before. */
function undo(state: Undoable, change: ActionChange): void {
  switch (change.field) {
    case "status":
      if (change.from !== null) state.status = change.from as ActionStatus;
      break;
    case "lateReason":
      state.lateReason = change.from as LateReason | null;
      break;
    case "dueDate":
      if (change.from !== null) state.dueDate = change.from;
      break;
    case "ownerUserId":
      if (change.from !== null) state.ownerUserId = change.from;
      break;
    case "ownerOrganisationId":
      state.ownerOrganisationId = change.from;
      break;
  }
}

/**
 * The actions `views` (as they are now) as they stood at `at`: every change recorded after it is
 * undone, the newest first. Owner and organisation by their names; `overdue` as on the day of `at`
 * (`atDay`, Amsterdam); `completedAt` and `updatedAt` as they were then.
 */
export async function actionsAsOf(
  db: Db | Tx,
  views: ActionView[],
  at: Date,
  atDay: string,
): Promise<ActionView[]> {
  if (views.length === 0) return views;
  const events = await db
    .select({ actionId: actionEvents.actionId, at: actionEvents.at, changes: actionEvents.changes })
    .from(actionEvents)
    .where(
      inArray(
        actionEvents.actionId,
        views.map((v) => v.id),
      ),
    )
    .orderBy(asc(actionEvents.at), asc(actionEvents.id));
  const byAction = new Map<string, typeof events>();
  for (const e of events) byAction.set(e.actionId, [...(byAction.get(e.actionId) ?? []), e]);

  const states = views.map((view) => {
    const history = byAction.get(view.id) ?? [];
    const before = history.filter((e) => e.at.getTime() <= at.getTime());
    const after = history.filter((e) => e.at.getTime() > at.getTime());
    const state: Undoable = {
      status: view.status,
      lateReason: view.lateReason,
      dueDate: view.dueDate,
      ownerUserId: view.owner?.id ?? null,
      ownerOrganisationId: view.organisation?.id ?? null,
    };
    for (const e of [...after].reverse()) for (const c of [...e.changes].reverse()) undo(state, c);
    return { view, state, before, changedSince: after.some((e) => e.changes.length > 0) };
  });

  // Owners and organisations of then may differ from those of now: the record names them.
  const userIds = [...new Set(states.flatMap((s) => (s.changedSince && s.state.ownerUserId) || []))];
  const orgIds = [...new Set(states.flatMap((s) => (s.changedSince && s.state.ownerOrganisationId) || []))];
  const [userRows, orgRows] = await Promise.all([
    userIds.length
      ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : [],
    orgIds.length
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, orgIds))
      : [],
  ]);
  const userName = new Map(userRows.map((u) => [u.id, u.name]));
  const orgName = new Map(orgRows.map((o) => [o.id, o.name]));
  const named = (id: string | null, names: Map<string, string>) => {
    const name = id ? names.get(id) : undefined;
    return id && name !== undefined ? { id, name } : null;
  };

  return states.map(({ view, state, before, changedSince }) => {
    if (!changedSince) return { ...view, overdue: isOverdue(view, atDay) };
    // The last change recorded by then, and (when it was done then) when it was marked done.
    const lastBefore = before.filter((e) => e.changes.length > 0).at(-1);
    const doneAt = before
      .filter((e) => e.changes.some((c) => c.field === "status" && c.to === "done"))
      .at(-1);
    return {
      ...view,
      status: state.status,
      lateReason: state.lateReason,
      dueDate: state.dueDate,
      owner: named(state.ownerUserId, userName),
      organisation: named(state.ownerOrganisationId, orgName),
      overdue: isOverdue(state, atDay),
      completedAt: state.status === "done" ? (doneAt?.at.toISOString() ?? view.completedAt) : null,
      updatedAt: lastBefore ? lastBefore.at.toISOString() : view.createdAt,
    };
  });
}
