/**
 * A session that ends by itself (here its absolute limit, twelve hours after login) also ends its
 * conference sockets: the server checks connected sessions now and then, so a screen left open
 * stops receiving decisions and positions, as its plan connections already did.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../server/clock";
import { createConferenceAttach } from "../../../server/conference";
import { startTestServer, type TestServer } from "../../helpers/server";
import { connectSocket, disconnected, emitAck } from "../../helpers/socket";
import { demoConference } from "./fixture";

const clock = fixedClock(new Date());
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    clock,
    attachments: [createConferenceAttach({ sessionCheckMs: 100 })],
    // Only the absolute limit ends sessions here, so the clock can jump.
    config: { session: { idleMs: 24 * 3_600_000, absoluteMs: 12 * 3_600_000 } },
  });
});
afterAll(() => server?.stop());

describe("an expired session", () => {
  it("loses its conference sockets within a session check, while a live session keeps its own", async () => {
    const demo = await demoConference(server);
    const expiring = await connectSocket(server.url, demo.clients.politie.cookie);
    expect((await emitAck(expiring, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    // Eleven hours on: the police officer's session still holds (twelve hours at most after login).
    clock.advance(11 * 3_600_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(expiring.connected).toBe(true);
    // The chair logs in now; their session has twelve hours ahead of it.
    const chair = await server.loginAs("voorzitter");
    const active = await connectSocket(server.url, chair.cookie);
    expect((await emitAck(active, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);

    const told = new Promise((resolve) => expiring.once("conference:closed", resolve));
    const gone = disconnected(expiring);
    clock.advance(3_600_000 + 60_000);
    expect(await told).toEqual({ conferenceId: demo.conferenceId, code: "session_ended" });
    await gone;
    expect(active.connected).toBe(true);
    expect((await emitAck(active, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    active.close();
  });
});

describe("an idle session with a conference screen open", () => {
  const idleClock = fixedClock(new Date());
  let idleServer: TestServer;
  beforeAll(async () => {
    idleServer = await startTestServer({
      clock: idleClock,
      attachments: [createConferenceAttach({ sessionCheckMs: 100 })],
    });
  });
  afterAll(() => idleServer?.stop());

  it("ends after two idle hours: the open screen alone is not activity, an intent is", async () => {
    const demo = await demoConference(idleServer);
    const watching = await connectSocket(idleServer.url, demo.clients.politie.cookie);
    const taking = await connectSocket(idleServer.url, demo.clients.voorzitter.cookie);
    for (const s of [watching, taking]) {
      expect((await emitAck(s, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    }
    const told = new Promise((resolve) => watching.once("conference:closed", resolve));
    idleClock.advance(60 * 60_000);
    await new Promise((r) => setTimeout(r, 400));
    // The chair does something in the meeting; the police officer only watches.
    expect((await emitAck(taking, "conference:join", { conferenceId: demo.conferenceId })).ok).toBe(true);
    idleClock.advance(61 * 60_000);
    expect(await told).toEqual({ conferenceId: demo.conferenceId, code: "session_ended" });
    await new Promise((r) => setTimeout(r, 400));
    expect(taking.connected).toBe(true);
    taking.close();
  });
});
