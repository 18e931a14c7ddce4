/**
 * Notifications by e-mail (`SMTP_URL`): one short message per recipient, in Dutch with English
 * below, with a link into the app, where the login brings them back to that page. E-mail leaves the
 * region's systems and lands in shared inboxes and on phones, so it carries no case content: no
 * household, no reference, no action title, no plan text; only what kind of thing waits and where.
 *
 * Sending happens after `notify` returns: an escalation's request does not wait for a mail server.
 * A delivery that failed for a passing reason (no answer from the mail server at all, or a 4xx "try
 * again later") is retried on a bounded schedule (`retryDelaysMs`, by default after 1, 5 and 15
 * minutes); any other failure (a 5xx such as an unknown mailbox, a refused login) is given up at
 * once. `settled()` does not wait out that schedule: a mail waiting for its retry is tried once more
 * right away and given up if that fails too, so shutdown and tests end within the transport's
 * timeouts. Every failed attempt is logged with ids and codes only (never an address, never the
 * server's words), the last one as "given up"; the same reminder is in the app (`/acties`) either
 * way. A mail goes out again only after a failed attempt, so none is sent twice by us (a connection
 * lost after the server took the message but before it said so is the one case SMTP cannot tell).
 *
 * Actions given to someone wait a minute for more (`assignedWaitMs`): a conference that agrees five
 * actions for one person sends them one mail, not five.
 */
import { and, inArray, isNull } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { longDate } from "../../shared/dates";
import type { Logger } from "../logger";
import type { Notification, Notifier } from "./notifier";

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

/** A notifier that also waits for its mails in flight (shutdown, tests). */
export interface MailNotifier extends Notifier {
  /** Resolves once every mail handed over so far was delivered or given up; retries go at once. */
  settled(): Promise<void>;
  /** Stops: gathered actions and waiting retries are dropped (and logged as given up). */
  close(): void;
}

/** One message, in both languages. */
interface Message {
  subject: string;
  text: string;
}

const footer =
  "Dit bericht bevat bewust geen gegevens over de casus; die staan alleen in Eén Plan.\n" +
  "This message deliberately holds no case details; they are in Eén Plan only.";

/** Several actions given to one person, gathered into one mail. */
type Assigned = { kind: "actions_assigned"; actionIds: string[] };

/** The message a notification becomes; `origin` is the app's public address. */
export function messageFor(n: Notification | Assigned, origin: string): Message {
  const compose = (subject: string, nl: string, en: string, path: string) => ({
    subject,
    text: `${nl}\n${origin}${path}\n\n${en}\n\n${footer}\n`,
  });
  switch (n.kind) {
    case "actions_due": {
      const count = n.actionIds.length;
      return compose(
        "Eén Plan: actiepunten die aflopen",
        count === 1
          ? "In Eén Plan staat een actiepunt van u dat binnen drie dagen afloopt of te laat is. Bekijk het:"
          : `In Eén Plan staan ${count} actiepunten van u die binnen drie dagen aflopen of te laat zijn. Bekijk ze:`,
        count === 1
          ? "One of your action items in Eén Plan is due within three days or late."
          : `${count} of your action items in Eén Plan are due within three days or late.`,
        "/acties",
      );
    }
    case "action_assigned":
      return messageFor({ kind: "actions_assigned", actionIds: [n.actionId] }, origin);
    case "actions_assigned":
      return n.actionIds.length === 1
        ? compose(
            "Eén Plan: een actiepunt is aan u toegewezen",
            "In Eén Plan is een actiepunt aan u toegewezen. Bekijk het:",
            "An action item in Eén Plan was assigned to you.",
            `/acties/${n.actionIds[0]}`,
          )
        : compose(
            "Eén Plan: actiepunten zijn aan u toegewezen",
            `In Eén Plan zijn ${n.actionIds.length} actiepunten aan u toegewezen. Bekijk ze:`,
            `${n.actionIds.length} action items in Eén Plan were assigned to you.`,
            "/acties",
          );
    case "escalation_raised":
      return compose(
        "Eén Plan: een escalatie vraagt uw aandacht",
        n.actionId
          ? "Een actiepunt van u is in Eén Plan opgeschaald. Bekijk het:"
          : "Een casus waarbij u betrokken bent is in Eén Plan opgeschaald. Bekijk de escalaties:",
        n.actionId
          ? "One of your action items was escalated in Eén Plan."
          : "A case you are involved in was escalated in Eén Plan.",
        n.actionId ? `/acties/${n.actionId}` : "/escalaties",
      );
    case "escalation_resolved":
      return compose(
        "Eén Plan: een escalatie is afgehandeld",
        "Een escalatie waarbij u betrokken bent is in Eén Plan afgehandeld. Bekijk de uitkomst:",
        "An escalation you are involved in was resolved in Eén Plan.",
        "/escalaties",
      );
    case "restraining_order_ending": {
      const until = { nl: longDate(n.until), en: longDate(n.until, "en-GB") };
      return compose(
        "Eén Plan: een huisverbod eindigt binnenkort",
        `Het huisverbod in een casus waarvan u voorzitter of casusregisseur bent, eindigt na ${until.nl}. ${
          n.extendable ? "De burgemeester kan het nog verlengen." : "Verlengen kan niet meer."
        } Plan het overleg daarvóór. Bekijk de casus:`,
        `The restraining order in a case you chair or direct ends after ${until.en}. ${
          n.extendable ? "The mayor can still extend it." : "It can no longer be extended."
        } Plan the conference before then.`,
        `/casussen/${n.caseId}/fase`,
      );
    }
  }
}

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

/** One mail on its way: what, to whom, and how many attempts it has had. */
interface Delivery {
  n: Notification | Assigned;
  userId: string;
  to: string;
  attempts: number;
}

/** Who a notification is for. */
function recipientsOf(n: Notification): string[] {
  return n.kind === "actions_due" ? [n.userId] : n.recipientUserIds;
}

/**
 * The e-mail notifier. `origin` is the address people open the app at (`PUBLIC_ORIGIN`, else the
 * server's own, known once it listens: reminders due at start-up wait for it). Accounts that are
 * disabled get nothing.
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
  const inFlight = new Set<Promise<void>>();
  /** Actions given to each person, waiting for more (user id → address and action ids). */
  const assigned = new Map<string, { to: string; actionIds: string[]; timer: NodeJS.Timeout }>();
  /** Mails waiting for their next attempt, each with the timer that starts it. */
  const retrying = new Map<Delivery, NodeJS.Timeout>();
  let closed = false;

  /** One attempt; `last` gives the mail up if it fails, whatever the schedule still holds. */
  const attempt = async (d: Delivery, last: boolean) => {
    d.attempts += 1;
    try {
      const message = messageFor(d.n, await origin);
      await transport.sendMail({
        from: settings.from,
        to: d.to,
        subject: message.subject,
        text: message.text,
      });
    } catch (err) {
      // Ids and the error's codes only: the address and the server's words may hold personal data.
      const codes = codesOf(err);
      const line = { kind: d.n.kind, userId: d.userId, attempt: d.attempts, err: codes };
      const retryInMs = retryDelaysMs[d.attempts - 1];
      if (last || closed || retryInMs === undefined || !isPassing(codes)) {
        deps.logger.error(line, "notification mail given up");
        return;
      }
      deps.logger.warn({ ...line, retryInMs }, "notification mail failed");
      const timer = setTimeout(() => {
        retrying.delete(d);
        start(d, false);
      }, retryInMs);
      timer.unref();
      retrying.set(d, timer);
    }
  };
  /** Starts an attempt; a mail is never in `retrying` and in flight at once, so never sent twice. */
  const start = (d: Delivery, last: boolean) => {
    const sending = attempt(d, last);
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  };
  const send = (n: Notification | Assigned, userId: string, to: string) =>
    start({ n, userId, to, attempts: 0 }, false);
  /** Sends the actions waiting for one person, in one mail. */
  const sendAssigned = (userId: string) => {
    const waiting = assigned.get(userId);
    if (!waiting) return;
    assigned.delete(userId);
    clearTimeout(waiting.timer);
    send({ kind: "actions_assigned", actionIds: waiting.actionIds }, userId, waiting.to);
  };
  const gather = (userId: string, to: string, actionId: string) => {
    const waiting = assigned.get(userId);
    if (waiting) {
      if (!waiting.actionIds.includes(actionId)) waiting.actionIds.push(actionId);
      return;
    }
    const timer = setTimeout(() => sendAssigned(userId), assignedWaitMs);
    timer.unref();
    assigned.set(userId, { to, actionIds: [actionId], timer });
  };

  return {
    async notify(n) {
      const ids = [...new Set(recipientsOf(n))];
      if (ids.length === 0) return;
      let found: { id: string; email: string }[];
      try {
        found = await deps.database.db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(inArray(users.id, ids), isNull(users.disabledAt)));
      } catch {
        deps.logger.warn({ kind: n.kind }, "notification mail: recipients could not be read");
        return;
      }
      for (const r of found) {
        if (n.kind === "action_assigned") gather(r.id, r.email, n.actionId);
        else send(n, r.id, r.email);
      }
    },
    async settled() {
      for (const userId of [...assigned.keys()]) sendAssigned(userId);
      // A retry is not waited for (shutdown would take a quarter of an hour): it goes now, last.
      while (inFlight.size > 0 || retrying.size > 0) {
        const due = [...retrying];
        retrying.clear();
        for (const [d, timer] of due) {
          clearTimeout(timer);
          start(d, true);
        }
        await Promise.all(inFlight);
      }
    },
    close() {
      closed = true;
      for (const { timer } of assigned.values()) clearTimeout(timer);
      assigned.clear();
      for (const [d, timer] of retrying) {
        clearTimeout(timer);
        deps.logger.error(
          { kind: d.n.kind, userId: d.userId, attempt: d.attempts },
          "notification mail given up",
        );
      }
      retrying.clear();
      transport.close();
    },
  };
}
