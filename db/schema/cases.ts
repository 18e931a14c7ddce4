/** Cases, their members, section access lists and phase history. */
import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { CaseCategory, CaseRole, Phase } from "../../shared/domain";
import type { SectionKey } from "../../shared/plan";
import { createdAt, id, ts } from "./columns";
import { users } from "./identity";

export const cases = pgTable(
  "cases",
  {
    id: id(),
    reference: text("reference").notNull(),
    title: text("title").notNull(),
    region: text("region").notNull(),
    categories: text("categories").array().$type<CaseCategory[]>().notNull().default([]),
    phase: text("phase").$type<Phase>().notNull().default("veiligheid"),
    /** The last day of a huisverbod (temporary restraining order) in force, if any. */
    restrainingOrderUntil: date("restraining_order_until", { mode: "string" }),
    /** The day that huisverbod was imposed (null for one recorded before this was kept). */
    restrainingOrderFrom: date("restraining_order_from", { mode: "string" }),
    registeredAt: ts("registered_at").notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cases_reference_idx").on(t.reference),
    index("cases_region_idx").on(t.region),
    // A huisverbod's day of imposing goes with its last day, and comes before it.
    check(
      "cases_restraining_order_days",
      sql`${t.restrainingOrderFrom} is null or (${t.restrainingOrderUntil} is not null and ${t.restrainingOrderFrom} <= ${t.restrainingOrderUntil})`,
    ),
  ],
);

export const caseMembers = pgTable(
  "case_members",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").$type<CaseRole>().notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index("case_members_user_idx").on(t.userId),
    // "1 gezin, 1 plan, 1 regisseur": at most one case director per case; a handover swaps them.
    uniqueIndex("case_members_one_case_director_idx").on(t.caseId).where(sql`${t.role} = 'caseDirector'`),
  ],
);

/** Explicit readers of a section whose rule is "explicit" (the confidential section). */
export const sectionAccess = pgTable(
  "section_access",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").$type<SectionKey>().notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    grantedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.sectionKey, t.userId] })],
);

export const phaseChanges = pgTable(
  "phase_changes",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    fromPhase: text("from_phase").$type<Phase>(),
    toPhase: text("to_phase").$type<Phase>().notNull(),
    reason: text("reason").notNull(),
    isIncident: boolean("is_incident").notNull().default(false),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [index("phase_changes_case_idx").on(t.caseId)],
);

/** A coordinator's break-glass access to a case they are not a member of. */
export const breakGlassGrants = pgTable("break_glass_grants", {
  id: id(),
  caseId: uuid("case_id")
    .notNull()
    .references(() => cases.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  reason: text("reason").notNull(),
  grantedAt: createdAt(),
  expiresAt: ts("expires_at").notNull(),
});

export const casesRelations = relations(cases, ({ many }) => ({
  members: many(caseMembers),
  sectionAccess: many(sectionAccess),
}));
export const caseMembersRelations = relations(caseMembers, ({ one }) => ({
  case: one(cases, { fields: [caseMembers.caseId], references: [cases.id] }),
  user: one(users, { fields: [caseMembers.userId], references: [users.id] }),
}));
export const sectionAccessRelations = relations(sectionAccess, ({ one }) => ({
  case: one(cases, { fields: [sectionAccess.caseId], references: [cases.id] }),
}));
