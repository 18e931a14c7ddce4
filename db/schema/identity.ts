/** Organisations, users, sessions and invitations. */
import { relations } from "drizzle-orm";
import { bigint, boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CaseRole, GlobalRole, OrganisationKind } from "../../shared/domain";
import { bytea, createdAt, id, ts } from "./columns";

export const organisations = pgTable("organisations", {
  id: id(),
  name: text("name").notNull(),
  kind: text("kind").$type<OrganisationKind>().notNull(),
  region: text("region").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    region: text("region").notNull(),
    globalRole: text("global_role").$type<GlobalRole>().notNull().default("none"),
    passwordHash: text("password_hash"),
    totpKey: bytea("totp_key"),
    totpEnabledAt: ts("totp_enabled_at"),
    /** The last TOTP step used to sign in: a code is accepted once, also across restarts and processes. */
    totpLastStep: bigint("totp_last_step", { mode: "bigint" }),
    isDemo: boolean("is_demo").notNull().default(false),
    /** Set for a start password someone else chose (admin, installation): the user must pick their own first. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: ts("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

/** Sessions after the Lucia guide: the id is public, only a hash of the secret is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: bytea("secret_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secondFactorVerified: boolean("second_factor_verified").notNull().default(false),
    createdAt: createdAt(),
    lastActiveAt: ts("last_active_at").notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time links that bring in an ervaringsdeskundige without an organisation account. */
export const invitations = pgTable("invitations", {
  id: text("id").primaryKey(),
  secretHash: bytea("secret_hash").notNull(),
  caseId: uuid("case_id").notNull(),
  role: text("role").$type<CaseRole>().notNull(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  userId: uuid("user_id").references(() => users.id),
});

export const organisationsRelations = relations(organisations, ({ many }) => ({ users: many(users) }));
export const usersRelations = relations(users, ({ one, many }) => ({
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
  sessions: many(sessions),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));
