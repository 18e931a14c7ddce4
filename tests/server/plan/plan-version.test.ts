import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { cases, planVersionStates, planVersions, users, yjsUpdates } from "../../../db/schema";
import { demoCaseReference, demoEmail } from "../../../db/seed/demo";
import { renderSectionText } from "../../../server/collab/render";
import { mergedState, readStoredDocs } from "../../../server/collab/store";
import { createPlanVersion } from "../../../server/commands/plan-version";
import { planTemplate, sectionDocName } from "../../../shared/plan";
import { startTestServer, type TestServer } from "../../helpers/server";

let server: TestServer;
let caseId: string;
let userId: string;

beforeAll(async () => {
  server = await startTestServer({ attachments: [] });
  const db = server.deps.database.db;
  [{ id: caseId }] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.reference, demoCaseReference));
  [{ id: userId }] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail("voorzitter")));
});
afterAll(() => server?.stop());

/** An update that appends a paragraph to a section, as an editor would send it. */
async function appendParagraph(key: (typeof planTemplate)[number]["key"], text: string) {
  const db = server.deps.database.db;
  const name = sectionDocName(caseId, key);
  const stored = (await readStoredDocs(db, [name])).get(name);
  const doc = new Y.Doc();
  if (stored) Y.applyUpdate(doc, mergedState(stored));
  const sv = Y.encodeStateVector(doc);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const f = doc.getXmlFragment("prosemirror");
  f.insert(f.length, [p]);
  await db.insert(yjsUpdates).values({ docName: name, update: Y.encodeStateAsUpdate(doc, sv) });
}

describe("createPlanVersion", () => {
  it("stores every section's merged state and text, numbered per case", async () => {
    const db = server.deps.database.db;
    await appendParagraph("immediate_safety", "Nieuwe afspraak: oma heeft een sleutel.");
    const now = new Date("2026-11-20T10:00:00Z");
    const first = await createPlanVersion(db, caseId, { createdBy: userId }, now);
    expect(first.number).toBe(1);

    const [row] = await db.select().from(planVersions).where(eq(planVersions.id, first.id));
    expect(row.sections.map((s) => s.key)).toEqual(planTemplate.map((s) => s.key));
    const immediate = row.sections.find((s) => s.key === "immediate_safety");
    expect(immediate?.title).toBe("Directe veiligheid");
    expect(immediate?.text).toContain("- Moeder heeft een AWARE-alarm");
    expect(immediate?.text).toContain("Nieuwe afspraak: oma heeft een sleutel.");
    expect(row.createdBy).toBe(userId);
    expect(row.createdAt.toISOString()).toBe(now.toISOString());

    const states = await db.select().from(planVersionStates).where(eq(planVersionStates.versionId, first.id));
    expect(states).toHaveLength(planTemplate.length);
    const state = states.find((s) => s.sectionKey === "immediate_safety")?.state as Uint8Array;
    expect(renderSectionText(state)).toBe(immediate?.text);

    // Later edits do not change the stored version; the next version gets the next number.
    await appendParagraph("immediate_safety", "Nog een afspraak.");
    const second = await db.transaction((tx) => createPlanVersion(tx, caseId, { createdBy: userId }, now));
    expect(second.number).toBe(2);
    const [again] = await db.select().from(planVersions).where(eq(planVersions.id, first.id));
    expect(again.sections.find((s) => s.key === "immediate_safety")?.text).not.toContain("Nog een afspraak.");
  });

  it("numbers concurrent adoptions without a gap or a clash", async () => {
    const db = server.deps.database.db;
    const made = await Promise.all(
      [1, 2, 3].map(() => createPlanVersion(db, caseId, { createdBy: userId }, new Date())),
    );
    const numbers = made.map((m) => m.number).sort();
    expect(numbers).toEqual([3, 4, 5]);
  });

  it("adopts a section with a stored update that does not apply, as the live document shows it", async () => {
    const db = server.deps.database.db;
    await appendParagraph("signals", "Signaal: de buren horen weer geschreeuw.");
    // Bytes that are no Yjs update, as a faulty import or a hand edit might leave behind.
    await db.insert(yjsUpdates).values({
      docName: sectionDocName(caseId, "signals"),
      update: new Uint8Array([255, 255, 255, 255, 1]),
    });
    await appendParagraph("signals", "Signaal: school meldt verzuim.");
    const version = await createPlanVersion(db, caseId, { createdBy: userId }, new Date());
    const [row] = await db.select().from(planVersions).where(eq(planVersions.id, version.id));
    const signals = row.sections.find((s) => s.key === "signals")?.text;
    expect(signals).toContain("Signaal: de buren horen weer geschreeuw.");
    expect(signals).toContain("Signaal: school meldt verzuim.");
  });
});
