/**
 * The mail outbox: notification mail that is still to go out (gathering more, or waiting for its
 * retry), so a restart or a killed process loses none. It holds ids and kinds only, like the mails:
 * no name, address, title or date of a case. The address is read when the mail goes out.
 */
import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";
import { users } from "./identity";

/** What a mail in the outbox is about; its `subject_ids` are the ids that mail counts or links to. */
export type OutboxMailKind =
  | "actions_due"
  | "actions_assigned"
  | "escalation_raised"
  | "escalation_resolved"
  | "restraining_order_ending";

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<OutboxMailKind>().notNull(),
    /** Action ids (due, assigned, the escalated action), or the case id of an ending huisverbod. */
    subjectIds: text("subject_ids").array().notNull().default(sql`'{}'::text[]`),
    /** When it goes out: the end of its gathering wait, its next retry, or the end of an attempt's claim. */
    dueAt: ts("due_at").notNull(),
    /** Attempts started; an attempt is counted when it claims the row. */
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.dueAt),
    // One mail per person gathers the actions given to them; once tried, new actions start another.
    uniqueIndex("mail_outbox_gathering_idx")
      .on(t.userId)
      .where(sql`${t.kind} = 'actions_assigned' and ${t.attempts} = 0`),
  ],
);
