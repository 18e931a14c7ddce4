import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { connectAs, emitAck } from "../helpers/socket";
import { appendParagraph, openSection, rawSocket, type SectionClient, waitForText } from "../helpers/yjs";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** 500 frames a y-websocket peer would never send: garbage, truncated, wrong types, oversized. */
function badYjsFrames(): Buffer[] {
  const frames: Buffer[] = [];
  for (let i = 0; i < 500; i++) {
    switch (i % 6) {
      case 0:
        frames.push(Buffer.from(Array.from({ length: 1 + (i % 40) }, (_, k) => (i * 31 + k * 7) % 256)));
        break;
      case 1:
        frames.push(Buffer.from([0, 2, 200, 1, 2])); // sync update claiming 200 bytes, holding 2
        break;
      case 2:
        frames.push(Buffer.from([0, 2, 5, 1, 255, 255, 255, 255])); // update that does not decode
        break;
      case 3:
        frames.push(Buffer.from([1, 10, 3, 1, 1, 1, 123])); // awareness with broken JSON
        break;
      case 4:
        frames.push(Buffer.from([9, 0, 0])); // unknown message type
        break;
      default:
        frames.push(Buffer.alloc(2 * 1024 * 1024 + 10, 1)); // over the frame limit
    }
  }
  return frames;
}

describe("1,000 malformed and oversized messages", () => {
  it("keep the server up while the honest participants notice nothing", async () => {
    const chair = await server.loginAs("voorzitter");
    const director = await server.loginAs("wijkteam");
    const attacker = await server.loginAs("politie");
    const cases = await chair.get("/api/cases");
    const caseId = cases.json.cases[0].id;
    const doc = `case:${caseId}:concerns`;

    const alice: SectionClient = await openSection(server.url, chair.cookie, doc);
    const bob: SectionClient = await openSection(server.url, director.cookie, doc);
    const conferences = await chair.get(`/api/cases/${caseId}/conferences`);
    const conferenceId = conferences.json.conferences[0].id;
    const chairSocket = await connectAs(server, "voorzitter");
    expect((await emitAck(chairSocket, "conference:join", { conferenceId })).ok).toBe(true);
    let chairDisconnected = false;
    chairSocket.on("disconnect", () => {
      chairDisconnected = true;
    });

    // 500 bad Yjs frames, each on its own authenticated connection, 25 at a time.
    const frames = badYjsFrames();
    let closedByServer = 0;
    for (let i = 0; i < frames.length; i += 25) {
      await Promise.all(
        frames.slice(i, i + 25).map(async (frame, k) => {
          const ws = await rawSocket(server.url, doc, attacker.cookie);
          const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
          ws.on("error", () => {});
          ws.send(frame);
          const code = await closed;
          if (code >= 1000) closedByServer++;
          // Keep the honest clients busy while the garbage flows.
          if (k === 0) appendParagraph(alice.doc, `tijdens aanval ${i}`);
        }),
      );
    }
    expect(closedByServer).toBe(500);

    // 500 bad Socket.IO payloads from one attacker socket (and oversized ones on throwaway sockets).
    const badSocket = await connectAs(server, "politie");
    const junk: unknown[] = [
      null,
      42,
      "tekst",
      [],
      { conferenceId: 5 },
      { conferenceId: "x".repeat(10_000) },
      { decisionId: {} },
    ];
    const events = [
      "conference:join",
      "decision:propose",
      "decision:position",
      "action:create",
      "hand:raise",
      "agenda:focus",
      "nope:unknown",
    ];
    let refused = 0;
    for (let i = 0; i < 490; i++) {
      const event = events[i % events.length] as "conference:join";
      const payload = junk[i % junk.length];
      if (i % 10 === 0 || (event as string) === "nope:unknown") {
        // No acknowledgement callback, or an event nobody answers.
        (badSocket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
        continue;
      }
      try {
        const ack = await emitAck(badSocket, event, payload, 2000);
        if (!ack.ok) refused++;
      } catch {
        refused++; // unknown events get no answer; the rate limit may drop the socket: both are refusals
      }
      if (!badSocket.connected) badSocket.connect();
    }
    expect(refused).toBeGreaterThan(350);
    for (let i = 0; i < 10; i++) {
      const s = io(server.url, {
        path: "/socket.io",
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
        extraHeaders: { cookie: attacker.cookie as string },
      });
      await new Promise<void>((resolve) => s.once("connect", () => resolve()));
      s.emit("decision:propose", { conferenceId, text: "x".repeat(1_100_000) });
      await new Promise<void>((resolve) => {
        s.once("disconnect", () => resolve());
        setTimeout(resolve, 3000);
      });
      s.close();
    }
    badSocket.close();

    // The honest participants: every edit arrived, and the chair's socket still works.
    const sent = Array.from({ length: 20 }, (_, i) => `tijdens aanval ${i * 25}`);
    await waitForText(bob, sent, 30_000);
    appendParagraph(bob.doc, "na de aanval");
    await waitForText(alice, ["na de aanval"]);
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
    expect(chairDisconnected).toBe(false);
    const state = await emitAck(chairSocket, "conference:join", { conferenceId });
    expect(state.ok).toBe(true);
    expect((await server.client().get("/api/health")).json.status).toBe("ok");
    chairSocket.close();
    alice.destroy();
    bob.destroy();
  }, 180_000);
});
