import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseMembers, cases, users } from "../../../db/schema";
import { demoEmail } from "../../../db/seed/demo";
import { createCollabAttach } from "../../../server/collab";
import { createPlanVersion } from "../../../server/commands/plan-version";
import { planTemplate, type SectionKey, sectionDocName } from "../../../shared/plan";
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

describe("GET /api/cases/:caseId/plan/filled", () => {
  it("names the readable sections that hold text, without any text, and logs what it told", async () => {
    const filled = await as.ervaringsdeskundige.get(`/api/cases/${caseId}/plan/filled`);
    expect(filled.status).toBe(200);
    expect(filled.json.filled).toContain("immediate_safety");
    expect(filled.json.filled).not.toContain("risk");
    expect(filled.json.filled).not.toContain("confidential");
    // Keys only: no section's words.
    expect(JSON.stringify(filled.json)).not.toContain("AWARE");
    const full = (await as.voorzitter.get(`/api/cases/${caseId}/plan`)).json.sections as {
      key: string;
      text: string;
    }[];
    const mine = (await as.voorzitter.get(`/api/cases/${caseId}/plan/filled`)).json.filled;
    expect(mine).toEqual(full.filter((s) => s.text.trim()).map((s) => s.key));
    const [logged] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, "plan_outline"), eq(auditLog.userId, await userId("voorzitter"))));
    expect(logged).toMatchObject({ action: "read", caseId, outcome: "success" });
    expect((await as.buitenstaander.get(`/api/cases/${caseId}/plan/filled`)).status).toBe(404);
  });
});

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

  describe("two adopted versions compared (?with=m)", () => {
    /** Appends a paragraph to a section as the given member's editor would, and waits until it is stored. */
    async function append(who: string, key: SectionKey, text: string) {
      const editor = await openSection(server.url, as[who].cookie as string, sectionDocName(caseId, key));
      appendParagraph(editor.doc, text);
      await roundTrip(editor);
      editor.destroy();
    }
    const linesOf = (res: { json: { sections: { key: string; lines: unknown[] }[] } }, key: string) =>
      res.json.sections.find((s) => s.key === key)?.lines;

    let older: number;
    let newer: number;
    beforeAll(async () => {
      const db = server.deps.database.db;
      const by = { createdBy: await userId("voorzitter") };
      older = (await createPlanVersion(db, caseId, by, new Date("2026-11-21T10:00:00Z"))).number;
      await append("voorzitter", "goals", "Doel vastgesteld tussen de twee versies.");
      await append("voorzitter", "risk", "Risicotaxatie herhaald tussen de versies.");
      await append("politie", "confidential", "Afgeschermd tussen de versies.");
      newer = (await createPlanVersion(db, caseId, by, new Date("2026-11-22T10:00:00Z"))).number;
      // Typed after the newer version: not part of what the two versions differ in.
      await append("voorzitter", "goals", "Getypt na de laatste versie.");
      await append("politie", "confidential", "Afgeschermd na de laatste versie.");
    });

    it("shows what changed between the two versions and not what was typed since", async () => {
      const res = await as.voorzitter.get(`/api/cases/${caseId}/plan/versions/${older}/diff?with=${newer}`);
      expect(res.status).toBe(200);
      expect(res.json.number).toBe(older);
      expect(res.json.with).toEqual({ number: newer, createdAt: "2026-11-22T10:00:00.000Z" });
      const goals = linesOf(res, "goals");
      expect(goals).toContainEqual({ op: "added", text: "Doel vastgesteld tussen de twee versies." });
      expect(JSON.stringify(goals)).not.toContain("Getypt na de laatste versie.");
      expect(goals?.filter((l) => (l as { op: string }).op !== "same")).toHaveLength(1);
      // Without ?with the same version is still compared with the plan as it is now.
      const now = await as.voorzitter.get(`/api/cases/${caseId}/plan/versions/${older}/diff`);
      expect(now.json.with).toBeNull();
      expect(linesOf(now, "goals")).toContainEqual({ op: "added", text: "Getypt na de laatste versie." });
    });

    it("leaves out the sections the member may not read", async () => {
      const path = `/api/cases/${caseId}/plan/versions/${older}/diff?with=${newer}`;
      const chair = await as.voorzitter.get(path);
      expect(linesOf(chair, "risk")).toContainEqual({
        op: "added",
        text: "Risicotaxatie herhaald tussen de versies.",
      });
      expect(chair.json.sections.map((s: { key: string }) => s.key)).not.toContain("confidential");
      expect(chair.text).not.toContain("Afgeschermd");

      const eds = await as.ervaringsdeskundige.get(path);
      expect(eds.status).toBe(200);
      const keys = eds.json.sections.map((s: { key: string }) => s.key);
      expect(keys).toContain("goals");
      expect(keys).not.toContain("risk");
      expect(keys).not.toContain("confidential");
      expect(eds.text).not.toContain("Risicotaxatie herhaald");
      expect(eds.text).not.toContain("Afgeschermd");

      const politie = await as.politie.get(path);
      const confidential = linesOf(politie, "confidential");
      expect(confidential).toContainEqual({ op: "added", text: "Afgeschermd tussen de versies." });
      expect(JSON.stringify(confidential)).not.toContain("Afgeschermd na de laatste versie.");
    });

    it("audits the read of both versions", async () => {
      const db = server.deps.database.db;
      const politieId = await userId("politie");
      const count = async () =>
        (
          await db
            .select()
            .from(auditLog)
            .where(and(eq(auditLog.userId, politieId), eq(auditLog.objectType, "plan_version")))
        ).length;
      const before = await count();
      await as.politie.get(`/api/cases/${caseId}/plan/versions/${older}/diff?with=${newer}`);
      expect(await count()).toBe(before + 2);
    });

    it("answers 404 for a version that does not exist and 400 with a Dutch message for a malformed one", async () => {
      const base = `/api/cases/${caseId}/plan/versions/${older}/diff`;
      const missing = await as.voorzitter.get(`${base}?with=99`);
      expect(missing.status).toBe(404);
      expect(missing.json.error.message).toBe("Deze versie bestaat niet.");
      for (const bad of ["abc", "0", "-1", "2.5", ""]) {
        const res = await as.voorzitter.get(`${base}?with=${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.json.error.message).toBe("De invoer is ongeldig.");
        expect(res.json.error.details).toEqual([
          { path: "with", message: "Deze waarde heeft niet de goede vorm." },
        ]);
      }
      // Whether the case exists is not told by the question's form either.
      expect((await as.buitenstaander.get(`${base}?with=abc`)).status).toBe(404);
      expect((await server.client().get(`${base}?with=abc`)).status).toBe(401);
    });
  });
});
