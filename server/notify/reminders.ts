/**
 * Due reminders: per owner, the open actions due within three days or late, handed to the notifier
 * (ids only). A region's scheduler calls this once a day; the in-app list is `GET /api/reminders`.
 */
import { and, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems } from "../../db/schema";
import { addDays, amsterdamDate } from "../../shared/dates";
import type { Logger } from "../logger";
import { type Notifier, notifierOf } from "./notifier";

/** How many days ahead a reminder looks (the same window as the in-app list). */
export const reminderWindowDays = 3;

/** Sends one `actions_due` notification per owner with something due; returns how many were sent. */
export async function sendDueReminders(
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
