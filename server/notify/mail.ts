/**
 * Notifications by e-mail (`SMTP_URL`): one short message per recipient, in Dutch with English
 * below, with a link into the app, where the login brings them back to that page. E-mail leaves the
 * region's systems and lands in shared inboxes and on phones, so it carries no case content: no
 * household, no reference, no action title, no plan text; only what kind of thing waits and where.
 *
 * Every mail waits in the database, in the outbox (`mail_outbox`, outbox.ts), until it was delivered
 * or given up: a restart, or a server that was killed, loses none. A row holds the recipient's user
 * id, the kind of mail and the ids it counts or links to (action ids, or the case of an ending
 * huisverbod); the address, whether the account still may have mail, the actions and the huisverbod's
 * days are read when it goes out (`outgoingMail`). A recipient disabled meanwhile gets nothing, as one
 * disabled before. A mail about someone's actions counts and links to only those still theirs (not
 * given to someone else meanwhile, their case not destroyed) and not cancelled, a due reminder only
 * those still open or in progress; with none left it is dropped. An escalation whose action is gone
 * still goes out, linking to the escalations instead of the action. A lifted huisverbod sends nothing.
 *
 * `notify` writes the row before it returns (an escalation's request waits for that write, not for
 * a mail server) and sends after. It is called once the change it tells of was committed: a process
 * killed between the two loses that one mail (the change itself is in the app). Actions given to someone wait a minute for more
 * (`assignedWaitMs`): a conference that agrees five actions for one person sends them one mail, not
 * five. A timer wakes for the first row due; at start the rows left from before are picked up, the
 * due ones sent at once. To send, a row is claimed: its attempt is counted and its due time moved
 * past the longest an attempt takes, so no timer takes it twice. Delivered or given up, the row goes.
 *
 * A delivery that failed for a passing reason (no answer from the mail server at all, or a 4xx "try
 * again later") is tried again on a bounded schedule (`retryDelaysMs`, by default after 1, 5 and 15
 * minutes); any other failure (a 5xx such as an unknown mailbox, a refused login) is given up at
 * once. Every failed attempt is logged with ids and codes only (never an address, never the server's
 * words), the last one as "given up"; the same reminder is in the app (`/acties`) either way.
 * `close()` (at shutdown) waits for the attempts under way and leaves the rest in the outbox for the
 * next start, where each goes when due. `settled()` (for tests) does not wait out the schedule: every
 * mail in the outbox, gathering or waiting for its retry, is tried once right away; one that fails
 * again stays for its next retry.
 *
 * A mail goes out again only after a failed attempt, so none is sent twice, with two exceptions SMTP
 * and the database cannot tell: a connection lost after the mail server took the message but before
 * it said so, and a process that dies between the mail server's yes and the row's removal (that row
 * goes again once its claim runs out, at most `claimMs` after the next start).
 *
 * One process sends from one outbox, as one process runs against one database today. Two would
 * find the due rows only by a periodic scan (each timer here knows only its own process's rows and
 * what it found at start), and `settled()` would need a claim of its own (a `claimed_until` beside
 * `due_at`): it takes every row it has not tried, also one that another process is sending.
 */
import { and, inArray, isNull } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Logger } from "../logger";
import { messageFor } from "./mail-message";
import type { Notification, Notifier } from "./notifier";
import {
  claim,
  enqueue,
  gather,
  type OutboxRow,
  outboxMailOf,
  outboxState,
  outgoingMail,
  remove,
  reschedule,
} from "./outbox";

/** Where and as whom mail goes out. */
export interface MailSettings {
  /** `smtp://user:password@host:587` or `smtps://…:465`; the password never reaches the log. */
  url: string;
  /** The sender, e.g. `Eén Plan <noreply@regio-ijsselland.nl>`. */
  from: string;
}

/** How long mail waits: for more actions to gather, and before each retry of a failed delivery. */
export interface MailTiming {
  /** How long actions given to someone wait for more before their mail goes out. */
  assignedWaitMs?: number;
  /** The wait before each retry of a delivery that failed for a passing reason; one retry each. */
  retryDelaysMs?: readonly number[];
}

/** A notifier that can be stopped (shutdown) and emptied at once (tests). */
export interface MailNotifier extends Notifier {
  /** Tries every mail in the outbox now, once, and resolves when those attempts are over (tests). */
  settled(): Promise<void>;
  /** Stops: waits for the attempts under way; what still waits stays in the outbox for the next start. */
  close(): Promise<void>;
}

/**
 * How long a claimed row is kept from other attempts: longer than an attempt can take (the
 * transport's timeouts below), and how late a mail whose process died while sending it goes again.
 */
const claimMs = 5 * 60_000;
/** Rows claimed per pass; a fuller outbox takes another pass at once. */
const batch = 50;
/** The longest a Node timer waits. */
const maxTimerMs = 2 ** 31 - 1;

/** Nodemailer's codes for a mail server that never answered: gone, slow, or not found. */
const noAnswer = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"]);

/** A failure's codes, the only part of it safe to log: the message may quote an address. */
function codesOf(err: unknown): { code: string; originalCode?: string; responseCode?: number } {
  const { code, originalCode, responseCode } = (err ?? {}) as Record<string, unknown>;
  return {
    code: typeof code === "string" ? code : "unknown",
    // The system's own code under nodemailer's, e.g. ECONNREFUSED under ESOCKET.
    ...(typeof originalCode === "string" ? { originalCode } : {}),
    ...(typeof responseCode === "number" ? { responseCode } : {}),
  };
}

/** Whether a failure may pass: no answer at all, or an SMTP answer of 4xx ("try again later"). */
function isPassing(err: { code: string; responseCode?: number }): boolean {
  if (err.responseCode !== undefined) return err.responseCode >= 400 && err.responseCode < 500;
  return noAnswer.has(err.code);
}

/** Who a notification is for. */
function recipientsOf(n: Notification): string[] {
  return n.kind === "actions_due" ? [n.userId] : n.recipientUserIds;
}

/** A database failure's kind, the only part of it safe to log: a driver message may quote data. */
const kindOf = (err: unknown) => ({ type: (err as Error)?.name ?? "unknown" });

/**
 * The e-mail notifier. `origin` is the address people open the app at (`PUBLIC_ORIGIN`, else the
 * server's own, known once it listens: nothing is sent before). The database must be migrated: the
 * notifier looks into its outbox at once.
 */
export function mailNotifier(
  deps: { database: { db: Db }; logger: Logger },
  settings: MailSettings,
  origin: string | Promise<string>,
  { assignedWaitMs = 60_000, retryDelaysMs = [60_000, 300_000, 900_000] }: MailTiming = {},
): MailNotifier {
  // Bounded waits: an attempt at a mail server that does not answer ends within half a minute.
  const transport = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const db = () => deps.database.db;
  /** Attempts under way, by outbox row. */
  const sending = new Map<string, Promise<void>>();
  /** Passes over the outbox, one at a time (a pass never rejects: it logs). */
  let passes: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wakeAt = Number.POSITIVE_INFINITY;
  let closed = false;

  /** Wakes at `at` for the mail due then, unless already waking earlier. */
  const wakeFor = (at: Date) => {
    if (closed || (timer && at.getTime() >= wakeAt)) return;
    clearTimeout(timer);
    wakeAt = at.getTime();
    timer = setTimeout(
      () => {
        timer = undefined;
        wakeAt = Number.POSITIVE_INFINITY;
        void pass();
      },
      Math.min(Math.max(0, wakeAt - Date.now()), maxTimerMs),
    );
    timer.unref();
  };

  /** One attempt at a claimed row; its outcome is written back (removed, or due again). */
  const attempt = async (row: OutboxRow, base: string) => {
    const line = { kind: row.kind, userId: row.userId, attempt: row.attempts };
    const mail = await outgoingMail(db(), row);
    if ("dropped" in mail) {
      await remove(db(), row.id);
      deps.logger.info({ ...line, reason: mail.dropped }, "notification mail dropped");
      return;
    }
    try {
      const message = messageFor(mail.content, base);
      await transport.sendMail({ from: settings.from, to: mail.to, ...message });
    } catch (err) {
      // Ids and the error's codes only: the address and the server's words may hold personal data.
      const codes = codesOf(err);
      const retryInMs = retryDelaysMs[row.attempts - 1];
      if (retryInMs === undefined || !isPassing(codes)) {
        deps.logger.error({ ...line, err: codes }, "notification mail given up");
        await remove(db(), row.id);
        return;
      }
      deps.logger.warn({ ...line, err: codes, retryInMs }, "notification mail failed");
      const dueAt = new Date(Date.now() + retryInMs);
      await reschedule(db(), row.id, dueAt);
      wakeFor(dueAt);
      return;
    }
    await remove(db(), row.id);
  };
  const start = (row: OutboxRow, base: string) => {
    const sent = attempt(row, base)
      .catch((err: unknown) => {
        // The outbox could not be read or written: the row stays, due again when its claim ends.
        deps.logger.error(
          { kind: row.kind, userId: row.userId, err: kindOf(err) },
          "notification mail: outbox failed",
        );
        wakeFor(row.dueAt);
      })
      .finally(() => sending.delete(row.id));
    sending.set(row.id, sent);
  };

  /**
   * Claims and starts the due rows (with `tried`, settling: every row not tried yet), then wakes for
   * the next. Returns how many it started.
   */
  const pass = (tried?: Set<string>): Promise<number> => {
    const run = passes.then(async () => {
      const base = await Promise.resolve(origin).catch(() => {
        closed = true; // The server never listened: nothing to link to, and nobody to close us.
        return "";
      });
      if (closed) return 0;
      try {
        const now = new Date();
        const rows = await claim(db(), {
          dueBy: tried ? undefined : now,
          until: new Date(now.getTime() + claimMs),
          except: [...sending.keys(), ...(tried ?? [])],
          limit: batch,
        });
        for (const row of rows) {
          tried?.add(row.id);
          start(row, base);
        }
        const { nextDueAt } = await outboxState(db());
        if (nextDueAt) wakeFor(nextDueAt);
        return rows.length;
      } catch (err) {
        deps.logger.error({ err: kindOf(err) }, "notification mail: outbox failed");
        wakeFor(new Date(Date.now() + (retryDelaysMs[0] ?? claimMs)));
        return 0;
      }
    });
    passes = run;
    return run;
  };
  const underWay = () => Promise.all(sending.values());

  // Rows left from before this start (how many: counted before this notifier writes any), then
  // the first pass: the due ones go now, the others when due.
  const started = outboxState(db()).then(
    ({ waiting }) => {
      if (waiting > 0) deps.logger.info({ waiting }, "notification mail left from before the start");
    },
    () => {}, // The pass below logs a database that cannot be read.
  );
  void started.then(() => pass());

  return {
    async notify(n) {
      const ids = [...new Set(recipientsOf(n))];
      if (ids.length === 0) return;
      await started;
      try {
        const found = await db()
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, ids), isNull(users.disabledAt)));
        const userIds = found.map((r) => r.id);
        if (n.kind === "action_assigned") {
          const dueAt = new Date(Date.now() + assignedWaitMs);
          for (const userId of userIds) wakeFor(await gather(db(), userId, n.actionId, dueAt));
        } else {
          await enqueue(db(), outboxMailOf(n), userIds, new Date());
          if (userIds.length > 0 && !closed) void pass();
        }
      } catch (err) {
        deps.logger.warn({ kind: n.kind, err: kindOf(err) }, "notification mail could not be queued");
      }
    },
    async settled() {
      await started;
      const tried = new Set<string>();
      do {
        await passes;
        await underWay();
      } while (!closed && (await pass(tried)) > 0);
      await underWay();
    },
    async close() {
      await started;
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await passes;
      await underWay();
      transport.close();
    },
  };
}
