/** `GET /api/reminders`: my actions due within three days or late, and the count for the badge. */
import { Hono } from "hono";
import { addDays, amsterdamDate } from "../../shared/dates";
import { writeAudit } from "../audit/log";
import { type AppEnv, auditActor, requireActor } from "../context";
import { reminderWindowDays } from "../notify";
import { presentOverviewRow } from "../presenters/follow-up";
import { queryActionOverview } from "../queries/action-overview";
import { defaultEscalateAfterDays } from "./action-overview";

export const reminderRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const actor = requireActor(c);
  const { database, clock, config } = c.get("deps");
  const now = clock.now();
  const today = amsterdamDate(now);
  const { rows, total } = await queryActionOverview(
    database.db,
    actor,
    {
      ownerUserId: actor.id,
      statuses: ["open", "in_progress"],
      dueTo: addDays(today, reminderWindowDays),
      limit: 100,
    },
    today,
    config.escalateAfterDays ?? defaultEscalateAfterDays,
  );
  if (rows.length > 0) {
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "read", objectType: "reminders", outcome: "success", details: { count: rows.length } },
      now,
    );
  }
  return c.json({
    today,
    count: total,
    lateCount: rows.filter((r) => r.overdue).length,
    actions: rows.map(presentOverviewRow),
  });
});
