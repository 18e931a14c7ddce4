/**
 * The review of open actions with several people at once: an update made from a screen that did not
 * yet show someone else's change is refused (409) and changes nothing, so it cannot silently undo
 * that change; an update from an up-to-date screen goes through. Callers that do not say what they
 * saw (the action page, the API) keep working as before.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionEvents, actionItems, auditLog } from "../../../db/schema";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck } from "../../helpers/socket";
import { type DemoConference, demoConference } from "./fixture";

let server: TestServer;
let demo: DemoConference;
let chair: ConferenceSocket;
let director: ConferenceSocket;
let police: ConferenceSocket;
let chairInEnglish: ConferenceSocket;
/** "AWARE-alarm installeren bij moeder" (politie's) and the late "Aanmelding traumabehandeling …". */
let aware: string;
let trauma: string;

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
  director = await connectSocket(server.url, demo.clients.wijkteam.cookie);
  police = await connectSocket(server.url, demo.clients.politie.cookie);
  chairInEnglish = await connectSocket(server.url, demo.clients.voorzitter.cookie, {
    auth: { locale: "en" },
  });
  const conf = { conferenceId: demo.conferenceId };
  for (const s of [chair, director, police, chairInEnglish])
    expect((await emitAck(s, "conference:join", conf)).ok).toBe(true);
  const started = await emitAck(chair, "conference:start", conf);
  expect(started.ok).toBe(true);
  const open = started.state.openActions as { id: string; title: string }[];
  const idOf = (start: string) => {
    const found = open.find((a) => a.title.startsWith(start));
    if (!found) throw new Error(`no open action "${start}…"`);
    return found.id;
  };
  aware = idOf("AWARE-alarm");
  trauma = idOf("Aanmelding traumabehandeling");
});

afterAll(async () => {
  for (const s of [chair, director, police, chairInEnglish]) s?.close();
  await server?.stop();
});

/** The stored action, its history rows and its audited updates: what a refusal must leave alone. */
async function stored(actionId: string) {
  const db = server.deps.database.db;
  const [row] = await db.select().from(actionItems).where(eq(actionItems.id, actionId));
  const events = await db.select().from(actionEvents).where(eq(actionEvents.actionId, actionId));
  const audited = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectId, actionId), eq(auditLog.action, "update")));
  return {
    status: row.status,
    lateReason: row.lateReason,
    updatedAt: row.updatedAt,
    events: events.length,
    audited: audited.length,
  };
}

describe("updating an action someone else changed meanwhile", () => {
  it("refuses the chair's save from a stale screen with what the action is now, and changes nothing", async () => {
    // Politie sets her action to Bezig, from a screen that showed Open.
    const mine = await emitAck(police, "action:update", {
      actionId: aware,
      status: "in_progress",
      expected: { status: "open" },
    });
    expect(mine).toMatchObject({ ok: true, action: { status: "in_progress" } });
    const before = await stored(aware);

    // The chair's screen still showed Open: saving Open would undo her change.
    const stale = await emitAck(chair, "action:update", {
      actionId: aware,
      status: "open",
      note: "Besproken.",
      expected: { status: "open" },
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Bezig.",
      },
    });
    expect(await stored(aware)).toEqual(before);
    expect(before.status).toBe("in_progress");

    // In English for a chair whose screen is in English.
    const english = await emitAck(chairInEnglish, "action:update", {
      actionId: aware,
      status: "done",
      expected: { status: "open" },
    });
    expect(english).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: "Someone else has changed this action meanwhile: its status is now In progress.",
      },
    });
    expect(await stored(aware)).toEqual(before);
  });

  it("accepts the same save from a screen that shows the current status", async () => {
    const fresh = await emitAck(chair, "action:update", {
      actionId: aware,
      status: "open",
      expected: { status: "in_progress" },
    });
    expect(fresh).toMatchObject({ ok: true, action: { status: "open" } });
    expect((await stored(aware)).status).toBe("open");
  });

  it("refuses a late reason given over one recorded meanwhile", async () => {
    const first = await emitAck(director, "action:update", {
      actionId: trauma,
      lateReason: "circumstances_changed",
      expected: { status: "open", lateReason: null },
    });
    expect(first).toMatchObject({ ok: true, action: { lateReason: "circumstances_changed" } });
    const before = await stored(trauma);

    // The chair's screen still showed no reason; the status it names is right, the reason is not.
    const stale = await emitAck(chair, "action:update", {
      actionId: trauma,
      lateReason: "not_carried_out",
      expected: { status: "open", lateReason: null },
    });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message:
          "Iemand anders heeft dit actiepunt intussen gewijzigd: de reden van vertraging is nu Omstandigheden gewijzigd.",
      },
    });
    expect(await stored(trauma)).toEqual(before);

    const fresh = await emitAck(chair, "action:update", {
      actionId: trauma,
      lateReason: "not_carried_out",
      expected: { status: "open", lateReason: "circumstances_changed" },
    });
    expect(fresh).toMatchObject({ ok: true, action: { lateReason: "not_carried_out" } });
  });

  it("answers PATCH /api/actions/:id from a stale screen with 409; without `expected` the last write wins", async () => {
    const stale = await demo.clients.politie.patch(`/api/actions/${aware}`, {
      status: "in_progress",
      expected: { status: "done" },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toEqual({
      code: "conflict",
      message: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Open.",
    });
    expect((await stored(aware)).status).toBe("open");

    const plain = await demo.clients.politie.patch(`/api/actions/${aware}`, { status: "in_progress" });
    expect(plain.status).toBe(200);
    expect(plain.json.action).toMatchObject({ status: "in_progress" });
  });

  it("tells each member on the case whether they may cancel actions, as the update itself decides", async () => {
    const mayCancel = async (key: keyof DemoConference["clients"]) =>
      (await demo.clients[key].get(`/api/cases/${demo.caseId}`)).json.permissions.assignActions;
    expect(await mayCancel("voorzitter")).toBe(true);
    expect(await mayCancel("wijkteam")).toBe(true);
    expect(await mayCancel("coordinator")).toBe(true);
    expect(await mayCancel("politie")).toBe(false);
    expect(await mayCancel("ervaringsdeskundige")).toBe(false);
    // The owner who is told no is refused by the update too.
    const refused = await emitAck(police, "action:update", { actionId: aware, status: "cancelled" });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("refuses a malformed `expected` as invalid input", async () => {
    const bad = await emitAck(chair, "action:update", {
      actionId: aware,
      status: "open",
      expected: { status: "finished" },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "invalid_input", details: [{ path: "expected.status" }] },
    });
  });
});
