/**
 * Notifications by e-mail, received by a real SMTP server on a loopback port (`smtp-server`) and
 * read back with a real mail parser: who gets which message, with a link into the app and without
 * anything about the case; a mail server that is away costs the app nothing, and a mail it could not
 * take yet (down, or "try again later") still arrives, once, while a refused one is not tried again.
 * Mail waiting to go out (gathering, or for its retry) is in the database's outbox, with ids only,
 * and arrives once also when the server was stopped and started again meanwhile; what it says about
 * actions is what they are when it goes out (still the recipient's, still open), not when queued.
 */
import { randomUUID } from "node:crypto";
import { type AddressInfo, createServer } from "node:net";
import { eq, sql } from "drizzle-orm";
import { type ParsedMail, simpleParser } from "mailparser";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, rowsOf } from "../../db/client";
import { migrate } from "../../db/migrate";
import { actionItems, cases, mailOutbox, users } from "../../db/schema";
import { demoEmail, seedDemo } from "../../db/seed/demo";
import { fixedClock } from "../../server/clock";
import { type MailNotifier, messageFor, sendDueReminders } from "../../server/notify";
import { type MailSettings, mailNotifier } from "../../server/notify/mail";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";
import { connectSocket, emitAck } from "../helpers/socket";
import { demoConference } from "../server/conference/fixture";
import { addAction, addCase, demoCaseId, demoUser } from "./fixture";

/**
 * An SMTP server that keeps every message it accepts, parsed. `answer` may turn a recipient away,
 * attempt by attempt (1, 2, …), with an SMTP code such as 451 ("try again later") or 550 ("no such
 * mailbox"); `port` brings it up where a mail server was expected all along.
 */
async function startMailServer(
  options: { port?: number; answer?: (attempt: number) => number | undefined } = {},
): Promise<{
  port: number;
  received: ParsedMail[];
  /** How many times a recipient was offered, accepted or not. */
  attempts: () => number;
  stop: () => Promise<void>;
}> {
  const received: ParsedMail[] = [];
  let attempts = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, done) {
      attempts += 1;
      const code = options.answer?.(attempts);
      if (code === undefined) done();
      else done(Object.assign(new Error("Mailbox unavailable"), { responseCode: code }));
    },
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          done();
        },
        (err: Error) => done(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    port,
    received,
    attempts: () => attempts,
    stop: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (a mail server that is down). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A logger whose lines the test reads back. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (l: string) => void lines.push(JSON.parse(l)) });
  return {
    logger,
    lines,
    raw: () => JSON.stringify(lines),
    withMsg: (msg: string) => lines.filter((l) => l.msg === msg),
  };
}

const clock = fixedClock("2026-06-10T08:00:00Z");
let mailServer: Awaited<ReturnType<typeof startMailServer>>;
let server: TestServer;
let settings: MailSettings;
let lateActionId: string;
let lateActionTitle: string;
const mailOf = () => server.deps.notifier as MailNotifier;
const addressOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

beforeAll(async () => {
  mailServer = await startMailServer();
  settings = { url: `smtp://127.0.0.1:${mailServer.port}`, from: "Eén Plan <noreply@eenplan.test>" };
  server = await startTestServer({ clock, config: { mail: settings } });
  const coordinator = await server.loginAs("coordinator");
  const late = (await coordinator.get("/api/actions?overdue=true")).json.actions[0];
  lateActionId = late.id;
  lateActionTitle = late.title;
});
afterAll(async () => {
  await server?.stop();
  await mailServer?.stop();
});

/** Nothing that would tell a reader of the mail which household or case this is about. */
function expectNoCaseDetails(text: string) {
  for (const secret of ["Berkel", "Yilmaz", "Fatma", "MDA-DEMO", lateActionTitle, "Joris Smit"]) {
    expect(text, secret).not.toContain(secret);
  }
}

describe("notifications by e-mail", () => {
  it("sends each owner of due actions one mail that links to their actions and names nothing of the case", async () => {
    mailServer.received.length = 0;
    expect(await sendDueReminders(server.deps, clock.now())).toBe(1);
    await mailOf().settled();

    expect(mailServer.received).toHaveLength(1);
    const [mail] = mailServer.received;
    expect(addressOf(mail)).toBe(demoEmail("wijkteam"));
    expect(mail.from?.text).toBe('"Eén Plan" <noreply@eenplan.test>');
    expect(mail.subject).toBe("Eén Plan: actiepunten die aflopen");
    expect(mail.text).toContain(
      "In Eén Plan staat een actiepunt van u dat binnen drie dagen afloopt of te laat is.",
    );
    expect(mail.text).toContain(`${server.url}/acties\n`);
    expect(mail.text).toContain("One of your action items in Eén Plan is due within three days or late.");
    expectNoCaseDetails(`${mail.subject}\n${mail.text}`);
  });

  it("tells the owner of an escalated action, with a link to that action, without the request waiting for it", async () => {
    mailServer.received.length = 0;
    const coordinator = await server.loginAs("coordinator");
    const raised = await coordinator.post("/api/escalations", {
      caseId: await demoCaseId(server.deps.database.db),
      actionId: lateActionId,
      reason: "Twee weken geen reactie op de aanmelding.",
    });
    expect(raised.status).toBe(201);
    await mailOf().settled();

    expect(mailServer.received.map(addressOf)).toEqual([demoEmail("wijkteam")]);
    const [mail] = mailServer.received;
    expect(mail.subject).toBe("Eén Plan: een escalatie vraagt uw aandacht");
    expect(mail.text).toContain(`${server.url}/acties/${lateActionId}\n`);
    expectNoCaseDetails(`${mail.subject}\n${mail.text}`);
    // The reason given is case content too.
    expect(mail.text).not.toContain("Twee weken");
  });

  it("tells whoever gets an action, made in the conference or reassigned later, but not who takes one on", async () => {
    const demo = await demoConference(server);
    const chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
    try {
      const conf = { conferenceId: demo.conferenceId };
      expect((await emitAck(chair, "conference:join", conf)).ok).toBe(true);
      expect((await emitAck(chair, "conference:start", conf)).ok).toBe(true);
      mailServer.received.length = 0;
      const made = await emitAck<{ action: { id: string } }>(chair, "action:create", {
        ...conf,
        title: "Afspraak met school over ophalen",
        ownerUserId: demo.ids.politie,
        dueDate: "2026-07-01",
      });
      expect(made.ok).toBe(true);
      const actionId = made.ok ? made.action.id : "";
      // The chair takes one on themselves: nobody needs telling.
      const own = await emitAck(chair, "action:create", {
        ...conf,
        title: "Verslag rondsturen",
        ownerUserId: demo.ids.voorzitter,
        dueDate: "2026-07-01",
      });
      expect(own.ok).toBe(true);
      await mailOf().settled();
      expect(mailServer.received.map(addressOf)).toEqual([demoEmail("politie")]);
      expect(mailServer.received[0].subject).toBe("Eén Plan: een actiepunt is aan u toegewezen");
      expect(mailServer.received[0].text).toContain(`${server.url}/acties/${actionId}\n`);
      expect(mailServer.received[0].text).not.toContain("school");

      // Reassigned: the new owner hears; the owner changing the status alone tells nobody.
      mailServer.received.length = 0;
      const path = `/api/actions/${actionId}`;
      const moved = await demo.clients.voorzitter.patch(path, { ownerUserId: demo.ids.veiligthuis });
      expect(moved.status).toBe(200);
      expect((await demo.clients.veiligthuis.patch(path, { status: "in_progress" })).status).toBe(200);
      await mailOf().settled();
      expect(mailServer.received.map(addressOf)).toEqual([demoEmail("veiligthuis")]);

      // Made through the API instead of the panel: the same.
      mailServer.received.length = 0;
      const viaApi = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/actions`, {
        ...conf,
        title: "Huisarts informeren",
        ownerUserId: demo.ids.wijkteam,
        dueDate: "2026-07-01",
      });
      expect(viaApi.status).toBe(201);
      await mailOf().settled();
      expect(mailServer.received.map(addressOf)).toEqual([demoEmail("wijkteam")]);
      expect(mailServer.received[0].text).toContain(`${server.url}/acties/${viaApi.json.action.id}\n`);

      // Three actions for one person in a row: they wait for each other and go out as one mail.
      mailServer.received.length = 0;
      for (const title of ["Aangifte opnemen", "Contact met reclassering", "Adres controleren"]) {
        const ack = await emitAck(chair, "action:create", {
          ...conf,
          title,
          ownerUserId: demo.ids.politie,
          dueDate: "2026-07-01",
        });
        expect(ack.ok).toBe(true);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(mailServer.received).toEqual([]);
      await mailOf().settled();
      expect(mailServer.received.map(addressOf)).toEqual([demoEmail("politie")]);
      expect(mailServer.received[0].subject).toBe("Eén Plan: actiepunten zijn aan u toegewezen");
      expect(mailServer.received[0].text).toContain("In Eén Plan zijn 3 actiepunten aan u toegewezen.");
      expect(mailServer.received[0].text).toContain(`${server.url}/acties\n`);
      expect(mailServer.received[0].text).not.toContain("reclassering");
    } finally {
      chair.close();
    }
  });

  /** The demo conference, running (started here, or still from an earlier test), for actions made through the API. */
  const runningConference = async () => {
    const demo = await demoConference(server);
    const chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
    try {
      const conf = { conferenceId: demo.conferenceId };
      expect((await emitAck(chair, "conference:join", conf)).ok).toBe(true);
      await emitAck(chair, "conference:start", conf); // Refused when it runs already: as good.
    } finally {
      chair.close();
    }
    const make = async (title: string, ownerUserId: string) => {
      const made = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/actions`, {
        title,
        ownerUserId,
        dueDate: "2026-07-01",
      });
      expect(made.status).toBe(201);
      return made.json.action.id as string;
    };
    const reassign = async (actionId: string, ownerUserId: string) =>
      expect((await demo.clients.voorzitter.patch(`/api/actions/${actionId}`, { ownerUserId })).status).toBe(
        200,
      );
    return { ...demo, make, reassign };
  };

  it("tells only whoever has an action when its mail goes out: given to one person and corrected to another within the wait, the first hears nothing, the second once", async () => {
    const demo = await runningConference();
    const log = recordingLogger();
    const logger = server.deps.logger;
    server.deps.logger = log.logger;
    try {
      mailServer.received.length = 0;
      const actionId = await demo.make("Gesprek met de moeder plannen", demo.ids.politie);
      // The chair corrects the owner while the first owner's mail still gathers.
      await demo.reassign(actionId, demo.ids.veiligthuis);
      await mailOf().settled();

      expect(mailServer.received.map(addressOf)).toEqual([demoEmail("veiligthuis")]);
      expect(mailServer.received[0].subject).toBe("Eén Plan: een actiepunt is aan u toegewezen");
      expect(mailServer.received[0].text).toContain(`${server.url}/acties/${actionId}\n`);
      expect(log.withMsg("notification mail dropped")).toMatchObject([
        { kind: "actions_assigned", userId: demo.ids.politie, reason: "actions gone" },
      ]);
      expect(log.raw()).not.toContain(actionId);
      expect(await server.deps.database.db.select().from(mailOutbox)).toEqual([]);
    } finally {
      server.deps.logger = logger;
    }
  });

  it("counts and links to only the gathered actions still someone's when their mail goes out", async () => {
    const demo = await runningConference();
    mailServer.received.length = 0;
    const kept = await demo.make("Aangifte bespreken", demo.ids.politie);
    const moved = await demo.make("Buren spreken", demo.ids.politie);
    // One of the two gathered for politie goes to veiligthuis before politie's mail goes out.
    await demo.reassign(moved, demo.ids.veiligthuis);
    await mailOf().settled();

    expect(mailServer.received.map(addressOf).sort()).toEqual(
      [demoEmail("politie"), demoEmail("veiligthuis")].sort(),
    );
    const to = (key: string) => mailServer.received.find((m) => addressOf(m) === demoEmail(key));
    expect(to("politie")?.subject).toBe("Eén Plan: een actiepunt is aan u toegewezen");
    expect(to("politie")?.text).toContain("In Eén Plan is een actiepunt aan u toegewezen.");
    expect(to("politie")?.text).toContain(`${server.url}/acties/${kept}\n`);
    expect(to("politie")?.text).not.toContain(moved);
    expect(to("veiligthuis")?.text).toContain(`${server.url}/acties/${moved}\n`);
  });

  it("sends the actions gathered for someone once the wait is over, without being asked to", async () => {
    const notifier = mailNotifier(server.deps, settings, server.url, { assignedWaitMs: 300 });
    try {
      mailServer.received.length = 0;
      const db = server.deps.database.db;
      const owner = await demoUser(db, "politie");
      const caseId = await demoCaseId(db);
      for (const title of ["Buurtonderzoek", "Sleutels ophalen"]) {
        const actionId = await addAction(db, { caseId, owner: "politie", dueDate: "2026-07-01", title });
        await notifier.notify({ kind: "action_assigned", actionId, caseId, recipientUserIds: [owner.id] });
      }
      expect(mailServer.received).toEqual([]);
      await expect.poll(() => mailServer.received.length, { timeout: 5_000 }).toBe(1);
      expect(mailServer.received[0].text).toContain("In Eén Plan zijn 2 actiepunten aan u toegewezen.");
    } finally {
      notifier.close();
    }
  });

  it("words an ending huisverbod with its last day and whether it can still be extended", () => {
    const message = messageFor(
      {
        kind: "restraining_order_ending",
        caseId: "c-1",
        until: "2026-06-12",
        extendable: true,
        recipientUserIds: [],
      },
      "https://eenplan.example.nl",
    );
    expect(message.subject).toBe("Eén Plan: een huisverbod eindigt binnenkort");
    expect(message.text).toContain("eindigt na 12 juni 2026. De burgemeester kan het nog verlengen.");
    expect(message.text).toContain("https://eenplan.example.nl/casussen/c-1/fase\n");
    expect(message.text).toContain("ends after 12 June 2026. The mayor can still extend it.");
  });

  it("sends nothing to a disabled account", async () => {
    mailServer.received.length = 0;
    const wijkteam = await demoUser(server.deps.database.db, "wijkteam");
    await mailOf().notify({ kind: "actions_due", userId: wijkteam.id, actionIds: [lateActionId] });
    await mailOf().settled();
    expect(mailServer.received).toHaveLength(1);

    const admin = await server.loginAs("admin");
    expect((await admin.post(`/api/admin/users/${wijkteam.id}/disable`, {})).status).toBe(200);
    mailServer.received.length = 0;
    await mailOf().notify({ kind: "actions_due", userId: wijkteam.id, actionIds: [lateActionId] });
    await mailOf().settled();
    expect(mailServer.received).toHaveLength(0);
  });

  it("mails the reminders due when a server starts, with links to where it then listens", async () => {
    mailServer.received.length = 0;
    // 10:00 in Amsterdam, past the reminder time: the schedule sends while the server starts.
    const starting = await startTestServer({
      clock,
      config: {
        reminderTime: "07:00",
        mail: { url: `smtp://127.0.0.1:${mailServer.port}`, from: "noreply@eenplan.test" },
      },
    });
    try {
      await expect.poll(() => mailServer.received.length, { timeout: 10_000 }).toBe(1);
      expect(addressOf(mailServer.received[0])).toBe(demoEmail("wijkteam"));
      expect(mailServer.received[0].text).toContain(`${starting.url}/acties\n`);
    } finally {
      await starting.stop();
    }
  });

  it("tries once more when settling, then keeps the mail for its next retry, logged with ids only, when the mail server stays away", async () => {
    const lines: string[] = [];
    server.deps.logger = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
    await mailServer.stop();
    const db = server.deps.database.db;
    const voorzitter = await demoUser(db, "voorzitter");
    const due = await addAction(db, {
      caseId: await demoCaseId(db),
      owner: "voorzitter",
      dueDate: "2026-06-11",
    });
    const started = Date.now();
    await mailOf().notify({ kind: "actions_due", userId: voorzitter.id, actionIds: [due] });
    await mailOf().settled();
    // The next retry is a minute away; settling tried it at once instead.
    expect(Date.now() - started).toBeLessThan(30_000);
    const logged = lines.map((l) => JSON.parse(l));
    const failed = { level: 40, kind: "actions_due", userId: voorzitter.id };
    const refused = { code: "ESOCKET", originalCode: "ECONNREFUSED" };
    expect(logged.filter((l) => l.msg === "notification mail failed")).toMatchObject([
      { ...failed, attempt: 1, retryInMs: 60_000, err: refused },
      { ...failed, attempt: 2, retryInMs: 300_000, err: refused },
    ]);
    // Settling gives nothing up: the mail waits in the outbox for its next retry.
    expect(logged.filter((l) => l.msg === "notification mail given up")).toEqual([]);
    const waiting = await server.deps.database.db.select().from(mailOutbox);
    expect(waiting).toMatchObject([{ userId: voorzitter.id, kind: "actions_due", attempts: 2 }]);
    expect(lines.join("\n")).not.toContain("@");
  });
});

describe("notification mail that fails for a passing reason, or waits in the outbox across a restart", () => {
  // A database of its own: no server's notifier looks into this outbox, and it can be reopened as a
  // restart would.
  let outboxDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    outboxDb = await createTestDatabase({ persistent: true });
    database = await outboxDb.open();
    await migrate(database);
    await seedDemo(database.db, clock.now());
  });
  afterAll(async () => {
    await database?.close();
    await outboxDb?.drop();
  });

  const short = { retryDelaysMs: [300, 300, 300] };
  const notifierWith = (
    port: number,
    logger: ReturnType<typeof recordingLogger>["logger"],
    timing: Parameters<typeof mailNotifier>[3],
  ) =>
    mailNotifier(
      { database, logger },
      { url: `smtp://127.0.0.1:${port}`, from: "noreply@eenplan.test" },
      server.url,
      timing,
    );
  /** A new open action of a demo account in the demo case, due tomorrow; its id. */
  const newAction = async (owner: string) =>
    addAction(database.db, { caseId: await demoCaseId(database.db), owner, dueDate: "2026-06-11" });
  const notifyPolitie = async (notifier: MailNotifier) => {
    const politie = await demoUser(database.db, "politie");
    const actionId = await newAction("politie");
    await notifier.notify({ kind: "actions_due", userId: politie.id, actionIds: [actionId] });
    return politie;
  };
  const outbox = () => database.db.select().from(mailOutbox);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /**
   * Runs `use` with a mail server that answers as `answer` and a notifier with `timing`; stops both
   * and empties the outbox. `restart` stops the notifier, closes and reopens the database, and
   * starts a new notifier on it, as a restart of the server would.
   */
  const withMail = async (
    answer: ((attempt: number) => number | undefined) | undefined,
    timing: Parameters<typeof mailNotifier>[3],
    use: (m: {
      smtp: Awaited<ReturnType<typeof startMailServer>>;
      log: ReturnType<typeof recordingLogger>;
      notifier: MailNotifier;
      restart: (timing?: Parameters<typeof mailNotifier>[3]) => Promise<MailNotifier>;
    }) => Promise<void>,
  ) => {
    const smtp = await startMailServer({ answer });
    const log = recordingLogger();
    let notifier = notifierWith(smtp.port, log.logger, timing);
    const restart = async (next = timing) => {
      await notifier.close();
      await database.close();
      database = await outboxDb.open();
      notifier = notifierWith(smtp.port, log.logger, next);
      return notifier;
    };
    try {
      await use({ smtp, log, notifier, restart });
    } finally {
      await notifier.close();
      await database.db.delete(mailOutbox);
      await smtp.stop();
    }
  };

  it("delivers a mail once the mail server stops answering 451 'try again later', exactly once and unasked", async () => {
    await withMail(
      (attempt) => (attempt === 1 ? 451 : undefined),
      short,
      async ({ smtp, log, notifier }) => {
        const politie = await notifyPolitie(notifier);
        await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(1);
        expect(addressOf(smtp.received[0])).toBe(demoEmail("politie"));
        expect(smtp.received[0].subject).toBe("Eén Plan: actiepunten die aflopen");
        // Long enough for any further retry: none comes, the mail arrived once.
        await pause(1_000);
        expect(smtp.attempts()).toBe(2);
        expect(smtp.received).toHaveLength(1);
        expect(log.withMsg("notification mail failed")).toMatchObject([
          { userId: politie.id, attempt: 1, retryInMs: 300, err: { code: "EENVELOPE", responseCode: 451 } },
        ]);
        expect(log.withMsg("notification mail given up")).toEqual([]);
        expect(log.raw()).not.toContain("@");
        expect(log.raw()).not.toContain("Mailbox unavailable");
      },
    );
  });

  it("gives a mail up at once when the mail server answers 550, without trying again", async () => {
    await withMail(
      () => 550,
      short,
      async ({ smtp, log, notifier }) => {
        const politie = await notifyPolitie(notifier);
        await expect.poll(() => log.withMsg("notification mail given up").length, { timeout: 5_000 }).toBe(1);
        await pause(1_000);
        expect(smtp.attempts()).toBe(1);
        expect(smtp.received).toEqual([]);
        expect(log.withMsg("notification mail failed")).toEqual([]);
        expect(log.withMsg("notification mail given up")).toMatchObject([
          { userId: politie.id, attempt: 1, err: { code: "EENVELOPE", responseCode: 550 } },
        ]);
      },
    );
  });

  it("delivers a mail once a mail server that was down comes up on its port", async () => {
    const port = await freePort();
    const log = recordingLogger();
    const notifier = notifierWith(port, log.logger, short);
    let smtp: Awaited<ReturnType<typeof startMailServer>> | undefined;
    try {
      await notifyPolitie(notifier);
      await expect.poll(() => log.withMsg("notification mail failed").length, { timeout: 5_000 }).toBe(1);
      expect(log.withMsg("notification mail failed")[0]).toMatchObject({
        err: { code: "ESOCKET", originalCode: "ECONNREFUSED" },
      });
      smtp = await startMailServer({ port });
      await expect.poll(() => smtp?.received.length, { timeout: 5_000 }).toBe(1);
      expect(addressOf(smtp.received[0])).toBe(demoEmail("politie"));
      await pause(1_000);
      expect(smtp.received).toHaveLength(1);
      expect(log.withMsg("notification mail given up")).toEqual([]);
    } finally {
      await notifier.close();
      await smtp?.stop();
    }
  });

  it("stops after the last retry of the schedule, and says so once", async () => {
    await withMail(
      () => 451,
      { retryDelaysMs: [100, 100, 100] },
      async ({ smtp, log, notifier }) => {
        await notifyPolitie(notifier);
        await expect.poll(() => log.withMsg("notification mail given up").length, { timeout: 5_000 }).toBe(1);
        await pause(500);
        expect(smtp.attempts()).toBe(4);
        expect(log.withMsg("notification mail failed").map((l) => l.attempt)).toEqual([1, 2, 3]);
        expect(log.withMsg("notification mail given up")).toMatchObject([
          { attempt: 4, err: { responseCode: 451 } },
        ]);
      },
    );
  });

  it("sends a mail waiting for its retry when settled, rather than waiting out the delay", async () => {
    // The default schedule: the first retry is a minute away.
    await withMail(
      (attempt) => (attempt === 1 ? 451 : undefined),
      {},
      async ({ smtp, notifier }) => {
        await notifyPolitie(notifier);
        await notifier.settled();
        expect(smtp.attempts()).toBe(2);
        expect(smtp.received.map(addressOf)).toEqual([demoEmail("politie")]);
      },
    );
  });

  it("sends nothing while stopped, and at the next start at once the actions gathered before the stop whose wait ended meanwhile", async () => {
    await withMail(undefined, { assignedWaitMs: 300 }, async ({ smtp, notifier, restart }) => {
      const politie = await demoUser(database.db, "politie");
      const actionId = await newAction("politie");
      await notifier.notify({
        kind: "action_assigned",
        actionId,
        caseId: await demoCaseId(database.db),
        recipientUserIds: [politie.id],
      });
      // Stopped within the gathering wait; the wait ends while the server is down.
      await notifier.close();
      await pause(600);
      expect(smtp.received).toEqual([]);
      await restart();
      await expect.poll(() => smtp.received.length, { timeout: 2_000 }).toBe(1);
      expect(addressOf(smtp.received[0])).toBe(demoEmail("politie"));
      expect(smtp.received[0].text).toContain(`${server.url}/acties/${actionId}\n`);
      await pause(1_000);
      expect(smtp.attempts()).toBe(1);
      expect(await outbox()).toEqual([]);
    });
  });

  it("goes on gathering across a restart: actions given before and after it arrive in one mail, when the wait is over", async () => {
    const waitMs = 5_000;
    await withMail(undefined, { assignedWaitMs: waitMs }, async ({ smtp, notifier, restart }) => {
      const politie = await demoUser(database.db, "politie");
      const caseId = await demoCaseId(database.db);
      const [first, second, third] = [
        await newAction("politie"),
        await newAction("politie"),
        await newAction("politie"),
      ];
      const assign = (n: MailNotifier, actionId: string) =>
        n.notify({ kind: "action_assigned", actionId, caseId, recipientUserIds: [politie.id] });
      const gatheringFrom = Date.now();
      await assign(notifier, first);
      await assign(notifier, second);
      const next = await restart();
      await assign(next, third);
      await expect.poll(() => smtp.received.length, { timeout: waitMs + 5_000 }).toBe(1);
      // Not before the wait that began before the restart was over.
      expect(Date.now() - gatheringFrom).toBeGreaterThanOrEqual(waitMs - 100);
      expect(smtp.received[0].text).toContain("In Eén Plan zijn 3 actiepunten aan u toegewezen.");
      await pause(1_000);
      expect(smtp.attempts()).toBe(1);
      expect(await outbox()).toEqual([]);
    });
  });

  it("keeps a mail waiting for its retry across a restart, with its attempts, and delivers it once when the mail server takes it", async () => {
    await withMail(
      (attempt) => (attempt <= 2 ? 451 : undefined),
      { retryDelaysMs: [1_000, 300, 300] },
      async ({ smtp, log, notifier, restart }) => {
        const politie = await notifyPolitie(notifier);
        await expect.poll(() => log.withMsg("notification mail failed").length, { timeout: 5_000 }).toBe(1);
        await restart(short);
        await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(1);
        expect(addressOf(smtp.received[0])).toBe(demoEmail("politie"));
        await pause(1_000);
        expect(smtp.attempts()).toBe(3);
        expect(smtp.received).toHaveLength(1);
        // The attempt count went on where it was before the restart; nothing was given up.
        expect(log.withMsg("notification mail failed")).toMatchObject([
          { userId: politie.id, attempt: 1, retryInMs: 1_000 },
          { userId: politie.id, attempt: 2, retryInMs: 300 },
        ]);
        expect(log.withMsg("notification mail given up")).toEqual([]);
        expect(log.withMsg("notification mail left from before the start")).toMatchObject([{ waiting: 1 }]);
        expect(await outbox()).toEqual([]);
      },
    );
  });

  it("keeps a mail the mail server could not take at shutdown, and the restarted server sends it", async () => {
    const port = await freePort();
    const serverDb = await createTestDatabase({ persistent: true });
    const config = { mail: { url: `smtp://127.0.0.1:${port}`, from: "noreply@eenplan.test" } };
    let running: TestServer | undefined = await startTestServer({ clock, config, database: serverDb });
    let smtp: Awaited<ReturnType<typeof startMailServer>> | undefined;
    try {
      const runningDb = running.deps.database.db;
      const wijkteam = await demoUser(runningDb, "wijkteam");
      const due = await addAction(runningDb, {
        caseId: await demoCaseId(runningDb),
        owner: "wijkteam",
        dueDate: "2026-06-11",
      });
      await (running.deps.notifier as MailNotifier).notify({
        kind: "actions_due",
        userId: wijkteam.id,
        actionIds: [due],
      });
      // Refused once (the mail server is down); shutdown leaves it in the outbox as it is.
      await expect
        .poll(async () => (await running?.deps.database.db.select().from(mailOutbox))?.[0]?.attempts)
        .toBe(1);
      await running.stop();
      running = undefined;
      // Down for longer than the next retry's wait (a minute after the first attempt).
      const offline = await serverDb.open();
      const kept = await offline.db.update(mailOutbox).set({ dueAt: new Date() }).returning();
      await offline.close();
      expect(kept).toMatchObject([{ userId: wijkteam.id, kind: "actions_due", attempts: 1 }]);
      smtp = await startMailServer({ port });
      running = await startTestServer({ clock, config, database: serverDb });
      await expect.poll(() => smtp?.received.length, { timeout: 10_000 }).toBe(1);
      expect(addressOf(smtp.received[0])).toBe(demoEmail("wijkteam"));
      expect(smtp.received[0].text).toContain(`${running.url}/acties\n`);
    } finally {
      await running?.stop();
      await smtp?.stop();
      await serverDb.drop();
    }
  });

  it("keeps only ids and kinds in the outbox: no name, address, action title or date of the case", async () => {
    await withMail(
      () => 451,
      {},
      async ({ log, notifier }) => {
        const db = database.db;
        const caseId = await demoCaseId(db);
        await db
          .update(cases)
          .set({ restrainingOrderFrom: "2026-06-02", restrainingOrderUntil: "2026-06-12" })
          .where(eq(cases.id, caseId));
        const [action] = await db
          .select({ id: actionItems.id, title: actionItems.title })
          .from(actionItems)
          .where(eq(actionItems.caseId, caseId))
          .limit(1);
        const politie = await demoUser(db, "politie");
        const [owner] = await db
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, politie.id));
        const recipientUserIds = [politie.id];
        await notifier.notify({ kind: "action_assigned", actionId: action.id, caseId, recipientUserIds });
        await notifier.notify({
          kind: "escalation_raised",
          escalationId: randomUUID(),
          caseId,
          actionId: action.id,
          level: "coordinator",
          recipientUserIds,
        });
        await notifier.notify({
          kind: "restraining_order_ending",
          caseId,
          until: "2026-06-12",
          extendable: true,
          recipientUserIds,
        });
        // The two that went out at once were turned away (451) and wait for their retry.
        await expect.poll(() => log.withMsg("notification mail failed").length, { timeout: 5_000 }).toBe(2);

        const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`select * from mail_outbox`));
        expect(rows).toHaveLength(3);
        for (const row of rows) {
          expect(Object.keys(row).sort()).toEqual([
            "attempts",
            "created_at",
            "due_at",
            "id",
            "kind",
            "subject_ids",
            "user_id",
          ]);
          expect(row.user_id).toBe(politie.id);
        }
        expect(rows.map((r) => [r.kind, r.subject_ids]).sort()).toEqual([
          ["actions_assigned", [action.id]],
          ["escalation_raised", [action.id]],
          ["restraining_order_ending", [caseId]],
        ]);
        const stored = JSON.stringify(rows);
        for (const text of [
          owner.name,
          owner.email,
          "@",
          action.title,
          "Berkel",
          "Yilmaz",
          "MDA-DEMO",
          "06-12",
        ]) {
          expect(stored, text).not.toContain(text);
        }
      },
    );
  });

  it("words an ending huisverbod with its days as the case has them when the mail goes out, and sends nothing once it was lifted", async () => {
    await withMail(undefined, {}, async ({ smtp, log, notifier }) => {
      const db = database.db;
      const caseId = await demoCaseId(db);
      const order = (from: string | null, until: string | null) =>
        db
          .update(cases)
          .set({ restrainingOrderFrom: from, restrainingOrderUntil: until })
          .where(eq(cases.id, caseId));
      const voorzitter = await demoUser(db, "voorzitter");
      const ending = () =>
        notifier.notify({
          kind: "restraining_order_ending",
          caseId,
          until: "2026-06-12",
          extendable: true,
          recipientUserIds: [voorzitter.id],
        });
      await order("2026-06-02", "2026-06-12");
      await ending();
      await notifier.settled();
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].text).toContain(
        "eindigt na 12 juni 2026. De burgemeester kan het nog verlengen.",
      );

      // Lifted after the reminder was handed over, before its mail went out: nothing left to warn of.
      await order(null, null);
      await ending();
      await notifier.settled();
      expect(smtp.received).toHaveLength(1);
      expect(log.withMsg("notification mail dropped")).toMatchObject([
        { kind: "restraining_order_ending", userId: voorzitter.id, reason: "huisverbod lifted" },
      ]);
      expect(await outbox()).toEqual([]);
    });
  });

  it("sends no reminder of an action finished while the reminder waited for its retry, and clears it from the outbox", async () => {
    // Turned away once ("try again later"); the retry is a minute away, settling tries it at once.
    await withMail(
      (attempt) => (attempt === 1 ? 451 : undefined),
      {},
      async ({ smtp, log, notifier }) => {
        const politie = await demoUser(database.db, "politie");
        const actionId = await newAction("politie");
        await notifier.notify({ kind: "actions_due", userId: politie.id, actionIds: [actionId] });
        await expect.poll(() => log.withMsg("notification mail failed").length, { timeout: 5_000 }).toBe(1);
        // The owner finishes it before the reminder goes out again.
        await database.db
          .update(actionItems)
          .set({ status: "done", completedAt: new Date() })
          .where(eq(actionItems.id, actionId));
        await notifier.settled();

        expect(smtp.attempts()).toBe(1);
        expect(smtp.received).toEqual([]);
        expect(log.withMsg("notification mail dropped")).toMatchObject([
          { kind: "actions_due", userId: politie.id, attempt: 2, reason: "actions gone" },
        ]);
        expect(await outbox()).toEqual([]);
      },
    );
  });

  it("mails nothing about the actions of a case destroyed while the mail waited, and links an escalation's mail to the escalations instead", async () => {
    await withMail(
      (attempt) => (attempt === 1 ? 451 : undefined),
      {},
      async ({ smtp, log, notifier }) => {
        const db = database.db;
        const politie = await demoUser(db, "politie");
        const caseId = await addCase(db, { reference: "MDA-MAIL-GONE", registeredAt: clock.now() });
        const actionId = await addAction(db, { caseId, owner: "politie", dueDate: "2026-06-11" });
        const recipientUserIds = [politie.id];
        // Gathering (a minute), and the escalation turned away once.
        await notifier.notify({ kind: "action_assigned", actionId, caseId, recipientUserIds });
        await notifier.notify({
          kind: "escalation_raised",
          escalationId: randomUUID(),
          caseId,
          actionId,
          level: "coordinator",
          recipientUserIds,
        });
        await expect.poll(() => log.withMsg("notification mail failed").length, { timeout: 5_000 }).toBe(1);
        // Destroyed: its actions go with it.
        await db.delete(cases).where(eq(cases.id, caseId));
        await notifier.settled();

        expect(smtp.received.map((m) => m.subject)).toEqual(["Eén Plan: een escalatie vraagt uw aandacht"]);
        expect(smtp.received[0].text).toContain(`${server.url}/escalaties\n`);
        expect(smtp.received[0].text).not.toContain(actionId);
        expect(log.withMsg("notification mail dropped")).toMatchObject([
          { kind: "actions_assigned", userId: politie.id, reason: "actions gone" },
        ]);
        expect(await outbox()).toEqual([]);
      },
    );
  });

  it("sends nothing to someone whose account was disabled while their mail waited, and clears it from the outbox", async () => {
    await withMail(undefined, { assignedWaitMs: 300 }, async ({ smtp, log, notifier }) => {
      const veiligthuis = await demoUser(database.db, "veiligthuis");
      const account = eq(users.id, veiligthuis.id);
      await notifier.notify({
        kind: "action_assigned",
        actionId: await newAction("veiligthuis"),
        caseId: await demoCaseId(database.db),
        recipientUserIds: [veiligthuis.id],
      });
      await database.db.update(users).set({ disabledAt: new Date() }).where(account);
      try {
        await expect.poll(() => log.withMsg("notification mail dropped").length, { timeout: 5_000 }).toBe(1);
        expect(log.withMsg("notification mail dropped")).toMatchObject([
          { userId: veiligthuis.id, reason: "account disabled" },
        ]);
        await pause(500);
        expect(smtp.attempts()).toBe(0);
        expect(await outbox()).toEqual([]);
      } finally {
        await database.db.update(users).set({ disabledAt: null }).where(account);
      }
    });
  });
});
