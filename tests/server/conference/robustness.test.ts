/**
 * Bad input over the socket never crashes anything: wrong types, missing fields, non-object
 * payloads, missing ack callbacks, oversized messages; and a removed member leaves the room at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCodes } from "../../../shared/close-codes";
import { startTestServer, type TestServer } from "../../helpers/server";
import {
  type ConferenceSocket,
  connectSocket,
  disconnected,
  emitAck,
  handshakeOutcome,
} from "../../helpers/socket";
import { closeCode, rawSocket, withTimeout } from "../../helpers/yjs";
import { type DemoConference, demoConference } from "./fixture";

let server: TestServer;
let demo: DemoConference;
let chair: ConferenceSocket;

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
  expect((await emitAck(chair, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
  expect((await emitAck(chair, "conference:start", { conferenceId: demo.conferenceId })).ok).toBe(true);
});

afterAll(async () => {
  chair?.close();
  await server?.stop();
});

/** The server still answers: a real intent is acknowledged. */
async function stillServing(socket: ConferenceSocket = chair) {
  const ack = await emitAck(socket, "conference:join", { conferenceId: demo.conferenceId });
  expect(ack.ok).toBe(true);
}

describe("invalid intents", () => {
  it("refuses wrong types and missing fields with invalid_input and the field", async () => {
    const cases: [string, unknown, string][] = [
      ["conference:join", { conferenceId: 42 }, "conferenceId"],
      ["conference:join", {}, "conferenceId"],
      ["conference:join", { conferenceId: "not-a-uuid" }, "conferenceId"],
      ["decision:propose", { conferenceId: demo.conferenceId }, "text"],
      ["decision:propose", { conferenceId: demo.conferenceId, text: "   " }, "text"],
      ["decision:position", { decisionId: demo.conferenceId, position: "maybe" }, "position"],
      [
        "action:create",
        { conferenceId: demo.conferenceId, title: "x", ownerUserId: demo.ids.politie },
        "dueDate",
      ],
      [
        "action:create",
        { conferenceId: demo.conferenceId, title: "x", ownerUserId: demo.ids.politie, dueDate: "2030-02-30" },
        "dueDate",
      ],
      ["action:update", { actionId: demo.conferenceId, status: "finished" }, "status"],
      [
        "attendance:set",
        { conferenceId: demo.conferenceId, userId: demo.ids.politie, present: true },
        "present",
      ],
    ];
    for (const [event, payload, field] of cases) {
      const ack = await emitAck(chair, event as "conference:join", payload);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: "invalid_input" },
      });
      if (!ack.ok)
        expect(
          ack.error.details?.map((d) => d.path),
          event,
        ).toContain(field);
    }
    await stillServing();
  });

  it("refuses non-object payloads and survives a missing ack callback", async () => {
    for (const payload of ["text", 42, null, [1, 2], true]) {
      const ack = await emitAck(chair, "decision:propose", payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    }
    // No ack at all, with good and bad payloads, and an ack as the only argument.
    const raw = chair as unknown as { emit: (e: string, ...args: unknown[]) => void };
    raw.emit("decision:propose", { conferenceId: demo.conferenceId, text: "Zonder ack." });
    raw.emit("conference:join", undefined);
    raw.emit("agenda:focus");
    const onlyAck = await new Promise((resolve) =>
      (chair as unknown as { emit: (e: string, cb: (a: unknown) => void) => void }).emit(
        "hand:raise",
        resolve,
      ),
    );
    expect(onlyAck).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    await stillServing();
    // The ack-less proposal was still valid and is persisted and broadcast.
    const state = (await emitAck(chair, "conference:join", { conferenceId: demo.conferenceId })).state;
    expect(state.decisions.map((d: { text: string }) => d.text)).toContain("Zonder ack.");
  });

  it("refuses a NUL character anywhere in a payload, naming the field", async () => {
    const ack = await emitAck(chair, "decision:propose", {
      conferenceId: demo.conferenceId,
      text: "Moeder\u0000 belt 112",
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "invalid_input", details: [{ path: "text" }] } });
    await stillServing();
  });

  it("refuses text over the limit with a clear message", async () => {
    const ack = await emitAck(chair, "decision:propose", {
      conferenceId: demo.conferenceId,
      text: "a".repeat(6000),
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "invalid_input", details: [{ path: "text", message: "Hoogstens 5000 tekens." }] },
    });
  });

  it("answers a payload over 64 KiB with too_large and keeps the connection", async () => {
    const big = await connectSocket(server.url, demo.clients.politie.cookie);
    const ack = await emitAck(big, "decision:propose", {
      conferenceId: demo.conferenceId,
      text: "a".repeat(200_000),
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "too_large", message: expect.stringMatching(/te groot/) },
    });
    expect(big.connected).toBe(true);
    await stillServing(big);
    big.close();
  });

  it("drops a connection that sends a message over 1 MiB unread, and keeps serving everyone else", async () => {
    const big = await connectSocket(server.url, demo.clients.politie.cookie);
    const gone = disconnected(big);
    big.emit("decision:propose", { conferenceId: demo.conferenceId, text: "a".repeat(1_100_000) }, () => {});
    expect(await gone).toBeTruthy();
    await stillServing();
    const again = await connectSocket(server.url, demo.clients.politie.cookie);
    await stillServing(again);
    again.close();
  });

  it("answers an unknown conference or decision with not_found", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await emitAck(chair, "conference:join", { conferenceId: unknown })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await emitAck(chair, "decision:adopt", { decisionId: unknown })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await emitAck(chair, "action:update", { actionId: unknown, status: "done" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });
});

describe("abuse", () => {
  it("refuses a handshake from another website's origin", async () => {
    const cookie = demo.clients.politie.cookie ?? null;
    expect(await handshakeOutcome(server.url, cookie, { origin: "https://evil.example" })).toBe("refused");
    expect(await handshakeOutcome(server.url, cookie)).toBe("connected");
  });

  it("slows down a socket that floods intents, without affecting others", async () => {
    const flood = await connectSocket(server.url, demo.clients.veiligthuis.cookie);
    const answers = await Promise.all(
      Array.from({ length: 70 }, () => emitAck(flood, "conference:join", {})),
    );
    const codes = answers.map((a) => (a.ok ? "ok" : a.error.code));
    expect(codes.filter((c) => c === "too_many_requests").length).toBe(10);
    flood.close();
    await stillServing();
  });
});

describe("access changes", () => {
  it("closes the case's conference to a member the chair removes, and keeps their socket for the rest", async () => {
    const politie = await connectSocket(server.url, demo.clients.politie.cookie);
    expect((await emitAck(politie, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    const closed = new Promise((resolve) => politie.once("conference:closed", resolve));
    const told = new Promise((resolve) => politie.once("case:changed", resolve));
    const states: unknown[] = [];
    const res = await demo.clients.voorzitter.delete(`/api/cases/${demo.caseId}/members/${demo.ids.politie}`);
    expect(res.status).toBe(200);
    expect(await closed).toMatchObject({ conferenceId: demo.conferenceId, code: "access_changed" });
    expect(await told).toEqual({ caseId: demo.caseId });
    // Out of the room: the conference goes on without them hearing it.
    politie.on("conference:state", (s) => states.push(s));
    await stillServing();
    expect(states).toEqual([]);
    expect(politie.connected).toBe(true);
    expect(await emitAck(politie, "conference:join", { conferenceId: demo.conferenceId })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    politie.close();
  });

  it("drops a logged-out session's sockets and plans at once, and tells its conference why", async () => {
    const other = await server.loginAs("wijkteam");
    const wijkteam = await connectSocket(server.url, demo.clients.wijkteam.cookie);
    const elsewhere = await connectSocket(server.url, other.cookie);
    for (const s of [wijkteam, elsewhere]) {
      expect((await emitAck(s, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    }
    const plan = await rawSocket(server.url, `case:${demo.caseId}:goals`, demo.clients.wijkteam.cookie);
    const planClosed = closeCode(plan);
    const told = new Promise((resolve) => wijkteam.once("conference:closed", resolve));
    const gone = disconnected(wijkteam);
    // No intent is sent: the logout alone ends what the session had open (the periodic session
    // check of this server runs once a minute, far beyond these waits).
    await demo.clients.wijkteam.post("/api/auth/logout");
    expect(await told).toEqual({ conferenceId: demo.conferenceId, code: "session_ended" });
    expect(await gone).toBe("io server disconnect");
    expect(await withTimeout(planClosed, 5000, "plan close")).toBe(closeCodes.sessionEnded);
    // The same person's other session (another device) goes on.
    expect((await emitAck(elsewhere, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    elsewhere.close();
  });
});
