/**
 * The mail outbox in the database (`mail_outbox`): the rows the mail notifier writes, claims and
 * removes. Ids and kinds only; see db/schema/outbox.ts.
 */
import { and, count, eq, inArray, isNull, lte, min, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, mailOutbox, type OutboxMailKind, users } from "../../db/schema";
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
 * A mail as it goes out: the address and what it says, read now, or why it goes to nobody (the
 * account was disabled meanwhile, the huisverbod was lifted).
 */
export async function outgoingMail(
  db: Db,
  row: OutboxRow,
): Promise<{ to: string; content: MailContent } | { dropped: "account disabled" | "huisverbod lifted" }> {
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, row.userId), isNull(users.disabledAt)));
  if (!user) return { dropped: "account disabled" };
  const [first = null] = row.subjectIds;
  switch (row.kind) {
    case "actions_due":
    case "actions_assigned":
      return { to: user.email, content: { kind: row.kind, actionIds: row.subjectIds } };
    case "escalation_raised":
      return { to: user.email, content: { kind: row.kind, actionId: first } };
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
