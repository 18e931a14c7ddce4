import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, caseMembers, users, yjsUpdates } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";
import { type CollabServer, createCollabAttach } from "../../server/collab";
import { closeCodes } from "../../shared/close-codes";
import { sectionDocName } from "../../shared/plan";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  appendParagraph,
  closeCode,
  openSection,
  providerCloseCode,
  rawSocket,
  type SectionClient,
  upgradeStatus,
  waitForText,
} from "../helpers/yjs";

let server: TestServer;
let collab: CollabServer;
let caseId: string;
const cookies: Record<string, string> = {};
const clients: SectionClient[] = [];

beforeAll(async () => {
  server = await startTestServer({
    attachments: [
      createCollabAttach({ unloadGraceMs: 30, compactThreshold: 25, onStart: (c) => (collab = c) }),
    ],
  });
  for (const key of [
    "voorzitter",
    "wijkteam",
    "veiligthuis",
    "politie",
    "ervaringsdeskundige",
    "coordinator",
    "buitenstaander",
  ]) {
    const c = await server.loginAs(key);
    cookies[key] = c.cookie as string;
  }
  const list = await (await server.loginAs("voorzitter")).get("/api/cases");
  caseId = list.json.cases[0].id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

const doc = (key: Parameters<typeof sectionDocName>[1]) => sectionDocName(caseId, key);
async function open(who: string, key: Parameters<typeof sectionDocName>[1]) {
  const client = await openSection(server.url, cookies[who], doc(key));
  clients.push(client);
  return client;
}
async function userId(key: string) {
  const [u] = await server.deps.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail(key)));
  return u.id;
}

describe("Yjs endpoint: editing together", () => {
  it("converges the edits of three members and keeps the seeded text", async () => {
    const [a, b, c] = await Promise.all([
      open("voorzitter", "immediate_safety"),
      open("wijkteam", "immediate_safety"),
      open("veiligthuis", "immediate_safety"),
    ]);
    expect(a.text()).toContain("Moeder heeft een AWARE-alarm");
    appendParagraph(a.doc, "Afspraak van de voorzitter.");
    appendParagraph(b.doc, "Afspraak van het wijkteam.");
    appendParagraph(c.doc, "Afspraak van Veilig Thuis.");
    const all = ["Afspraak van de voorzitter.", "Afspraak van het wijkteam.", "Afspraak van Veilig Thuis."];
    await Promise.all([a, b, c].map((x) => waitForText(x, all)));
    expect(b.text()).toBe(a.text());
    expect(c.text()).toBe(a.text());

    // Stored before anyone saw it: a fresh client loads it from the server.
    const late = await open("politie", "immediate_safety");
    expect(late.text()).toBe(a.text());
    const rows = await server.deps.database.db
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.docName, doc("immediate_safety")));
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });

  it("shows who is there: awareness reaches the others and comes back to the sender", async () => {
    const a = await open("voorzitter", "goals");
    const b = await open("wijkteam", "goals");
    const seen = new Promise<void>((resolve) => {
      b.provider.awareness.on("change", () => {
        const states = [...b.provider.awareness.getStates().values()];
        if (states.some((s) => s.user?.name === "Voorzitter")) resolve();
      });
    });
    a.provider.awareness.setLocalStateField("user", { name: "Voorzitter", color: "#c00" });
    await seen;
  });
});

describe("Yjs endpoint: access per section", () => {
  it("refuses an upgrade without a session or for an unknown document with 401", async () => {
    expect(await upgradeStatus(server.url, doc("household"), null)).toBe(401);
    expect(await upgradeStatus(server.url, "case:niet-goed", cookies.voorzitter)).toBe(401);
    expect(await upgradeStatus(server.url, `case:${caseId}:geen_sectie`, cookies.voorzitter)).toBe(401);
    expect(
      await upgradeStatus(
        server.url,
        "case:00000000-0000-4000-8000-000000000000:household",
        cookies.voorzitter,
      ),
    ).toBe(401);
  });

  it("refuses a non-member with 403 and audits the refusal", async () => {
    expect(await upgradeStatus(server.url, doc("household"), cookies.buitenstaander)).toBe(403);
    const refused = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, await userId("buitenstaander")), eq(auditLog.action, "refused")));
    expect(refused.some((r) => r.objectId === doc("household") && r.objectType === "section")).toBe(true);
  });

  it("refuses the ervaringsdeskundige risk and confidential, admits lived_experience", async () => {
    expect(await upgradeStatus(server.url, doc("risk"), cookies.ervaringsdeskundige)).toBe(403);
    expect(await upgradeStatus(server.url, doc("confidential"), cookies.ervaringsdeskundige)).toBe(403);
    expect(await upgradeStatus(server.url, doc("lived_experience"), cookies.ervaringsdeskundige)).toBe(101);
  });

  it("honours the explicit reader list of the confidential section", async () => {
    expect(await upgradeStatus(server.url, doc("confidential"), cookies.politie)).toBe(101);
    expect(await upgradeStatus(server.url, doc("confidential"), cookies.veiligthuis)).toBe(101);
    expect(await upgradeStatus(server.url, doc("confidential"), cookies.wijkteam)).toBe(403);
    expect(await upgradeStatus(server.url, doc("confidential"), cookies.voorzitter)).toBe(403);
  });

  it("refuses a browser upgrade from another website", async () => {
    expect(
      await upgradeStatus(server.url, doc("household"), cookies.voorzitter, {
        origin: "https://evil.example",
      }),
    ).toBe(403);
  });

  it("audits each opened section as a read", async () => {
    await open("politie", "risk");
    const reads = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, doc("risk")), eq(auditLog.action, "read")));
    expect(reads.some((r) => r.userId && r.outcome === "success")).toBe(true);
  });
});
