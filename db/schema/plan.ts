/** Yjs persistence (append-only updates plus a compacted snapshot) and adopted plan versions. */
import { relations } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { bytea, createdAt, id } from "./columns";
import { conferences } from "./conferences";
import { users } from "./identity";

export const yjsUpdates = pgTable(
  "yjs_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    docName: text("doc_name").notNull(),
    update: bytea("update").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("yjs_updates_doc_idx").on(t.docName, t.id)],
);

export const yjsSnapshots = pgTable("yjs_snapshots", {
  docName: text("doc_name").primaryKey(),
  state: bytea("state").notNull(),
  updatedAt: createdAt(),
});

/** The rendered form of one section inside a plan version. */
export interface PlanVersionSection {
  key: string;
  title: string;
  text: string;
}

/** An adopted, immutable, numbered version of the whole plan. */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    conferenceId: uuid("conference_id").references(() => conferences.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    sections: jsonb("sections").$type<PlanVersionSection[]>().notNull(),
  },
  (t) => [uniqueIndex("plan_versions_case_number_idx").on(t.caseId, t.number)],
);

/** The merged Yjs state of each section at the moment of a plan version. */
export const planVersionStates = pgTable(
  "plan_version_states",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => planVersions.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").notNull(),
    state: bytea("state").notNull(),
  },
  (t) => [uniqueIndex("plan_version_states_idx").on(t.versionId, t.sectionKey)],
);

export const planVersionsRelations = relations(planVersions, ({ many }) => ({
  states: many(planVersionStates),
}));
export const planVersionStatesRelations = relations(planVersionStates, ({ one }) => ({
  version: one(planVersions, { fields: [planVersionStates.versionId], references: [planVersions.id] }),
}));
