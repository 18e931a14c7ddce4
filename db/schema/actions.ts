/** Action items (actiepunten), their history, and escalations. */
import { relations, sql } from "drizzle-orm";
import { date, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { ActionStatus, EscalationLevel, LateReason } from "../../shared/domain";
import { cases } from "./cases";
import { createdAt, id, ts } from "./columns";
import { conferences, decisions } from "./conferences";
import { organisations, users } from "./identity";

export const actionItems = pgTable(
  "action_items",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    conferenceId: uuid("conference_id").references(() => conferences.id),
    decisionId: uuid("decision_id").references(() => decisions.id),
    title: text("title").notNull(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    ownerOrganisationId: uuid("owner_organisation_id").references(() => organisations.id),
    /** The due date as a calendar date (Europe/Amsterdam), `YYYY-MM-DD`. */
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status").$type<ActionStatus>().notNull().default("open"),
    lateReason: text("late_reason").$type<LateReason>(),
    /** The chair's recorded reason to go on despite an intimate-terror warning on the title. */
    warningOverride: text("warning_override"),
    completedAt: ts("completed_at"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("action_items_case_idx").on(t.caseId),
    index("action_items_owner_idx").on(t.ownerUserId, t.status),
    index("action_items_status_due_idx").on(t.status, t.dueDate),
    // The overview walks actions in due order and stops after one page: the open ones (where the
    // late ones are) and all of them. Due date only: with the id in them, the planner also took them
    // for lookups by id.
    index("action_items_open_due_idx").on(t.dueDate).where(sql`${t.status} in ('open', 'in_progress')`),
    index("action_items_due_idx").on(t.dueDate),
  ],
);

/** What changed on an action, by whom and when, with an optional note. */
export interface ActionChange {
  field: string;
  from: string | null;
  to: string | null;
}

export const actionEvents = pgTable(
  "action_events",
  {
    id: id(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => actionItems.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    at: createdAt(),
    changes: jsonb("changes").$type<ActionChange[]>().notNull().default([]),
    note: text("note"),
  },
  (t) => [index("action_events_action_idx").on(t.actionId)],
);

export const escalations = pgTable(
  "escalations",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    actionId: uuid("action_id").references(() => actionItems.id),
    level: text("level").$type<EscalationLevel>().notNull(),
    reason: text("reason").notNull(),
    raisedBy: uuid("raised_by")
      .notNull()
      .references(() => users.id),
    raisedAt: createdAt(),
    outcome: text("outcome"),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolvedAt: ts("resolved_at"),
  },
  (t) => [index("escalations_case_idx").on(t.caseId)],
);

export const actionItemsRelations = relations(actionItems, ({ one, many }) => ({
  case: one(cases, { fields: [actionItems.caseId], references: [cases.id] }),
  owner: one(users, { fields: [actionItems.ownerUserId], references: [users.id] }),
  events: many(actionEvents),
}));
export const actionEventsRelations = relations(actionEvents, ({ one }) => ({
  action: one(actionItems, { fields: [actionEvents.actionId], references: [actionItems.id] }),
}));

/** Daily jobs (the due reminders): the last Amsterdam date each ran, so a restart or a second process does not send twice. */
export const scheduledRuns = pgTable("scheduled_runs", {
  job: text("job").primaryKey(),
  lastRunOn: date("last_run_on", { mode: "string" }).notNull(),
});
