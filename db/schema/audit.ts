/** The NEN 7513 audit log: append-only, hash-chained. */
import { bigserial, boolean, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { AuditAction } from "../../shared/domain";
import { ts } from "./columns";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: ts("at").notNull(),
    userId: uuid("user_id"),
    userRole: text("user_role"),
    organisationId: uuid("organisation_id"),
    action: text("action").$type<AuditAction>().notNull(),
    caseId: uuid("case_id"),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    purpose: text("purpose"),
    outcome: text("outcome").$type<"success" | "refused" | "failure">().notNull(),
    clientAddress: text("client_address"),
    breakGlass: boolean("break_glass").notNull().default(false),
    /** Identifiers and codes only; never plan text, names or tokens. */
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_case_idx").on(t.caseId, t.id), index("audit_log_user_idx").on(t.userId)],
);
