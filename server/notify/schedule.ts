/**
 * The daily due reminders: once a day, at the configured Amsterdam time or at the first check after
 * it (a server that was down at 07:00 sends when it comes back), for every owner with something due.
 * The day is claimed in the database first, so a restart or a second process never sends twice.
 */
import { sql } from "drizzle-orm";
import { scheduledRuns } from "../../db/schema";
import { amsterdamDate, amsterdamInstant } from "../../shared/dates";
import type { AppDeps } from "../deps";
import type { Attach } from "../server";
import { sendDueReminders } from "./reminders";

const job = "due_reminders";

/** Claims today's run; true for exactly one caller per Amsterdam date. */
async function claimToday(deps: AppDeps, today: string): Promise<boolean> {
  const claimed = await deps.database.db
    .insert(scheduledRuns)
    .values({ job, lastRunOn: today })
    .onConflictDoUpdate({
      target: scheduledRuns.job,
      set: { lastRunOn: today },
      setWhere: sql`${scheduledRuns.lastRunOn} < ${today}::date`,
    })
    .returning({ job: scheduledRuns.job });
  return claimed.length > 0;
}

/**
 * Sends today's reminders if it is past the reminder time and nobody has sent them today.
 * Returns how many notifications were sent (0 when not due or already sent).
 */
export async function runDueRemindersOnce(deps: AppDeps): Promise<number> {
  const time = deps.config.reminderTime;
  if (!time) return 0;
  const now = deps.clock.now();
  const today = amsterdamDate(now);
  if (now < amsterdamInstant(today, time)) return 0;
  if (!(await claimToday(deps, today))) return 0;
  const sent = await sendDueReminders(deps, now);
  deps.logger.info({ job, notifications: sent }, "due reminders sent");
  return sent;
}

/** Starts the schedule beside the server; checks at start and then every minute. */
export const attachReminders: Attach = (_server, deps) => {
  if (!deps.config.reminderTime) return { close: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;
  const check = () => {
    if (closed) return;
    running = running.then(() =>
      runDueRemindersOnce(deps).catch((err: unknown) => {
        // Kind only: a driver message may quote data.
        deps.logger.error({ job, err: { type: (err as Error)?.name } }, "due reminders failed");
      }),
    );
  };
  check();
  const timer = setInterval(check, deps.config.reminderCheckMs ?? 60_000);
  timer.unref();
  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
};
