/**
 * "Never log plan text, names or tokens": the whole log of a realistic session, at the lowest level,
 * read back line by line. People log in (a wrong password, a wrong code from the authenticator app),
 * an ervaringsdeskundige accepts an invitation with a password of her own, a coordinator registers
 * a household, the case director writes the plan over Yjs, a conference over Socket.IO adopts a
 * decision against an objection and agrees an action that then runs late and is escalated, a mail
 * server refuses the notification with the address in its answer; bad input all along the way.
 * Case data is special-category personal data (AVG art. 9/10): none of it may be in the log.
 *
 * The case reference (`MDA-…`) counts as case data too: it is the case number the Zorg- en
 * Veiligheidshuis registers the household under, meaningful outside Eén Plan, and mail already
 * leaves it out (`tests/followup/mail.test.ts`). The log names a case by its id.
 */
import { randomUUID } from "node:crypto";
import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { sql } from "drizzle-orm";
import * as encoding from "lib0/encoding";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmail, demoPassword } from "../../db/seed/demo";
import { fixedClock } from "../../server/clock";
import { createLogger } from "../../server/logger";
import { type MailNotifier, mailNotifier } from "../../server/notify/mail";
import { addDays, amsterdamDate } from "../../shared/dates";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck } from "../helpers/socket";
import {
  appendParagraph,
  closeCode,
  openSection,
  rawSocket,
  upgradeStatus,
  waitForText,
} from "../helpers/yjs";

// Everything the log must never hold. Each text carries a marker word of its own, so a part of it
// (cut off, or a word quoted in an error) is found too.
const household = "Huishouden Wolters-Okonkwo";
const reference = "MDA-2026-LOGZ-917";
const planText = "Moeder Anouk Wolters-Okonkwo woont met Jelmer (4) aan de Zilverreigerlaan 17.";
const warningPlanText = "Advies: relatietherapie met vader, afgesproken bij de Korhoenbrug.";
const decisionText = "Vader komt niet meer bij de Zilverreigerlaan; omgang alleen begeleid (Roerdomp).";
const warningDecisionText = "Mediation tussen vader en moeder pas na het Kwartelrapport.";
const warningOverride = "Het Kwartelrapport sluit intiem terreur inmiddels uit, zegt de Grutto-psycholoog.";
const objection = "Bezwaar: de school van Jelmer (Tureluurschool) is nog niet ingelicht.";
const actionTitle = "Aangifte opnemen bij het Steltkluutbureau met Anouk";
const lateNote = "Anouk lag in het ziekenhuis na een val bij de Grauwe-Gansdreef.";
const escalationReason = "Aangifte blijft liggen; Kluut-afspraak tweemaal verzet.";
const escalationOutcome = "Wijkagent Patrijs neemt de aangifte thuis op.";
const agendaTitle = "Terugblik Wolters-Okonkwo";
const invitee = { name: "Ilse Verhoeven-Dijkstra", email: "ilse.verhoeven.logtest@example.nl" };
const weakPassword = "wachtwoord1234";
const chosenPassword = "paarse-olifant-fietst-Q7";
const wrongPassword = "Verkeerd-Wachtwoord-9931";
const smtpPassword = "smtp-geheim-Wulp-4410";
const forgedToken = "vervalst-sessietoken-Plevier-8812";

const clock = fixedClock("2026-05-11T08:00:00Z");
const lines: string[] = [];
let server: TestServer;
let smtp: SMTPServer | undefined;
let smtpPort = 0;
const openSockets: ConferenceSocket[] = [];

/** Secrets met during the session (tokens, codes, names read from the server). */
const met = new Map<string, string>();
const meet = (label: string, value: string | null | undefined) => {
  if (!value) throw new Error(`nothing to remember for ${label}`);
  met.set(label, value);
};

beforeAll(async () => {
  // The server's own logger (its redaction included), at the lowest level, writing to this test.
  const logger = createLogger("trace", { write: (line: string) => void lines.push(line) });
  server = await startTestServer({
    clock,
    logger,
    // The clock moves two days on (an action runs late): sessions must outlive that.
    config: { session: { idleMs: 7 * 24 * 3_600_000, absoluteMs: 30 * 24 * 3_600_000 } },
  });
  // A mail server that answers like real ones do: with the address in its refusal.
  let attempts = 0;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, done) => done(null, { user: "een-plan" }),
    onRcptTo(address, _session, done) {
      attempts += 1;
      const code = attempts === 1 ? 451 : 550;
      done(
        Object.assign(new Error(`<${address.address}> mailbox unavailable for ${invitee.name}`), {
          responseCode: code,
        }),
      );
    },
    onData(stream, _session, done) {
      stream.resume();
      stream.on("end", () => done());
    },
  });
  await new Promise<void>((resolve) => smtp?.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of openSockets) s.close();
  await server?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

/** A TOTP code of the authenticator app, for the clock's current step. */
const totp = (secret: string) =>
  generateHOTP(decodeBase32(secret), BigInt(Math.floor(clock.now().getTime() / 30_000)), 6);
/** A code that is not the right one. */
const wrongCode = (right: string) => String((Number(right) + 500_001) % 1_000_000).padStart(6, "0");

async function login(key: string): Promise<HttpClient> {
  const client = await server.loginAs(key);
  meet(`session token of ${key}`, client.sessionToken);
  const me = (await client.get("/api/me")).json;
  meet(`name of ${key}`, me.name);
  meet(`surname of ${key}`, (me.name as string).split(" ").pop());
  meet(`e-mail address of ${key}`, demoEmail(key));
  return client;
}

async function socketOf(client: HttpClient): Promise<ConferenceSocket> {
  const socket = await connectSocket(server.url, client.cookie);
  openSockets.push(socket);
  return socket;
}

/** The parsed log lines. */
const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the log of a whole session", () => {
  it("holds what happened, by ids and codes, and no plan text, name, address, password, token or code", async () => {
    const guest = server.client();

    // --- Logging in: a wrong password, then the right ones; a forged cookie.
    const wrong = await guest.post("/api/auth/login", {
      email: demoEmail("voorzitter"),
      password: wrongPassword,
    });
    expect(wrong.status).toBe(401);
    const coordinator = await login("coordinator");
    const chair = await login("voorzitter");
    const director = await login("wijkteam");
    const veiligthuis = await login("veiligthuis");
    const politie = await login("politie");
    const outsider = await login("buitenstaander");
    const ids = {
      chair: (await chair.get("/api/me")).json.id as string,
      director: (await director.get("/api/me")).json.id as string,
      veiligthuis: (await veiligthuis.get("/api/me")).json.id as string,
      politie: (await politie.get("/api/me")).json.id as string,
      coordinator: (await coordinator.get("/api/me")).json.id as string,
    };
    const forged = server.client();
    forged.cookie = `session=${forgedToken}`;
    expect((await forged.get("/api/me")).status).toBe(401);

    // --- A new household, its members.
    const created = await coordinator.post("/api/cases", {
      reference,
      title: household,
      categories: ["kinderen", "intiem_terreur"],
    });
    expect(created.status).toBe(201);
    const caseId = created.json.id as string;
    const members: [string, string][] = [
      [ids.chair, "chair"],
      [ids.director, "caseDirector"],
      [ids.veiligthuis, "professional"],
      [ids.politie, "professional"],
    ];
    for (const [userId, role] of members) {
      expect((await coordinator.post(`/api/cases/${caseId}/members`, { userId, role })).status).toBe(201);
    }
    // Bad input on the way: broken JSON and a body over the limit, both carrying case data.
    const broken = await coordinator.post("/api/cases", `{"reference":"${reference}","title":"${household}`);
    expect(broken.status).toBe(400);
    const huge = await director.post(`/api/cases/${caseId}/actions`, {
      title: `${actionTitle} `.repeat(30_000),
      ownerUserId: ids.politie,
      dueDate: "2026-06-01",
    });
    expect(huge.status).toBe(413);
    // Unknown ids, and a case that is not yours.
    expect((await coordinator.get(`/api/cases/${randomUUID()}`)).status).toBe(404);
    expect((await coordinator.get(`/api/cases/${encodeURIComponent(household)}`)).status).toBe(404);
    expect((await politie.patch(`/api/actions/${randomUUID()}`, { note: lateNote })).status).toBe(404);
    expect((await outsider.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await outsider.get(`/api/cases/${caseId}/plan`)).status).toBe(404);

    // --- An ervaringsdeskundige is invited and picks her own password; the app's code, once wrong.
    const invitation = await coordinator.post(`/api/cases/${caseId}/invitations`, {
      ...invitee,
      role: "expertByExperience",
    });
    expect(invitation.status).toBe(201);
    const invitationToken = (invitation.json.path as string).split("/").pop() as string;
    meet("invitation token", invitationToken);
    meet("invitation secret", invitationToken.split(".")[1]);
    const newcomer = server.client();
    expect((await newcomer.get(`/api/invitations/${invitationToken}`)).status).toBe(200);
    expect((await newcomer.get(`/api/invitations/${invitationToken}x`)).status).toBe(404);
    const weak = await newcomer.post(`/api/invitations/${invitationToken}/accept`, {
      password: weakPassword,
    });
    expect(weak.status).toBe(400);
    // A double click on "Account aanmaken": the two requests race. One makes the account; the other
    // is told the link was used.
    const accept = () =>
      newcomer.post(`/api/invitations/${invitationToken}/accept`, { password: chosenPassword });
    const raced = (await Promise.all([accept(), accept()])).map((r) => r.status).sort();
    expect(raced).toEqual([201, 404]);
    // A fault under a request whose path holds a token (here the invitations table is away for a
    // moment): the one unexpected error of this session, logged without the link's token.
    const db = server.deps.database.db;
    await db.execute(sql`alter table invitations rename to invitations_away`);
    expect((await server.client().get(`/api/invitations/${invitationToken}`)).status).toBe(500);
    await db.execute(sql`alter table invitations_away rename to invitations`);
    meet("session token of the invitee (password step)", newcomer.sessionToken);
    const enrolment = await newcomer.post("/api/auth/enrolment");
    expect(enrolment.status).toBe(200);
    const totpSecret = enrolment.json.secret as string;
    meet("TOTP secret", totpSecret);
    const firstCode = totp(totpSecret);
    const badCode = wrongCode(firstCode);
    meet("wrong TOTP code", badCode);
    meet("TOTP code", firstCode);
    expect((await newcomer.post("/api/auth/enrolment/confirm", { code: badCode })).status).toBe(401);
    expect((await newcomer.post("/api/auth/enrolment/confirm", { code: firstCode })).status).toBe(200);
    meet("session token of the invitee", newcomer.sessionToken);
    expect((await newcomer.get(`/api/cases/${caseId}`)).status).toBe(200);
    // She logs out; her old cookie then opens nothing, on any channel.
    const staleCookie = newcomer.cookie as string;
    expect((await newcomer.post("/api/auth/logout")).status).toBe(200);
    const stale = server.client();
    stale.cookie = staleCookie;
    expect((await stale.get(`/api/cases/${caseId}`)).status).toBe(401);
    await expect(connectSocket(server.url, staleCookie)).rejects.toThrow(/unauthenticated/);
    expect(await upgradeStatus(server.url, `case:${caseId}:household`, staleCookie)).toBe(401);
    await expect(connectSocket(server.url, `session=${forgedToken}`)).rejects.toThrow(/unauthenticated/);
    // And back in, with password and a fresh code; a wrong code first.
    clock.advance(30_000);
    const again = server.client();
    const relogin = await again.post("/api/auth/login", { email: invitee.email, password: chosenPassword });
    expect(relogin.json.secondFactorRequired).toBe(true);
    const secondCode = totp(totpSecret);
    meet("second TOTP code", secondCode);
    meet("second wrong TOTP code", wrongCode(secondCode));
    expect((await again.post("/api/auth/second-factor", { code: wrongCode(secondCode) })).status).toBe(401);
    expect((await again.post("/api/auth/second-factor", { code: secondCode })).status).toBe(200);
    meet("session token of the invitee, logged in again", again.sessionToken);

    // --- The case director writes the plan over Yjs; one text the intimate-terror warning flags.
    const householdSection = await openSection(server.url, director.cookie, `case:${caseId}:household`);
    const goals = await openSection(server.url, director.cookie, `case:${caseId}:goals`);
    appendParagraph(householdSection.doc, planText);
    appendParagraph(goals.doc, warningPlanText);
    const reader = await openSection(server.url, veiligthuis.cookie, `case:${caseId}:household`);
    await waitForText(reader, [planText]);
    // A garbage frame, and a sync message whose update is garbage: both carry plan text.
    const raw = await rawSocket(server.url, `case:${caseId}:household`, director.cookie);
    const rawClosed = closeCode(raw);
    raw.send(Buffer.from(`{"text":"${planText}"}`));
    expect(await rawClosed).toBe(4400);
    const raw2 = await rawSocket(server.url, `case:${caseId}:goals`, director.cookie);
    const raw2Closed = closeCode(raw2);
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 0); // sync
    encoding.writeVarUint(frame, 2); // update
    encoding.writeVarUint8Array(frame, new Uint8Array([0xff, 0x07, ...Buffer.from(warningPlanText)]));
    raw2.send(encoding.toUint8Array(frame));
    expect(await raw2Closed).toBe(4400);
    // Not a member: refused before the upgrade.
    expect(await upgradeStatus(server.url, `case:${caseId}:household`, outsider.cookie)).toBe(403);
    await expect
      .poll(async () => (await director.get(`/api/cases/${caseId}/plan`)).json.sections)
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: "household", text: expect.stringContaining(planText) }),
          expect.objectContaining({ key: "goals", text: expect.stringContaining(warningPlanText) }),
        ]),
      );

    // --- The conference.
    const scheduled = await chair.post(`/api/cases/${caseId}/conferences`, {
      scheduledAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
      agenda: [{ title: agendaTitle, sectionKey: "household" }],
    });
    expect(scheduled.status).toBe(201);
    const conferenceId = (scheduled.json.conference?.id ?? scheduled.json.id) as string;
    const chairSocket = await socketOf(chair);
    const directorSocket = await socketOf(director);
    const veiligthuisSocket = await socketOf(veiligthuis);
    const politieSocket = await socketOf(politie);
    const outsiderSocket = await socketOf(outsider);
    for (const socket of [chairSocket, directorSocket, veiligthuisSocket, politieSocket]) {
      expect((await emitAck(socket, "conference:join", { conferenceId })).ok).toBe(true);
    }
    expect(await emitAck(outsiderSocket, "conference:join", { conferenceId })).toMatchObject({ ok: false });
    expect((await emitAck(chairSocket, "conference:start", { conferenceId })).ok).toBe(true);

    // Malformed intents, each carrying case data.
    expect(await emitAck(chairSocket, "decision:propose", decisionText)).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(
      await emitAck(chairSocket, "decision:propose", { conferenceId: household, text: 5 }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(
      await emitAck(chairSocket, "decision:propose", { conferenceId, text: `${decisionText}\u0000` }),
    ).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(
      await emitAck(chairSocket, "decision:propose", { conferenceId, text: decisionText.repeat(1000) }),
    ).toMatchObject({ ok: false, error: { code: "too_large" } });

    const proposed = await emitAck(chairSocket, "decision:propose", { conferenceId, text: decisionText });
    expect(proposed.ok).toBe(true);
    const decisionId = proposed.decision.id as string;
    expect((await emitAck(politieSocket, "decision:position", { decisionId, position: "agree" })).ok).toBe(
      true,
    );
    expect(
      (
        await emitAck(veiligthuisSocket, "decision:position", {
          decisionId,
          position: "object",
          note: objection,
        })
      ).ok,
    ).toBe(true);
    expect((await emitAck(directorSocket, "decision:position", { decisionId, position: "abstain" })).ok).toBe(
      true,
    );
    const adopted = await emitAck(chairSocket, "decision:adopt", { decisionId });
    expect(adopted).toMatchObject({ ok: true, decision: { status: "adopted", planVersion: { number: 1 } } });
    // The intimate-terror warning: refused without a reason, recorded with the chair's.
    expect(
      await emitAck(chairSocket, "decision:propose", { conferenceId, text: warningDecisionText }),
    ).toMatchObject({ ok: false, error: { code: "warning_needs_reason" } });
    const flagged = await emitAck(chairSocket, "decision:propose", {
      conferenceId,
      text: warningDecisionText,
      warningOverride,
    });
    expect(flagged.ok).toBe(true);
    expect(
      (await emitAck(chairSocket, "decision:withdraw", { decisionId: flagged.decision.id as string })).ok,
    ).toBe(true);

    const action = await emitAck(chairSocket, "action:create", {
      conferenceId,
      title: actionTitle,
      ownerUserId: ids.politie,
      dueDate: addDays(amsterdamDate(clock.now()), 1),
      decisionId,
    });
    expect(action.ok).toBe(true);
    const actionId = action.action.id as string;

    // Two days later the action is late; its owner says why, the chair escalates it (to the case
    // director, who closes it below).
    clock.advance(2 * 24 * 3_600_000);
    const late = await emitAck(politieSocket, "action:update", {
      actionId,
      lateReason: "not_carried_out",
      note: lateNote,
    });
    expect(late).toMatchObject({ ok: true, action: { lateReason: "not_carried_out", overdue: true } });
    expect(await emitAck(veiligthuisSocket, "action:update", { actionId, note: lateNote })).toMatchObject({
      ok: false,
    });
    const escalated = await chair.post("/api/escalations", {
      caseId,
      actionId,
      reason: escalationReason,
    });
    expect(escalated.status).toBe(201);
    const escalationId = escalated.json.escalation.id as string;
    expect(await emitAck(chairSocket, "conference:end", { conferenceId })).toMatchObject({ ok: true });

    // --- Reading back: plan, versions, decisions, actions, minutes, the audit trail.
    expect((await director.get(`/api/cases/${caseId}/plan`)).status).toBe(200);
    expect((await director.get(`/api/cases/${caseId}/plan/versions`)).json.versions).toHaveLength(1);
    expect((await director.get(`/api/cases/${caseId}/plan/versions/1`)).status).toBe(200);
    expect((await director.get(`/api/cases/${caseId}/plan/versions/1/diff`)).status).toBe(200);
    expect((await director.get(`/api/cases/${caseId}/plan/versions/99`)).status).toBe(404);
    expect((await director.get(`/api/cases/${caseId}/decisions`)).status).toBe(200);
    expect((await politie.get(`/api/cases/${caseId}/actions`)).status).toBe(200);
    expect((await coordinator.get(`/api/actions?overdue=true`)).status).toBe(200);
    expect((await chair.get(`/api/conferences/${conferenceId}/minutes.md`)).status).toBe(200);
    const audit = await coordinator.get(`/api/cases/${caseId}/audit`);
    expect(audit.status).toBe(200);

    // --- The escalation's outcome goes out by mail; the mail server refuses it, quoting the address.
    const mail: MailNotifier = mailNotifier(
      server.deps,
      {
        url: `smtp://een-plan:${smtpPassword}@127.0.0.1:${smtpPort}`,
        from: "Eén Plan <noreply@eenplan.test>",
      },
      server.url,
      { retryDelaysMs: [10] },
    );
    server.deps.notifier = mail;
    try {
      const resolved = await director.post(`/api/escalations/${escalationId}/resolve`, {
        outcome: escalationOutcome,
      });
      expect(resolved.status).toBe(200);
      await expect
        .poll(() => logged().filter((l) => l.msg === "notification mail given up").length, {
          timeout: 10_000,
        })
        .toBe(1);
    } finally {
      await mail.close();
      server.deps.notifier = undefined;
    }

    // --- Everyone logs out.
    for (const client of [coordinator, chair, director, veiligthuis, politie, outsider, again]) {
      expect((await client.post("/api/auth/logout")).status).toBe(200);
    }
    for (const c of [householdSection, goals, reader]) c.destroy();

    // --- The log: not empty, and the events are there, by id.
    const all = logged();
    expect(all.find((l) => l.msg === "demo data seeded")).toBeDefined();
    const notifications = all
      .filter((l) => l.msg === "notification (log only)")
      .map((l) => l.notification as Record<string, unknown>);
    expect(notifications).toContainEqual(
      expect.objectContaining({ kind: "action_assigned", actionId, caseId, recipientUserIds: [ids.politie] }),
    );
    expect(notifications).toContainEqual(
      expect.objectContaining({ kind: "escalation_raised", escalationId, caseId, actionId }),
    );
    expect(all.filter((l) => l.msg === "notification mail failed")).toMatchObject([
      { kind: "escalation_resolved", userId: ids.chair, err: { responseCode: 451 } },
    ]);
    expect(all.filter((l) => l.msg === "notification mail given up")).toMatchObject([
      { kind: "escalation_resolved", userId: ids.chair, err: { responseCode: 550 } },
    ]);
    // Every unexpected error is logged; none came from the bad input (that is a 4xx, never a 500).
    // The unexpected error names its route by its pattern, not by the path with the token.
    const failed = all.filter((l) => l.msg === "request failed");
    expect(failed).toMatchObject([{ method: "GET", route: "/api/invitations/:token" }]);
    expect(all.filter((l) => l.msg === "conference intent failed")).toEqual([]);

    // --- And nothing of the case or the people in it, in any line.
    const secrets: [string, string][] = [
      ["household name", household],
      ["household surname", "Wolters-Okonkwo"],
      ["case reference", reference],
      ["plan text", planText],
      ["flagged plan text", warningPlanText],
      ["decision text", decisionText],
      ["flagged decision text", warningDecisionText],
      ["chair's reason to go on", warningOverride],
      ["objection", objection],
      ["action title", actionTitle],
      ["late reason's note", lateNote],
      ["escalation reason", escalationReason],
      ["escalation outcome", escalationOutcome],
      ["agenda item", agendaTitle],
      ["invitee's name", invitee.name],
      ["invitee's address", invitee.email],
      ["demo password", demoPassword],
      ["wrong password", wrongPassword],
      ["weak password tried", weakPassword],
      ["chosen password", chosenPassword],
      ["SMTP password", smtpPassword],
      ["forged session token", forgedToken],
      ...met,
    ];
    // The marker words of the texts: a part of a text is a leak too.
    for (const marker of [
      "Zilverreiger",
      "Korhoenbrug",
      "Roerdomp",
      "Kwartelrapport",
      "Grutto",
      "Tureluur",
      "Steltkluut",
      "Grauwe-Gansdreef",
      "Kluut-afspraak",
      "Patrijs",
      "Anouk",
      "Jelmer",
      "Verhoeven",
      "Dijkstra",
    ]) {
      secrets.push([`marker ${marker}`, marker]);
    }
    const text = lines.join("");
    const found = secrets.filter(([label, value]) => {
      // A code counts only as a number of its own (not inside a timestamp), a surname only as a word
      // ("Smit", not "transmit").
      if (/^\d+$/.test(value)) return new RegExp(`(?<!\\d)${value}(?!\\d)`).test(text);
      if (label.startsWith("surname")) return new RegExp(`(?<!\\p{L})${value}(?!\\p{L})`, "u").test(text);
      return [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)].some((v) =>
        text.includes(v),
      );
    });
    expect(found.map(([label]) => label)).toEqual([]);
  });
});
