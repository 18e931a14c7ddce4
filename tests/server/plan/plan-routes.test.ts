import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseMembers, cases, users } from "../../../db/schema";
import { demoEmail } from "../../../db/seed/demo";
import { createCollabAttach } from "../../../server/collab";
import { createPlanVersion } from "../../../server/commands/plan-version";
import { planTemplate, sectionDocName } from "../../../shared/plan";
import type { HttpClient } from "../../helpers/server";
import { startTestServer, type TestServer } from "../../helpers/server";
import { appendParagraph, openSection, roundTrip } from "../../helpers/yjs";

let server: TestServer;
let caseId: string;
const as: Record<string, HttpClient> = {};

beforeAll(async () => {
  server = await startTestServer({ attachments: [createCollabAttach()] });
  for (const key of ["voorzitter", "politie", "ervaringsdeskundige", "buitenstaander"]) {
    as[key] = await server.loginAs(key);
  }
  caseId = (await as.voorzitter.get("/api/cases")).json.cases[0].id;
});
afterAll(() => server?.stop());

async function userId(key: string) {
  const db = server.deps.database.db;
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail(key)));
  return u.id;
}

describe("GET /api/cases/:caseId/plan", () => {
  it("gives a member every section they may read, rendered as text", async () => {
    const res = await as.voorzitter.get(`/api/cases/${caseId}/plan`);
    expect(res.status).toBe(200);
    const keys = res.json.sections.map((s: { key: string }) => s.key);
    expect(keys).toEqual(planTemplate.map((s) => s.key).filter((k) => k !== "confidential"));
    const immediate = res.json.sections.find((s: { key: string }) => s.key === "immediate_safety");
    expect(immediate.title).toBe("Directe veiligheid");
    expect(immediate.text).toContain("- Moeder heeft een AWARE-alarm");
  });

  it("leaves out what the role may not read", async () => {
    const eds = await as.ervaringsdeskundige.get(`/api/cases/${caseId}/plan`);
    const keys = eds.json.sections.map((s: { key: string }) => s.key);
    expect(keys).not.toContain("risk");
    expect(keys).not.toContain("confidential");
    expect(keys).toContain("lived_experience");
    const politie = await as.politie.get(`/api/cases/${caseId}/plan`);
    expect(politie.json.sections.map((s: { key: string }) => s.key)).toContain("confidential");
  });

  it("gives a new case every readable section, empty", async () => {
    const db = server.deps.database.db;
    const [created] = await db
      .insert(cases)
      .values({
        reference: "MDA-NIEUW-1",
        title: "Nieuw",
        region: "IJsselland",
        categories: ["overig"],
        createdBy: await userId("voorzitter"),
      })
      .returning({ id: cases.id });
    await db
      .insert(caseMembers)
      .values({ caseId: created.id, userId: await userId("voorzitter"), role: "chair" });
    const res = await as.voorzitter.get(`/api/cases/${created.id}/plan`);
    expect(res.status).toBe(200);
    expect(res.json.sections).toHaveLength(planTemplate.length - 1);
    expect(res.json.sections.every((s: { text: string }) => s.text === "")).toBe(true);
  });

  it("answers 401 without a session, 404 to a non-member and for a malformed id", async () => {
    expect((await server.client().get(`/api/cases/${caseId}/plan`)).status).toBe(401);
    expect((await as.buitenstaander.get(`/api/cases/${caseId}/plan`)).status).toBe(404);
    expect((await as.voorzitter.get("/api/cases/niet-een-id/plan")).status).toBe(404);
  });

  it("audits the read with section keys and no text", async () => {
    await as.politie.get(`/api/cases/${caseId}/plan`);
    const rows = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, await userId("politie")), eq(auditLog.objectType, "plan")));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].details?.sections).toContain("confidential");
    expect(JSON.stringify(rows)).not.toContain("AWARE");
  });
});

describe("plan versions", () => {
  it("lists adopted versions, shows one, and compares it with the current plan", async () => {
    const db = server.deps.database.db;
    expect((await as.voorzitter.get(`/api/cases/${caseId}/plan/versions`)).json.versions).toEqual([]);
    await createPlanVersion(
      db,
      caseId,
      { createdBy: await userId("voorzitter") },
      new Date("2026-11-20T10:00:00Z"),
    );

    const list = await as.voorzitter.get(`/api/cases/${caseId}/plan/versions`);
    expect(list.status).toBe(200);
    expect(list.json.versions).toEqual([
      {
        number: 1,
        createdAt: "2026-11-20T10:00:00.000Z",
        conferenceId: null,
        createdBy: { id: await userId("voorzitter"), name: expect.any(String) },
      },
    ]);

    const v1 = await as.ervaringsdeskundige.get(`/api/cases/${caseId}/plan/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.json.number).toBe(1);
    const keys = v1.json.sections.map((s: { key: string }) => s.key);
    expect(keys).not.toContain("risk");
    expect(keys).not.toContain("confidential");

    // Edit the plan live: one paragraph added, the first bullet list removed.
    const cookie = as.voorzitter.cookie as string;
    const editor = await openSection(server.url, cookie, sectionDocName(caseId, "immediate_safety"));
    const before = editor.text();
    appendParagraph(editor.doc, "Nieuwe afspraak na de versie.");
    const fragment = editor.doc.getXmlFragment("prosemirror");
    const firstList = fragment.toArray().findIndex((n) => "nodeName" in n && n.nodeName === "bulletList");
    fragment.delete(firstList, 1);
    await roundTrip(editor);
    editor.destroy();

    const diff = await as.voorzitter.get(`/api/cases/${caseId}/plan/versions/1/diff`);
    expect(diff.status).toBe(200);
    const section = diff.json.sections.find((s: { key: string }) => s.key === "immediate_safety");
    expect(section.lines).toContainEqual({ op: "added", text: "Nieuwe afspraak na de versie." });
    expect(section.lines).toContainEqual({
      op: "removed",
      text: before.split("\n").find((l) => l.startsWith("- ")),
    });
    const untouched = diff.json.sections.find((s: { key: string }) => s.key === "household");
    expect(untouched.lines.every((l: { op: string }) => l.op === "same")).toBe(true);
    expect(diff.json.sections.map((s: { key: string }) => s.key)).not.toContain("confidential");
  });

  it("answers 404 for a version that does not exist or a malformed number, and to a non-member", async () => {
    expect((await as.voorzitter.get(`/api/cases/${caseId}/plan/versions/99`)).status).toBe(404);
    expect((await as.voorzitter.get(`/api/cases/${caseId}/plan/versions/abc/diff`)).status).toBe(404);
    expect((await as.voorzitter.get(`/api/cases/${caseId}/plan/versions/0`)).status).toBe(404);
    expect((await as.buitenstaander.get(`/api/cases/${caseId}/plan/versions`)).status).toBe(404);
    expect((await server.client().get(`/api/cases/${caseId}/plan/versions/1`)).status).toBe(401);
  });
});
