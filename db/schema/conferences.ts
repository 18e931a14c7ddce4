/** Conferences, attendance, decisions and positions. */
import { relations } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { ConferenceStatus, DecisionStatus, Position } from "../../shared/domain";
import { cases } from "./cases";
import { createdAt, id, ts } from "./columns";
import { users } from "./identity";

/** One agenda item: a label and, optionally, the plan section it discusses. */
export interface AgendaItem {
  title: string;
  sectionKey?: string;
}

export const conferences = pgTable(
  "conferences",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    scheduledAt: ts("scheduled_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(45),
    status: text("status").$type<ConferenceStatus>().notNull().default("scheduled"),
    agenda: jsonb("agenda").$type<AgendaItem[]>().notNull().default([]),
    focusSectionKey: text("focus_section_key"),
    /** The agenda item being discussed (its position in `agenda`); null when none is marked. */
    currentAgendaIndex: integer("current_agenda_index"),
    startedAt: ts("started_at"),
    endedAt: ts("ended_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("conferences_case_idx").on(t.caseId)],
);

export const attendance = pgTable(
  "attendance",
  {
    conferenceId: uuid("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    present: text("present").$type<"present" | "absent" | "excused">().notNull().default("present"),
    joinedAt: ts("joined_at"),
    leftAt: ts("left_at"),
  },
  (t) => [primaryKey({ columns: [t.conferenceId, t.userId] })],
);

export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    conferenceId: uuid("conference_id")
      .notNull()
      .references(() => conferences.id),
    text: text("text").notNull(),
    status: text("status").$type<DecisionStatus>().notNull().default("proposed"),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => users.id),
    proposedAt: createdAt(),
    adoptedBy: uuid("adopted_by").references(() => users.id),
    adoptedAt: ts("adopted_at"),
    withdrawnAt: ts("withdrawn_at"),
    planVersionId: uuid("plan_version_id"),
    /** The chair's recorded reason to go on despite an intimate-terror warning. */
    warningOverride: text("warning_override"),
  },
  (t) => [index("decisions_case_idx").on(t.caseId), index("decisions_conference_idx").on(t.conferenceId)],
);

export const decisionPositions = pgTable(
  "decision_positions",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    position: text("position").$type<Position>().notNull(),
    note: text("note"),
    recordedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.userId] })],
);

export const conferencesRelations = relations(conferences, ({ one, many }) => ({
  case: one(cases, { fields: [conferences.caseId], references: [cases.id] }),
  attendance: many(attendance),
  decisions: many(decisions),
}));
export const attendanceRelations = relations(attendance, ({ one }) => ({
  conference: one(conferences, { fields: [attendance.conferenceId], references: [conferences.id] }),
  user: one(users, { fields: [attendance.userId], references: [users.id] }),
}));
export const decisionsRelations = relations(decisions, ({ one, many }) => ({
  conference: one(conferences, { fields: [decisions.conferenceId], references: [conferences.id] }),
  positions: many(decisionPositions),
}));
export const decisionPositionsRelations = relations(decisionPositions, ({ one }) => ({
  decision: one(decisions, { fields: [decisionPositions.decisionId], references: [decisions.id] }),
  user: one(users, { fields: [decisionPositions.userId], references: [users.id] }),
}));
