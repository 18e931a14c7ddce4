/**
 * `GET /api/reminders`: my actions due within three days or late, the huisverboden ending within
 * two days on cases I chair or direct, and the count of those actions.
 */
import { Hono } from "hono";
import { addDays, amsterdamDate } from "../../shared/dates";
import { restrainingOrderTerms } from "../../shared/restraining-order";
import { writeAudit } from "../audit/log";
import { type AppEnv, auditActor, requireActor } from "../context";
import { endingRestrainingOrders, reminderWindowDays } from "../notify";
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
  const ending = await endingRestrainingOrders(database.db, today, actor.id);
  if (rows.length + ending.length > 0) {
    await writeAudit(
      database.db,
      auditActor(c),
      {
        action: "read",
        objectType: "reminders",
        outcome: "success",
        details: { count: rows.length, restrainingOrders: ending.length },
      },
      now,
    );
  }
  return c.json({
    today,
    count: total,
    lateCount: rows.filter((r) => r.overdue).length,
    actions: rows.map(presentOverviewRow),
    restrainingOrders: ending.map((r) => ({
      caseId: r.caseId,
      reference: r.reference,
      from: r.from,
      until: r.until,
      extendable: restrainingOrderTerms(r).extendable,
    })),
  });
});
