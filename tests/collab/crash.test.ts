import { afterAll, describe, expect, it } from "vitest";
import { demoEmail, demoPassword } from "../../db/seed/demo";
import { sectionDocName } from "../../shared/plan";
import { type ChildServer, startChildServer } from "../helpers/child-server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { HttpClient } from "../helpers/server";
import { appendParagraph, openSection, type SectionClient, waitForDoc, waitForText } from "../helpers/yjs";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function login(url: string, key: string): Promise<HttpClient> {
  const client = new HttpClient(url);
  const res = await client.post("/api/auth/login", { email: demoEmail(key), password: demoPassword });
  if (res.status !== 200) throw new Error(`login ${key}: ${res.status}`);
  return client;
}

const paragraphs = (text: string) => text.split("\n").filter((l) => l.startsWith("Storm "));

describe("crash: SIGKILL of the server", () => {
  it("keeps every edit any client had seen, and the clients converge after the restart", {
    timeout: 360_000,
  }, async () => {
    const database: TestDatabase = await createTestDatabase({ persistent: true });
    cleanup.push(() => database.drop());
    let server: ChildServer = await startChildServer(database);
    cleanup.push(() => server.kill());

    const voorzitter = await login(server.url, "voorzitter");
    const wijkteam = await login(server.url, "wijkteam");
    const caseId: string = (await voorzitter.get("/api/cases")).json.cases[0].id;
    const name = sectionDocName(caseId, "immediate_safety");
    const a: SectionClient = await openSection(server.url, voorzitter.cookie, name);
    const b: SectionClient = await openSection(server.url, wijkteam.cookie, name);
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );

    // A first edit travels from one client to the other.
    appendParagraph(a.doc, "Storm 0 van de voorzitter.");
    await waitForText(b, ["Storm 0 van de voorzitter."]);

    // A storm from both sides; the server dies as soon as B has seen ten of A's paragraphs.
    let seenByB: string[] = [];
    let seenByA: string[] = [];
    let killed: Promise<void> | undefined;
    const tenSeen = waitForDoc(
      b.doc,
      () => paragraphs(b.text()).filter((p) => p.includes("voorzitter")).length >= 11,
      20_000,
    );
    tenSeen.then(() => {
      seenByB = paragraphs(b.text());
      seenByA = paragraphs(a.text());
      killed = server.kill();
    });
    for (let i = 1; i <= 200 && !killed; i++) {
      appendParagraph(a.doc, `Storm ${i} van de voorzitter.`);
      if (i % 3 === 0) appendParagraph(b.doc, `Storm ${i} van het wijkteam.`);
      await new Promise((r) => setTimeout(r, 2));
    }
    await tenSeen;
    await killed;
    // What either client received from the other went through the server's storage first.
    const received = [
      ...seenByB.filter((p) => p.includes("voorzitter")),
      ...seenByA.filter((p) => p.includes("wijkteam")),
    ];
    expect(received.length).toBeGreaterThanOrEqual(11);

    server = await startChildServer(database, { port: server.port });
    const rest = await voorzitter.get(`/api/cases/${caseId}/plan`);
    expect(rest.status).toBe(200);
    const text: string = rest.json.sections.find((s: { key: string }) => s.key === "immediate_safety").text;
    for (const p of received) expect(text).toContain(p);

    const fresh = await openSection(server.url, voorzitter.cookie, name);
    cleanup.push(() => fresh.destroy());
    for (const p of received) expect(fresh.text()).toContain(p);

    // The two clients reconnect to the restarted server (same port) and everything converges.
    const everything = [...new Set([...paragraphs(a.text()), ...paragraphs(b.text())])];
    await Promise.all([a, b, fresh].map((c) => waitForText(c, everything, 20_000)));
    expect(a.text()).toBe(b.text());
    expect(fresh.text()).toBe(a.text());
  });
});
