/**
 * One session may have only so many Yjs connections open (`MAX_CONNECTIONS_PER_SESSION`): a runaway
 * client or a stolen session cannot open documents without end. Beyond the cap the upgrade is
 * refused with 429 before it completes; a slot comes back when a connection ends, however it ends.
 */
import { connect } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type WebSocket from "ws";
import { auditLog, users } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";
import { type CollabServer, createCollabAttach } from "../../server/collab";
import { closeCodes } from "../../shared/close-codes";
import { type SectionKey, sectionDocName } from "../../shared/plan";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { closeCode, rawSocket, upgradeStatus, yjsBase } from "../helpers/yjs";

/** Small, so the test is quick; production allows 60. */
const cap = 3;

let server: TestServer;
let collab: CollabServer;
let caseId: string;
const open: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    config: { maxConnectionsPerSession: cap },
    attachments: [createCollabAttach({ onStart: (c) => (collab = c) })],
  });
  const list = await (await server.loginAs("wijkteam")).get("/api/cases");
  caseId = list.json.cases[0].id;
});
afterAll(async () => {
  for (const ws of open) ws.terminate();
  await server?.stop();
});

const doc = (key: SectionKey) => sectionDocName(caseId, key);
const sections: SectionKey[] = ["household", "concerns", "goals", "signals", "care", "monitoring"];

/** A new login of the case director: a session of its own. */
async function session(): Promise<string> {
  const client: HttpClient = await server.loginAs("wijkteam");
  return client.cookie as string;
}

/** Opens a connection that stays open (closed after the file). */
async function connectTo(cookie: string, key: SectionKey = "goals"): Promise<WebSocket> {
  const ws = await rawSocket(server.url, doc(key), cookie);
  open.push(ws);
  return ws;
}

/** Closes a connection and waits until the server has let it go. */
async function closeAndWait(ws: WebSocket) {
  const before = collab.connectionCount();
  ws.close();
  await closeCode(ws);
  await vi.waitFor(() => expect(collab.connectionCount()).toBe(before - 1));
}

/** Upgrades started at once: each the open socket, or the status it was refused with. */
function attemptAll(cookie: string, count: number): Promise<(WebSocket | number)[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      rawSocket(server.url, doc(sections[i % sections.length]), cookie).then(
        (ws) => {
          open.push(ws);
          return ws;
        },
        (err: Error) => Number(/upgrade refused: (\d+)/.exec(err.message)?.[1] ?? Number.NaN),
      ),
    ),
  );
}

async function refusals(userId: string) {
  return server.deps.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.userId, userId), eq(auditLog.action, "refused")));
}

describe("Yjs connections per session", () => {
  it("refuses the connection beyond the cap with 429, audited, until one closes; another session of the same person is not affected", async () => {
    const cookie = await session();
    const first = [await connectTo(cookie, "household"), await connectTo(cookie), await connectTo(cookie)];
    expect(await upgradeStatus(server.url, doc("concerns"), cookie)).toBe(429);

    // The same person signed in on a second device.
    const other = await session();
    const elsewhere = await connectTo(other);
    expect(elsewhere.readyState).toBe(elsewhere.OPEN);

    // The refusal is audited like the 401 and 403 ones, with the document and the reason, and
    // neither the token nor the name.
    const [director] = await server.deps.database.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(eq(users.email, demoEmail("wijkteam")));
    const refused = (await refusals(director.id)).filter((r) => r.details?.reason === "too_many_connections");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ objectType: "section", objectId: doc("concerns"), caseId });
    const row = JSON.stringify(refused[0]);
    expect(row).not.toContain(cookie.slice("session=".length).split(".")[1]);
    expect(row).not.toContain(director.name);

    // The browser retries every few seconds: those refusals add no rows, until the session has
    // been below the cap again.
    expect(await upgradeStatus(server.url, doc("concerns"), cookie)).toBe(429);
    expect(await upgradeStatus(server.url, doc("signals"), cookie)).toBe(429);
    const tooMany = async () =>
      (await refusals(director.id)).filter((r) => r.details?.reason === "too_many_connections").length;
    expect(await tooMany()).toBe(1);

    await closeAndWait(first[0]);
    await connectTo(cookie, "concerns");
    expect(await upgradeStatus(server.url, doc("care"), cookie)).toBe(429);
    expect(await tooMany()).toBe(2);
  });

  it("admits exactly the cap of many upgrades that arrive at once, and the rest with 429", async () => {
    const cookie = await session();
    const outcomes = await attemptAll(cookie, 24);
    expect(outcomes.filter((o) => typeof o !== "number")).toHaveLength(cap);
    expect(outcomes.filter((o) => o === 429)).toHaveLength(24 - cap);
  });

  it("gives the slot back of a connection the server closed", async () => {
    const cookie = await session();
    const sockets = [await connectTo(cookie), await connectTo(cookie), await connectTo(cookie)];
    const before = collab.connectionCount();
    // Text frames are not part of the protocol: the server closes the connection.
    const closed = closeCode(sockets[0]);
    sockets[0].send("geen yjs");
    expect(await closed).toBe(closeCodes.malformed);
    await vi.waitFor(() => expect(collab.connectionCount()).toBe(before - 1));
    await connectTo(cookie);
    expect(await upgradeStatus(server.url, doc("goals"), cookie)).toBe(429);
  });

  it("gives the slots back of the connections to a case that is destroyed", async () => {
    const cookie = await session();
    const sockets = [await connectTo(cookie), await connectTo(cookie), await connectTo(cookie)];
    const closed = sockets.map(closeCode);
    // What the destruction of a case does to its open sections (the case itself stays here).
    await collab.forgetCase(caseId);
    expect(await Promise.all(closed)).toEqual(Array(cap).fill(closeCodes.accessRevoked));
    await vi.waitFor(() => expect(collab.connectionCount()).toBe(0));
    await connectTo(cookie);
    await connectTo(cookie);
    await connectTo(cookie);
    expect(await upgradeStatus(server.url, doc("goals"), cookie)).toBe(429);
  });

  it("gives the slot back of an upgrade the client abandoned while it was being decided", async () => {
    const cookie = await session();
    const [director] = await server.deps.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail("wijkteam")));
    const reads = async () =>
      (
        await server.deps.database.db
          .select({ id: auditLog.id })
          .from(auditLog)
          .where(
            and(
              eq(auditLog.userId, director.id),
              eq(auditLog.action, "read"),
              eq(auditLog.objectId, doc("monitoring")),
            ),
          )
      ).length;
    const readsBefore = await reads();
    // Upgrade requests whose sockets are gone before the server has answered them.
    const path = new URL(`${yjsBase(server.url)}/${doc("monitoring")}`).pathname;
    await Promise.all(
      Array.from(
        { length: cap },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect(server.port, "127.0.0.1", () => {
              socket.write(
                `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from("0123456789abcdef").toString("base64")}\r\nCookie: ${cookie}\r\n\r\n`,
                () => socket.destroy(),
              );
            });
            socket.on("close", () => resolve());
          }),
      ),
    );
    // Each was admitted (and its read audited) after its client had gone.
    await vi.waitFor(async () => expect(await reads()).toBe(readsBefore + cap));
    // Their slots come back once the server has seen them gone; until then some of these are refused.
    await vi.waitFor(
      async () => {
        const admitted = (await attemptAll(cookie, cap)).filter((o) => typeof o !== "number");
        if (admitted.length < cap) {
          for (const ws of admitted) ws.close();
          await Promise.all(admitted.map(closeCode));
        }
        expect(admitted).toHaveLength(cap);
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(await upgradeStatus(server.url, doc("goals"), cookie)).toBe(429);
  });
});
