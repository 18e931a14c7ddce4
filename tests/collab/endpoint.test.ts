import { and, eq, sql } from "drizzle-orm";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { auditLog, caseMembers, cases, users, yjsSnapshots, yjsUpdates } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";
import { verifyAuditChain } from "../../server/audit/log";
import { type CollabServer, createCollabAttach } from "../../server/collab";
import { currentSectionTexts } from "../../server/collab/plan-text";
import { closeCodes } from "../../shared/close-codes";
import { planTemplate, sectionDocName } from "../../shared/plan";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  appendParagraph,
  closeCode,
  openSection,
  providerCloseCode,
  rawSocket,
  roundTrip,
  type SectionClient,
  upgradeStatus,
  waitForSync,
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
      createCollabAttach({
        unloadGraceMs: 30,
        compactThreshold: 25,
        sessionCheckMs: 200,
        onStart: (c) => {
          collab = c;
        },
      }),
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

    // One update entry per connection in the audit interval, not one per keystroke; never the text.
    appendParagraph(a.doc, "Nog een afspraak.");
    await roundTrip(a);
    const updates = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, await userId("voorzitter")), eq(auditLog.action, "update")));
    expect(updates.filter((u) => u.objectId === doc("immediate_safety"))).toHaveLength(1);
    expect(JSON.stringify(updates)).not.toContain("afspraak");
  });

  it("shows who is there: awareness reaches the others and comes back to the sender", async () => {
    const a = await open("voorzitter", "goals");
    const b = await open("wijkteam", "goals");
    const seen = new Promise<void>((resolve) => {
      b.provider.awareness.on("change", () => {
        const state = b.provider.awareness.getStates().get(a.doc.clientID);
        if (state?.user) resolve();
      });
    });
    // The caret carries the account's own name, whatever the client writes there.
    a.provider.awareness.setLocalStateField("user", { name: "Iemand anders", color: "#c00" });
    await seen;
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toEqual({
      name: "Marco Jansen",
      color: "#c00",
    });
  });

  it("lets no one rename or remove someone else's presence, not even with a higher clock", async () => {
    const chair = await open("voorzitter", "signals");
    const bystander = await open("wijkteam", "signals");
    type Presence = { user?: { name?: string } } | undefined;
    const nameOf = (clientId: number) =>
      (bystander.provider.awareness.getStates().get(clientId) as Presence)?.user?.name;
    chair.provider.awareness.setLocalStateField("user", { name: "Marco Jansen", color: "#c00" });
    await vi.waitFor(() => expect(nameOf(chair.doc.clientID)).toBe("Marco Jansen"));

    /** An awareness message for one client id, as a (forging) client would write it. */
    const awarenessFrame = (clientId: number, clock: number, state: unknown) => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, clientId);
      encoding.writeVarUint(update, clock);
      encoding.writeVarString(update, JSON.stringify(state));
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, 1);
      encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
      return encoding.toUint8Array(message);
    };
    // The observer speaks for the chair's client id: renames it, then removes it (state null).
    const forger = await rawSocket(server.url, doc("signals"), cookies.coordinator);
    const clock = (chair.provider.awareness.meta.get(chair.doc.clientID)?.clock ?? 0) + 100;
    forger.send(awarenessFrame(chair.doc.clientID, clock, { user: { name: "Iemand anders" } }));
    forger.send(awarenessFrame(chair.doc.clientID, clock + 1, null));
    // Its own presence still goes through; frames are handled in order, so once the bystander
    // sees it, the forged ones before it have been handled too.
    forger.send(awarenessFrame(424242, 1, { user: { name: "Ingrid de Vries" } }));
    await vi.waitFor(() => expect(nameOf(424242)).toBe("Ingrid de Vries"));
    expect(nameOf(chair.doc.clientID)).toBe("Marco Jansen");
    // When the forger leaves, its own presence goes and the chair's stays.
    forger.close();
    await vi.waitFor(() => expect(nameOf(424242)).toBeUndefined());
    expect(nameOf(chair.doc.clientID)).toBe("Marco Jansen");
  });
});

describe("Yjs endpoint: access per section", () => {
  it("refuses an upgrade without a session or for an unknown document with 401", async () => {
    expect(await upgradeStatus(server.url, doc("household"), null)).toBe(401);
    // A session cookie whose escapes do not decode is no session (it was a 503).
    expect(await upgradeStatus(server.url, doc("household"), "session=%E0%A4%A")).toBe(401);
    expect(await upgradeStatus(server.url, "case:niet-goed", cookies.voorzitter)).toBe(401);
    expect(await upgradeStatus(server.url, `case:${caseId}:geen_sectie`, cookies.voorzitter)).toBe(401);
    expect(
      await upgradeStatus(
        server.url,
        "case:00000000-0000-4000-8000-000000000000:household",
        cookies.voorzitter,
      ),
    ).toBe(401);
    // Not a uuid though of the right length (was a database error and 503), and the case's own id
    // in capitals (would be a second document for the same section).
    expect(await upgradeStatus(server.url, `case:${"-".repeat(36)}:household`, cookies.voorzitter)).toBe(401);
    expect(
      await upgradeStatus(server.url, `case:${caseId.toUpperCase()}:household`, cookies.voorzitter),
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

  it("decides upgrades of many users arriving together each on its own session and rights", async () => {
    // One session lookup and one access query serve all of these; each answer must be its own.
    const asked: [string, string | null, number][] = [
      [doc("risk"), cookies.ervaringsdeskundige, 403],
      [doc("lived_experience"), cookies.ervaringsdeskundige, 101],
      [doc("household"), cookies.buitenstaander, 403],
      [doc("household"), cookies.wijkteam, 101],
      [doc("risk"), cookies.voorzitter, 101],
      [doc("household"), null, 401],
      [doc("household"), "session=onbekend.onbekend", 401],
    ];
    const twice = [...asked, ...asked];
    const statuses = await Promise.all(
      twice.map(([name, cookie]) => upgradeStatus(server.url, name, cookie)),
    );
    expect(statuses).toEqual(twice.map(([, , status]) => status));
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

describe("Yjs endpoint: a whole plan opened at once", () => {
  it("admits every section of one session together, audits each read, and refuses the session once logged out", async () => {
    const session = await server.loginAs("wijkteam");
    const keys = planTemplate.filter((s) => s.read !== "explicit").map((s) => s.key);
    const before = await server.deps.database.db.select({ id: auditLog.id }).from(auditLog);
    // A dozen connections of one session to one case in the same moment, as the plan page opens them:
    // they share the session and access lookups and one audit transaction.
    const opened = await Promise.all(
      keys.map((k) => openSection(server.url, session.cookie as string, doc(k))),
    );
    clients.push(...opened);
    const reads = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, await userId("wijkteam")), eq(auditLog.action, "read")));
    const readDocs = reads
      .filter((r) => r.id > Math.max(0, ...before.map((b) => b.id)))
      .map((r) => r.objectId);
    expect(readDocs.sort()).toEqual(keys.map((k) => doc(k)).sort());
    expect(await verifyAuditChain(server.deps.database.db)).toMatchObject({ ok: true });

    // The lookups are shared only by connections that arrive before they start: right after the
    // logout, a new connection with the same cookie is refused.
    for (const c of opened) c.destroy();
    expect((await session.post("/api/auth/logout")).status).toBeLessThan(300);
    expect(await upgradeStatus(server.url, doc(keys[0]), session.cookie as string)).toBe(401);
  });
});

describe("Yjs endpoint: an edit and its audit entry", () => {
  it("stores an edit only together with its audit entry, and neither while the entry cannot be written", async () => {
    const db = server.deps.database.db;
    const text = "Afspraak die pas telt als ze is vastgelegd.";
    const other = await open("voorzitter", "conditions");
    const stored = async () =>
      (
        await db
          .select({ id: yjsUpdates.id })
          .from(yjsUpdates)
          .where(eq(yjsUpdates.docName, doc("conditions")))
      ).length;
    const before = await stored();
    // For a moment the audit log takes no entries for edits (reads still go in).
    await db.execute(sql`create function refuse_update_entries() returns trigger language plpgsql as $$
      begin if new.action = 'update' then raise exception 'audit log unavailable'; end if; return new; end $$`);
    await db.execute(sql`create trigger refuse_update_entries before insert on audit_log
      for each row execute function refuse_update_entries()`);
    let restored = false;
    const restore = async () => {
      if (restored) return;
      restored = true;
      await db.execute(sql`drop trigger refuse_update_entries on audit_log`);
      await db.execute(sql`drop function refuse_update_entries()`);
    };
    onTestFinished(restore);

    const writer = await open("veiligthuis", "conditions");
    const closed = providerCloseCode(writer);
    appendParagraph(writer.doc, text);
    // Not acknowledged: the connection is closed as for storage that is away ...
    expect(await closed).toBe(closeCodes.storageUnavailable);
    // ... and the edit is neither stored nor shown to anyone.
    expect(await stored()).toBe(before);
    await roundTrip(other);
    expect(other.text()).not.toContain(text);

    // Once entries go in again, the writer's provider reconnects and sends it again: stored, with it.
    await restore();
    await waitForText(other, [text]);
    const entries = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.userId, await userId("veiligthuis")),
          eq(auditLog.action, "update"),
          eq(auditLog.objectId, doc("conditions")),
        ),
      );
    expect(entries).toHaveLength(1);
    expect(await stored()).toBeGreaterThan(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("Yjs endpoint: read-only members", () => {
  it("gives the observer the document but neither stores nor forwards their edits, audited once", async () => {
    const editor = await open("wijkteam", "signals");
    const observer = await open("coordinator", "signals");
    expect(observer.text()).toBe(editor.text());
    const db = server.deps.database.db;
    const before = await db
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.docName, doc("signals")));

    appendParagraph(observer.doc, "Tekst van de waarnemer 1.");
    appendParagraph(observer.doc, "Tekst van de waarnemer 2.");
    appendParagraph(observer.doc, "Tekst van de waarnemer 3.");
    await roundTrip(observer);
    // The editor's next edit reaches the observer, the observer's never reaches the editor.
    appendParagraph(editor.doc, "Tekst van het wijkteam.");
    await waitForText(observer, ["Tekst van het wijkteam."]);
    await roundTrip(editor);
    expect(editor.text()).not.toContain("waarnemer");

    const after = await db
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.docName, doc("signals")));
    expect(after.length).toBe(before.length + 1);
    const fresh = await open("voorzitter", "signals");
    expect(fresh.text()).toContain("Tekst van het wijkteam.");
    expect(fresh.text()).not.toContain("waarnemer");

    const refusals = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, await userId("coordinator")), eq(auditLog.objectId, doc("signals"))));
    const readOnly = refusals.filter((r) => r.action === "refused" && r.details?.reason === "read_only");
    expect(readOnly).toHaveLength(1);
    expect(JSON.stringify(refusals)).not.toContain("waarnemer");
  });
});

describe("Yjs endpoint: bad frames", () => {
  it("closes only the connection that sends a frame that does not decode", async () => {
    const a = await open("voorzitter", "household");
    const b = await open("wijkteam", "household");
    const cases: [string, Buffer, number][] = [
      ["garbage update", Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]), closeCodes.malformed],
      ["unknown message type", Buffer.from([9, 1, 2]), closeCodes.malformed],
      ["truncated", Buffer.from([0]), closeCodes.malformed],
      ["bad awareness JSON", Buffer.from([1, 5, 1, 7, 1, 1, 123]), closeCodes.malformed],
    ];
    for (const [what, frame, code] of cases) {
      const ws = await rawSocket(server.url, doc("household"), cookies.veiligthuis);
      const closed = closeCode(ws);
      ws.send(frame);
      expect(await closed, what).toBe(code);
    }
    appendParagraph(a.doc, "Na de kapotte berichten.");
    await waitForText(b, ["Na de kapotte berichten."]);
  });

  it("closes a connection that sends an oversized frame or speaks for too many awareness clients", async () => {
    const a = await open("voorzitter", "child_voice");
    const b = await open("wijkteam", "child_voice");
    const big = await rawSocket(server.url, doc("child_voice"), cookies.veiligthuis);
    const bigClosed = closeCode(big);
    big.send(Buffer.alloc(2 * 1024 * 1024 + 10, 1));
    expect(await bigClosed).toBe(closeCodes.messageTooBig);

    const crowd = await rawSocket(server.url, doc("child_voice"), cookies.veiligthuis);
    const crowdClosed = closeCode(crowd);
    const entries: number[] = [];
    for (let id = 1; id <= 10; id++) entries.push(id, 1, 2, 123, 125); // clientId, clock, "{}"
    const update = Buffer.from([10, ...entries]);
    crowd.send(Buffer.from([1, update.length, ...update]));
    expect(await crowdClosed).toBe(closeCodes.tooLarge);

    // One presence of 20,000 characters would go to everyone on the document.
    const boaster = await rawSocket(server.url, doc("child_voice"), cookies.veiligthuis);
    const boasterClosed = closeCode(boaster);
    const state = encoding.createEncoder();
    encoding.writeVarUint(state, 1);
    encoding.writeVarUint(state, 777);
    encoding.writeVarUint(state, 1);
    encoding.writeVarString(state, JSON.stringify({ user: { name: "x".repeat(20_000) } }));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(state));
    boaster.send(encoding.toUint8Array(frame));
    expect(await boasterClosed).toBe(closeCodes.tooLarge);

    appendParagraph(b.doc, "Het kind mag weer naar de sport.");
    await waitForText(a, ["Het kind mag weer naar de sport."]);
  });
});

describe("Yjs endpoint: access withdrawn", () => {
  it("cuts off a member who is removed while connected, and refuses the reconnect", async () => {
    const member = await open("ervaringsdeskundige", "lived_experience");
    const other = await open("voorzitter", "lived_experience");
    const id = await userId("ervaringsdeskundige");
    const closed = providerCloseCode(member);
    await server.deps.database.db
      .delete(caseMembers)
      .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, id)));
    server.deps.accessEvents.publish({ userId: id, caseId });
    expect(await closed).toBe(closeCodes.accessRevoked);
    member.provider.disconnect();
    expect(await upgradeStatus(server.url, doc("lived_experience"), cookies.ervaringsdeskundige)).toBe(403);
    appendParagraph(other.doc, "Na het vertrek.");
    await roundTrip(other);
    expect(member.text()).not.toContain("Na het vertrek.");
  });
});

describe("Yjs endpoint: session ended", () => {
  it("closes the documents of a session that logged out with 4401", async () => {
    const session = await server.loginAs("veiligthuis");
    const client = await openSection(server.url, session.cookie, doc("goals"));
    clients.push(client);
    const closed = providerCloseCode(client);
    expect((await session.post("/api/auth/logout")).status).toBeLessThan(300);
    expect(await closed).toBe(closeCodes.sessionEnded);
    client.provider.disconnect();
  });
});

describe("Yjs endpoint: memory and storage", () => {
  it("unloads a document after its last client left, and loads it again with everything", async () => {
    const a = await open("voorzitter", "care");
    appendParagraph(a.doc, "Zorg voor vader: behandeling bij De Waag.");
    await roundTrip(a);
    await collab.flush();
    expect(collab.loadedDocs()).toContain(doc("care"));
    a.destroy();
    await vi.waitFor(() => expect(collab.loadedDocs()).not.toContain(doc("care")), {
      timeout: 5000,
      interval: 20,
    });
    const b = await open("wijkteam", "care");
    expect(b.text()).toContain("Zorg voor vader: behandeling bij De Waag.");
  });

  it("compacts stored updates into the snapshot past the threshold without losing any", async () => {
    const a = await open("voorzitter", "monitoring");
    for (let i = 0; i < 40; i++) {
      appendParagraph(a.doc, `Evaluatiepunt ${i}.`);
      await roundTrip(a);
    }
    await collab.flush();
    const db = server.deps.database.db;
    await vi.waitFor(
      async () => {
        const rows = await db
          .select({ id: yjsUpdates.id })
          .from(yjsUpdates)
          .where(eq(yjsUpdates.docName, doc("monitoring")));
        expect(rows.length).toBeLessThan(25);
      },
      { timeout: 5000, interval: 50 },
    );
    const b = await open("wijkteam", "monitoring");
    for (let i = 0; i < 40; i++) expect(b.text()).toContain(`Evaluatiepunt ${i}.`);
  });

  it("compacts around stored updates that do not apply, keeping those rows and every edit", async () => {
    const db = server.deps.database.db;
    const name = doc("concerns");
    // Bytes that are no Yjs update, as a faulty import or a hand edit might leave behind; more rows
    // of them than the compaction threshold (25), which must not make every commit compact.
    const bad = await db
      .insert(yjsUpdates)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          docName: name,
          update: new Uint8Array([255, 255, 255, 255, i]),
        })),
      )
      .returning({ id: yjsUpdates.id });
    const errors = vi.spyOn(server.deps.logger, "error");
    onTestFinished(() => errors.mockRestore());
    const a = await open("voorzitter", "concerns");
    for (let i = 0; i < 100; i++) {
      appendParagraph(a.doc, `Afspraak ${i}.`);
      await roundTrip(a);
      await collab.flush();
    }
    // Compacted as any other section (threshold 25): the rows do not pile up behind the bad one.
    await vi.waitFor(
      async () => {
        const rows = await db
          .select({ id: yjsUpdates.id })
          .from(yjsUpdates)
          .where(eq(yjsUpdates.docName, name));
        expect(rows.length).toBeLessThan(30 + 25);
        expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(bad.map((b) => b.id)));
      },
      { timeout: 5000, interval: 50 },
    );
    expect(errors.mock.calls.some((c) => c.includes("compaction failed"))).toBe(false);
    const keptLogs = errors.mock.calls.filter((c) => String(c[1]).includes("kept out of the snapshot"));
    expect(keptLogs[0][0]).toEqual({ doc: name, updateId: bad[0].id });
    // Compacted about once per 25 updates (each logging the 30 rows kept), not after every commit.
    const compactions = keptLogs.length / 30;
    expect(compactions).toBeGreaterThanOrEqual(1);
    expect(compactions).toBeLessThanOrEqual(5);
    // What is stored holds every edit.
    const text = (await currentSectionTexts(db, caseId, ["concerns"])).get("concerns");
    for (let i = 0; i < 100; i++) expect(text).toContain(`Afspraak ${i}.`);
  });

  it("retries a compaction that fails once per threshold of updates, not after every commit, and keeps the snapshot", async () => {
    const db = server.deps.database.db;
    // A case of its own: the demo case's sections are open in this file's other tests.
    const [other] = await db
      .insert(cases)
      .values({
        reference: "MDA-TEST-SNAPSHOT",
        title: "Andere casus",
        region: "IJsselland",
        categories: ["overig"],
      })
      .returning({ id: cases.id });
    await db.insert(caseMembers).values([
      { caseId: other.id, userId: await userId("voorzitter"), role: "chair" },
      { caseId: other.id, userId: await userId("wijkteam"), role: "caseDirector" },
    ]);
    const name = sectionDocName(other.id, "concerns");
    // A snapshot that does not decode: never replaced, since that would drop what it holds.
    const broken = new Uint8Array([255, 255, 255, 255, 9]);
    await db.insert(yjsSnapshots).values({ docName: name, state: broken });
    const errors = vi.spyOn(server.deps.logger, "error");
    onTestFinished(() => errors.mockRestore());
    const openOther = async (who: string) => {
      const client = await openSection(server.url, cookies[who], name);
      clients.push(client);
      return client;
    };
    const a = await openOther("voorzitter");
    for (let i = 0; i < 100; i++) {
      appendParagraph(a.doc, `Afspraak ${i}.`);
      await roundTrip(a);
      await collab.flush();
    }
    const compactionFailures = () => errors.mock.calls.filter((c) => c.includes("compaction failed")).length;
    // One attempt per 25 updates (the threshold) at most, not one per commit.
    expect(compactionFailures()).toBeGreaterThan(0);
    expect(compactionFailures()).toBeLessThanOrEqual(5);
    expect(errors.mock.calls.some((c) => c.includes("stored Yjs snapshot does not apply; skipped"))).toBe(
      true,
    );
    const [snapshot] = await db.select().from(yjsSnapshots).where(eq(yjsSnapshots.docName, name));
    expect([...snapshot.state]).toEqual([...broken]);
    const b = await openOther("wijkteam");
    expect(b.text()).toContain("Afspraak 99.");
  });
});

describe("Yjs endpoint: offline and back", () => {
  it("converges after a client edits offline while the others edit too", async () => {
    const a = await open("voorzitter", "stable_safety");
    const b = await open("wijkteam", "stable_safety");
    a.provider.disconnect();
    appendParagraph(a.doc, "Offline geschreven door de voorzitter.");
    appendParagraph(b.doc, "Intussen geschreven door het wijkteam.");
    await roundTrip(b);
    expect(b.text()).not.toContain("Offline geschreven");
    a.provider.connect();
    const both = ["Offline geschreven door de voorzitter.", "Intussen geschreven door het wijkteam."];
    await Promise.all([waitForText(a, both), waitForText(b, both)]);
    expect(a.text()).toBe(b.text());

    // A reconnect without new edits stores nothing, even with deletions in the history.
    a.doc.getXmlFragment("prosemirror").delete(0, 1);
    await roundTrip(a);
    const count = async () =>
      (
        await server.deps.database.db
          .select({ id: yjsUpdates.id })
          .from(yjsUpdates)
          .where(eq(yjsUpdates.docName, doc("stable_safety")))
      ).length;
    const before = await count();
    a.provider.disconnect();
    a.provider.connect();
    await waitForSync(a);
    await roundTrip(a);
    expect(await count()).toBe(before);
  });
});
