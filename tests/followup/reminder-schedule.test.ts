/**
 * The daily reminder schedule: at the configured Amsterdam time the owners with something due hear
 * about it once that day, also after a restart and when two runs race; the next day again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock";
import { type Notification, runDueRemindersOnce } from "../../server/notify";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";
import { demoUser } from "./fixture";

// 06:30 in Amsterdam (summer time): before the 07:00 reminders. The demo seed puts wijkteam's
// action two days late, politie's due in five days (outside the three-day window).
const clock = fixedClock("2026-06-10T04:30:00Z");
const config = { reminderTime: "07:00", reminderCheckMs: 20 };
let database: TestDatabase;
let server: TestServer;
const sent: Notification[] = [];
let waiters: (() => boolean)[] = [];

/** Resolves once `n` notifications have been recorded in total. */
function sentCount(n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`expected ${n} notifications, got ${sent.length}`)),
      5000,
    );
    const check = () => {
      if (sent.length < n) return false;
      clearTimeout(timer);
      resolve();
      return true;
    };
    if (!check()) waiters.push(check);
  });
}

/** Starts the server on the one database, with a notifier that records what would be sent. */
async function start(): Promise<TestServer> {
  const s = await startTestServer({ clock, config, database });
  // A region plugs in its own notifier (SMTP); this one records.
  s.deps.notifier = {
    notify: async (n) => {
      sent.push(n);
      waiters = waiters.filter((w) => !w());
    },
  };
  return s;
}

beforeAll(async () => {
  database = await createTestDatabase({ persistent: true });
  server = await start();
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe("the daily reminder schedule", () => {
  it("waits for the reminder time, then notifies each owner once", async () => {
    expect(await runDueRemindersOnce(server.deps)).toBe(0);
    expect(sent).toEqual([]);

    clock.set("2026-06-10T05:01:00Z"); // 07:01 in Amsterdam: the running schedule sends by itself.
    await sentCount(1);
    const wijkteam = await demoUser(server.deps.database.db, "wijkteam");
    expect(sent).toEqual([{ kind: "actions_due", userId: wijkteam.id, actionIds: [expect.any(String)] }]);

    // Later that day nothing more goes out.
    clock.set("2026-06-10T12:00:00Z");
    expect(await Promise.all([runDueRemindersOnce(server.deps), runDueRemindersOnce(server.deps)])).toEqual([
      0, 0,
    ]);
    expect(sent).toHaveLength(1);
  });

  it("does not send again after a restart the same day, and sends again the next morning", async () => {
    await server.stop();
    server = await start();
    expect(await runDueRemindersOnce(server.deps)).toBe(0);
    expect(sent).toHaveLength(1);

    clock.set("2026-06-11T04:59:00Z"); // 06:59 the next day: not yet.
    expect(await runDueRemindersOnce(server.deps)).toBe(0);
    expect(sent).toHaveLength(1);
    clock.set("2026-06-11T05:00:00Z"); // 07:00: the schedule sends by itself.
    await sentCount(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it("sends once when several runs race for the same morning (several processes on one database)", async () => {
    const raceClock = fixedClock("2026-07-01T04:00:00Z"); // 06:00 in Amsterdam
    const other = await startTestServer({
      clock: raceClock,
      config: { reminderTime: "07:00", reminderCheckMs: 3_600_000 },
    });
    try {
      const heard: Notification[] = [];
      other.deps.notifier = { notify: async (n) => void heard.push(n) };
      raceClock.set("2026-07-01T05:30:00Z");
      const results = await Promise.all([1, 2, 3].map(() => runDueRemindersOnce(other.deps)));
      expect(results.sort()).toEqual([0, 0, 1]);
      expect(heard).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it("sends nothing when the region turned reminders off", async () => {
    const quiet = await startTestServer({ clock, config: { reminderTime: undefined } });
    try {
      clock.set("2026-06-12T10:00:00Z");
      expect(await runDueRemindersOnce(quiet.deps)).toBe(0);
    } finally {
      await quiet.stop();
    }
  });
});
