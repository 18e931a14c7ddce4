import { afterAll, describe, expect, it } from "vitest";
import { demoEmail, demoPassword } from "../../db/seed/demo";
import { startChildServer } from "../helpers/child-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { HttpClient } from "../helpers/server";
import {
  appendParagraph,
  connectSection,
  roundTrip,
  type SectionClient,
  waitForSync,
  waitForText,
} from "../helpers/yjs";

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

async function login(url: string, key: string): Promise<string> {
  const c = new HttpClient(url);
  const res = await c.post("/api/auth/login", { email: demoEmail(key), password: demoPassword });
  if (res.status !== 200 || !c.cookie) throw new Error(`login ${key}: ${res.status}`);
  return c.cookie;
}

async function demoSection(url: string, cookie: string, key: string): Promise<string> {
  const c = new HttpClient(url);
  c.cookie = cookie;
  const cases = await c.get("/api/cases");
  return `case:${cases.json.cases[0].id}:${key}`;
}

/** Paragraph texts a client holds that another client wrote (so they came through the server). */
function receivedFromOthers(client: SectionClient, own: string): string[] {
  return client
    .text()
    .split("\n")
    .filter((line) => line.startsWith("storm ") && !line.startsWith(`storm ${own} `));
}

describe("crashes during editing", () => {
  it("keeps every update any client had received when the server is killed mid-storm, and all converge", async () => {
    const database = await createTestDatabase({ persistent: true });
    databases.push(database);
    let server = await startChildServer(database);
    const cookie = await login(server.url, "wijkteam");
    const doc = await demoSection(server.url, cookie, "goals");

    const clients = Array.from({ length: 30 }, () =>
      connectSection(server.url, cookie, doc, { maxBackoffTime: 300 }),
    );
    await Promise.all(clients.map((c) => waitForSync(c, 30_000)));

    // The storm: every client appends a paragraph every 100 ms (300 edits/s) until the server dies.
    let n = 0;
    const timer = setInterval(() => {
      for (const [i, c] of clients.entries()) appendParagraph(c.doc, `storm ${i} ${n}`);
      n++;
    }, 100);
    await waitForText(clients[0], ["storm 29 5"], 60_000);
    await server.kill();
    clearInterval(timer);
    for (const c of clients) c.provider.disconnect();

    const received = new Set(clients.flatMap((c, i) => receivedFromOthers(c, String(i))));
    expect(received.size).toBeGreaterThan(30);

    // Restart on the same data: a new reader sees everything any client had received.
    server = await startChildServer(database, { port: server.port });
    const reader = connectSection(server.url, cookie, doc);
    await waitForSync(reader, 30_000);
    const stored = new Set(reader.text().split("\n"));
    const missing = [...received].filter((p) => !stored.has(p));
    expect(missing).toEqual([]);

    // The clients come back and converge, their unsent edits included.
    for (const c of clients) c.provider.connect();
    await Promise.all(clients.map((c) => waitForSync(c, 30_000)));
    const expected = new Set(
      clients.flatMap((c) =>
        c
          .text()
          .split("\n")
          .filter((l) => l.startsWith("storm ")),
      ),
    );
    const everyone = [...clients, reader];
    const converged = () => new Set(everyone.map((c) => c.text())).size === 1;
    for (let waited = 0; waited < 60_000 && !converged(); waited += 200)
      await new Promise((r) => setTimeout(r, 200));
    expect(converged()).toBe(true);
    const final = new Set(reader.text().split("\n"));
    expect([...expected].filter((p) => !final.has(p))).toEqual([]);

    for (const c of [...clients, reader]) c.destroy();
    await server.stop();
  }, 180_000);

  it("loses nothing clients sent when they all leave and the server is killed 100 ms later", async () => {
    const database = await createTestDatabase({ persistent: true });
    databases.push(database);
    let server = await startChildServer(database);
    const cookie = await login(server.url, "veiligthuis");
    const doc = await demoSection(server.url, cookie, "signals");

    const clients = Array.from({ length: 5 }, () => connectSection(server.url, cookie, doc));
    await Promise.all(clients.map((c) => waitForSync(c, 30_000)));
    const sent: string[] = [];
    for (let round = 0; round < 20; round++) {
      for (const [i, c] of clients.entries()) {
        const text = `laatste ${i} ${round}`;
        appendParagraph(c.doc, text);
        sent.push(text);
      }
    }
    // The server has read (and handled) every frame each client sent; a process killed before it
    // even reads its socket loses those bytes whatever it does. Then everyone leaves at once: the
    // in-memory servers keep nothing once no client holds a copy, a debounced store loses the tail.
    await Promise.all(clients.map((c) => roundTrip(c, 30_000)));
    for (const c of clients) c.destroy();
    await new Promise((r) => setTimeout(r, Number(process.env.KILL_AFTER ?? 100)));
    await server.kill();

    server = await startChildServer(database, { port: server.port });
    const reader = connectSection(server.url, cookie, doc);
    await waitForSync(reader, 30_000);
    const stored = new Set(reader.text().split("\n"));
    expect(sent.filter((s) => !stored.has(s))).toEqual([]);
    reader.destroy();
    await server.stop();
  }, 120_000);
});
