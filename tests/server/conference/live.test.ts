/**
 * The live side: connection-state recovery brings a dropped participant back into the room (and
 * keeps a removed one out), and two simultaneous adoptions adopt once.
 */
import { eq } from "drizzle-orm";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planVersions } from "../../../db/schema";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck, nextState } from "../../helpers/socket";
import { type DemoConference, demoConference } from "./fixture";

let server: TestServer;
let demo: DemoConference;
let chair: ConferenceSocket;
const opened: ConferenceSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
  expect((await emitAck(chair, "conference:join", conf())).ok).toBe(true);
  expect((await emitAck(chair, "conference:start", conf())).ok).toBe(true);
});

afterAll(async () => {
  for (const s of [chair, ...opened]) s?.close();
  await server?.stop();
});

function conf() {
  return { conferenceId: demo.conferenceId };
}

/** A socket that reconnects by itself (as browsers do), with connection-state recovery. */
async function reconnectingSocket(cookie: string | null, reconnectionDelay = 50): Promise<ConferenceSocket> {
  const socket: ConferenceSocket = io(server.url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay,
    reconnectionDelayMax: reconnectionDelay * 2,
    randomizationFactor: 0,
    extraHeaders: cookie ? { cookie } : {},
  });
  opened.push(socket);
  await nextEvent(socket, "connect");
  return socket;
}

/** Resolves with the next `event` on `socket`; rejects after `timeoutMs` so a miss fails fast. */
function nextEvent<T>(socket: ConferenceSocket, event: string, timeoutMs = 5000): Promise<T> {
  const raw = socket as unknown as { once(e: string, f: (v: T) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    raw.once(event, (value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Drops the transport under a socket and waits until it is connected again. */
async function dropAndReconnect(socket: ConferenceSocket): Promise<void> {
  const back = nextEvent(socket, "connect");
  socket.io.engine.close();
  await back;
}

describe("connection-state recovery", () => {
  it("brings a dropped participant back into the room, present, without joining again", async () => {
    const expert = await reconnectingSocket(demo.clients.ervaringsdeskundige.cookie);
    expect((await emitAck(expert, "conference:join", conf())).ok).toBe(true);
    // The server checks the policy again before a recovered socket hears the room; the state it
    // then sends shows the participant online again.
    const readmitted = nextState(
      expert,
      (s) => s.attendance.find((a) => a.userId === demo.ids.ervaringsdeskundige)?.online === true,
    );
    await dropAndReconnect(expert);
    expect(expert.recovered).toBe(true);
    await readmitted;
    const focus = nextEvent(expert, "agenda:focus");
    expect((await emitAck(chair, "agenda:focus", { ...conf(), sectionKey: "lived_experience" })).ok).toBe(
      true,
    );
    expect(await focus).toMatchObject({ sectionKey: "lived_experience" });
    // Still in the room for raising a hand.
    const seen = nextState(chair, (s) => s.hands.some((h) => h.userId === demo.ids.ervaringsdeskundige));
    expect((await emitAck(expert, "hand:raise", conf())).ok).toBe(true);
    const state = await seen;
    expect(state.attendance.find((a) => a.userId === demo.ids.ervaringsdeskundige)).toMatchObject({
      present: "present",
      online: true,
    });
  });

  it("does not let a member removed while away back into the room", async () => {
    const politie = await reconnectingSocket(demo.clients.politie.cookie, 1000);
    expect((await emitAck(politie, "conference:join", conf())).ok).toBe(true);
    const back = nextEvent(politie, "connect");
    // The server has seen the drop (the room shows them offline) before they are removed.
    const away = nextState(
      chair,
      (s) => s.attendance.find((a) => a.userId === demo.ids.politie)?.online === false,
    );
    politie.io.engine.close();
    await away;
    const removed = await demo.clients.voorzitter.delete(
      `/api/cases/${demo.caseId}/members/${demo.ids.politie}`,
    );
    expect(removed.status).toBe(200);
    await back;
    // Recovered at the transport level (same session cookie), but not back in the room.
    expect(politie.recovered).toBe(true);
    let heard = 0;
    politie.on("conference:state", () => {
      heard++;
    });
    politie.on("agenda:focus", () => {
      heard++;
    });
    // The chair's next change reaches the room; after it is seen there, the removed member has heard nothing.
    const witness = await reconnectingSocket(demo.clients.wijkteam.cookie);
    expect((await emitAck(witness, "conference:join", conf())).ok).toBe(true);
    const seen = nextState(witness, (s) => s.conference.focusSectionKey === "risk");
    expect((await emitAck(chair, "agenda:focus", { ...conf(), sectionKey: "risk" })).ok).toBe(true);
    await seen;
    // The removed socket is behind the same loopback, sequenced after the witness; give it a moment.
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toBe(0);
    expect(await emitAck(politie, "hand:raise", conf())).toMatchObject({ ok: false });
  });
});

describe("adopting at the same moment", () => {
  it("adopts once and stores one plan version", async () => {
    const second = await connectSocket(server.url, demo.clients.voorzitter.cookie);
    opened.push(second);
    const proposed = await emitAck(chair, "decision:propose", { ...conf(), text: "Tegelijk vaststellen." });
    const decisionId = proposed.decision.id;
    const answers = await Promise.all([
      emitAck(chair, "decision:adopt", { decisionId }),
      emitAck(second, "decision:adopt", { decisionId }),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ error: { code: "decision_closed" } });
    const versions = await server.deps.database.db
      .select({ id: planVersions.id })
      .from(planVersions)
      .where(eq(planVersions.conferenceId, demo.conferenceId));
    expect(versions).toHaveLength(1);
  });
});

describe("sockets that connect at the same moment", () => {
  it("gives each its own user (one session lookup for all), and refuses the one without a session", async () => {
    // Members still on the case (politie was removed above), and an outsider.
    const keys = ["wijkteam", "veiligthuis", "ervaringsdeskundige", "buitenstaander"] as const;
    const [stranger, ...results] = await Promise.allSettled([
      connectSocket(server.url, "session=onbekend.onbekend"),
      ...keys.map((k) => connectSocket(server.url, demo.clients[k].cookie)),
    ]);
    const sockets = results.map((r) => {
      if (r.status === "rejected") throw r.reason;
      opened.push(r.value);
      return r.value;
    });
    expect(stranger.status).toBe("rejected");
    // Joining and raising hands at once too: intents check the session again, also together.
    const joins = await Promise.all(sockets.map((s) => emitAck(s, "conference:join", conf())));
    expect(joins.map((a) => a.ok)).toEqual([true, true, true, false]); // the outsider is no member
    const raised = nextState(chair, (s) => s.hands.length === 3);
    const hands = await Promise.all(sockets.slice(0, 3).map((s) => emitAck(s, "hand:raise", conf())));
    expect(hands.map((a) => a.ok)).toEqual([true, true, true]);
    const state = await raised;
    expect(state.hands.map((h) => h.userId).sort()).toEqual(
      keys
        .slice(0, 3)
        .map((k) => demo.ids[k])
        .sort(),
    );
  });
});
