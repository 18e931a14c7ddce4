/**
 * The mail outbox in the database (`mail_outbox`): the rows the mail notifier writes, claims and
 * removes. Ids and kinds only; see db/schema/outbox.ts. What a mail says is read when it goes out
 * (`outgoingMail`): the address, the actions it counts or links to, the huisverbod's days.
 */
import { and, count, eq, inArray, isNull, lte, min, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, cases, mailOutbox, type OutboxMailKind, users } from "../../db/schema";
import { isUuid } from "../../shared/domain";
import { restrainingOrderTerms } from "../../shared/restraining-order";
import type { MailContent } from "./mail-message";
import type { Notification } from "./notifier";

/** A mail in the outbox. */
export type OutboxRow = typeof mailOutbox.$inferSelect;

/** Queues one mail per recipient, due at `dueAt`. */
export async function enqueue(
  db: Db,
  mail: { kind: OutboxMailKind; subjectIds: string[] },
  userIds: string[],
  dueAt: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await db.insert(mailOutbox).values(userIds.map((userId) => ({ userId, ...mail, dueAt })));
}

/**
 * Adds an action to the mail that gathers the actions given to `userId`, or starts that mail, due
 * at `dueAt`. One statement (the gathering index allows one such mail per person), so two actions
 * given at once never start two mails. Returns when the mail goes out.
 */
export async function gather(db: Db, userId: string, actionId: string, dueAt: Date): Promise<Date> {
  const ids = mailOutbox.subjectIds;
  const [row] = await db
    .insert(mailOutbox)
    .values({ userId, kind: "actions_assigned", subjectIds: [actionId], dueAt })
    .onConflictDoUpdate({
      target: mailOutbox.userId,
      targetWhere: sql`${mailOutbox.kind} = 'actions_assigned' and ${mailOutbox.attempts} = 0`,
      set: {
        subjectIds: sql`case when ${actionId}::text = any(${ids}) then ${ids} else array_append(${ids}, ${actionId}::text) end`,
      },
    })
    .returning({ dueAt: mailOutbox.dueAt });
  return row.dueAt;
}

/**
 * Claims mails for an attempt: counts the attempt and moves each past `until`, so a timer that
 * fires meanwhile does not take it again. `dueBy` takes the mails due by then; without it, every
 * mail not in `except` (settling: everything goes now).
 */
export async function claim(
  db: Db,
  options: { dueBy?: Date; until: Date; except: string[]; limit: number },
): Promise<OutboxRow[]> {
  const { dueBy, until, except, limit } = options;
  const which = and(
    dueBy ? lte(mailOutbox.dueAt, dueBy) : undefined,
    except.length > 0 ? notInArray(mailOutbox.id, except) : undefined,
  );
  const picked = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(which)
    .orderBy(mailOutbox.dueAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, dueAt: until })
    .where(and(inArray(mailOutbox.id, picked), which))
    .returning();
}

/** Sets when a mail is tried next. */
export async function reschedule(db: Db, id: string, dueAt: Date): Promise<void> {
  await db.update(mailOutbox).set({ dueAt }).where(eq(mailOutbox.id, id));
}

/** Removes a mail: delivered, or given up. */
export async function remove(db: Db, id: string): Promise<void> {
  await db.delete(mailOutbox).where(eq(mailOutbox.id, id));
}

/** When the next mail is due, and how many are waiting. */
export async function outboxState(db: Db): Promise<{ nextDueAt: Date | null; waiting: number }> {
  const [row] = await db.select({ nextDueAt: min(mailOutbox.dueAt), waiting: count() }).from(mailOutbox);
  return { nextDueAt: row?.nextDueAt ?? null, waiting: row?.waiting ?? 0 };
}

/** What a notification leaves in the outbox: its kind and the ids its mail counts or links to. */
export function outboxMailOf(n: Exclude<Notification, { kind: "action_assigned" }>): {
  kind: OutboxMailKind;
  subjectIds: string[];
} {
  switch (n.kind) {
    case "actions_due":
      return { kind: n.kind, subjectIds: n.actionIds };
    case "escalation_raised":
      return { kind: n.kind, subjectIds: n.actionId ? [n.actionId] : [] };
    case "escalation_resolved":
      return { kind: n.kind, subjectIds: [] };
    case "restraining_order_ending":
      return { kind: n.kind, subjectIds: [n.caseId] };
  }
}

/**
 * Of the actions a mail about `userId`'s actions was queued with, those it may still count or link
 * to, in the queued order: still there (a destroyed case takes its actions along), still `userId`'s
 * (an owner corrected within the gathering wait), and, for a due reminder, still open or in
 * progress; an action given and then cancelled is no news either.
 */
async function actionsStillFor(
  db: Db,
  row: { kind: "actions_due" | "actions_assigned"; userId: string; subjectIds: string[] },
): Promise<string[]> {
  // An id the database cannot read as a uuid names no action (and would fail the query).
  const queued = row.subjectIds.filter(isUuid);
  if (queued.length === 0) return [];
  const found = await db
    .select({ id: actionItems.id })
    .from(actionItems)
    .where(
      and(
        inArray(actionItems.id, queued),
        eq(actionItems.ownerUserId, row.userId),
        row.kind === "actions_due"
          ? inArray(actionItems.status, ["open", "in_progress"])
          : ne(actionItems.status, "cancelled"),
      ),
    );
  const still = new Set(found.map((a) => a.id.toLowerCase()));
  return queued.filter((id) => still.has(id.toLowerCase()));
}

/** Whether an action is still there (its case was not destroyed meanwhile). */
async function actionExists(db: Db, actionId: string): Promise<boolean> {
  if (!isUuid(actionId)) return false;
  const [found] = await db
    .select({ id: actionItems.id })
    .from(actionItems)
    .where(eq(actionItems.id, actionId));
  return found !== undefined;
}

/**
 * A mail as it goes out: the address and what it says, read now, or why it goes to nobody (the
 * account was disabled meanwhile; none of its actions is still the recipient's and still open, as
 * the kind asks; the huisverbod was lifted). An escalation goes out also when its action is gone,
 * linking to the escalations instead.
 */
export async function outgoingMail(
  db: Db,
  row: OutboxRow,
): Promise<
  | { to: string; content: MailContent }
  | { dropped: "account disabled" | "actions gone" | "huisverbod lifted" }
> {
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, row.userId), isNull(users.disabledAt)));
  if (!user) return { dropped: "account disabled" };
  const [first = null] = row.subjectIds;
  switch (row.kind) {
    case "actions_due":
    case "actions_assigned": {
      // The actions are read now, not trusted from the outbox: they may have moved on meanwhile.
      const actionIds = await actionsStillFor(db, { ...row, kind: row.kind });
      if (actionIds.length === 0) return { dropped: "actions gone" };
      return { to: user.email, content: { kind: row.kind, actionIds } };
    }
    case "escalation_raised": {
      const actionId = first && (await actionExists(db, first)) ? first : null;
      return { to: user.email, content: { kind: row.kind, actionId } };
    }
    case "escalation_resolved":
      return { to: user.email, content: { kind: row.kind } };
    case "restraining_order_ending": {
      // The days are read now, not kept in the outbox: they are the case's, and may have changed.
      const [order] = first
        ? await db
            .select({ from: cases.restrainingOrderFrom, until: cases.restrainingOrderUntil })
            .from(cases)
            .where(eq(cases.id, first))
        : [];
      if (!first || !order?.until) return { dropped: "huisverbod lifted" };
      const { extendable } = restrainingOrderTerms({ from: order.from, until: order.until });
      return { to: user.email, content: { kind: row.kind, caseId: first, until: order.until, extendable } };
    }
  }
}
