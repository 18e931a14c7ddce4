/**
 * Due reminders, handed to the notifier (ids only) once a day by the schedule: per owner, the open
 * actions due within three days or late; per case, a huisverbod that ends within two days, to its
 * chair and case director. The in-app list of both is `GET /api/reminders`.
 */
import { and, between, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, caseMembers, cases, users } from "../../db/schema";
import { addDays, amsterdamDate } from "../../shared/dates";
import { restrainingOrderTerms, restrainingOrderWarnDays } from "../../shared/restraining-order";
import type { Logger } from "../logger";
import { type Notifier, notifierOf } from "./notifier";

/** How many days ahead a reminder looks (the same window as the in-app list). */
export const reminderWindowDays = 3;

/**
 * Sends one `actions_due` notification per owner with something due and one
 * `restraining_order_ending` per case whose huisverbod ends soon; returns how many were sent.
 */
export async function sendDueReminders(
  deps: { database: { db: Db }; logger: Logger; notifier?: Notifier },
  now: Date,
): Promise<number> {
  return (await sendActionsDue(deps, now)) + (await sendRestrainingOrdersEnding(deps, now));
}

async function sendActionsDue(
  deps: { database: { db: Db }; logger: Logger; notifier?: Notifier },
  now: Date,
): Promise<number> {
  const due = addDays(amsterdamDate(now), reminderWindowDays);
  const rows = await deps.database.db
    .select({
      userId: actionItems.ownerUserId,
      actionIds: sql<
        string[]
      >`array_agg(${actionItems.id} order by ${actionItems.dueDate}, ${actionItems.id})`,
    })
    .from(actionItems)
    .where(and(inArray(actionItems.status, ["open", "in_progress"]), lte(actionItems.dueDate, due)))
    .groupBy(actionItems.ownerUserId);
  const notifier = notifierOf(deps);
  for (const r of rows)
    await notifier.notify({ kind: "actions_due", userId: r.userId, actionIds: r.actionIds });
  return rows.length;
}

/**
 * A huisverbod ending today or within two days: its chair and case director hear it, with whether
 * the mayor can still extend it, so the safety plan does not lean on it past its last day.
 */
async function sendRestrainingOrdersEnding(
  deps: { database: { db: Db }; notifier?: Notifier; logger: Logger },
  now: Date,
): Promise<number> {
  const today = amsterdamDate(now);
  const rows = await endingRestrainingOrders(deps.database.db, today);
  const notifier = notifierOf(deps);
  for (const r of rows) {
    await notifier.notify({
      kind: "restraining_order_ending",
      caseId: r.caseId,
      until: r.until,
      extendable: restrainingOrderTerms(r).extendable,
      recipientUserIds: r.userIds,
    });
  }
  return rows.length;
}

/** Cases whose huisverbod ends from today to two days ahead, with their chairs and case director. */
export async function endingRestrainingOrders(db: Db, today: string, userId?: string) {
  const rows = await db
    .select({
      caseId: cases.id,
      reference: cases.reference,
      from: cases.restrainingOrderFrom,
      until: sql<string>`${cases.restrainingOrderUntil}`,
      userIds: sql<string[]>`array_agg(${caseMembers.userId} order by ${caseMembers.userId})`,
    })
    .from(cases)
    .innerJoin(caseMembers, eq(caseMembers.caseId, cases.id))
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(
      and(
        between(cases.restrainingOrderUntil, today, addDays(today, restrainingOrderWarnDays)),
        inArray(caseMembers.role, ["chair", "caseDirector"]),
        isNull(users.disabledAt),
        userId ? eq(caseMembers.userId, userId) : undefined,
      ),
    )
    .groupBy(cases.id)
    .orderBy(cases.restrainingOrderUntil, cases.id);
  return rows;
}
