/**
 * The Logboek after a procesregisseur looked into a case by emergency access (noodtoegang), as the
 * privacy officer reviews it: every flagged row says what was read and why, her own reading of the
 * Logboek is not one of them, and the page can say how many rows a filter found.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseMembers } from "../../db/schema";
import { fixedClock } from "../../server/clock";
import { demoCaseId, demoUserIds, endDemoConference } from "../followup/fixture";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { upgradeStatus } from "../helpers/yjs";

// 14:00 in Amsterdam.
const clock = fixedClock("2026-06-10T12:00:00Z");
const reason = "Acute melding politie over nieuw geweld, regisseur onbereikbaar.";
let server: TestServer;
let caseId: string;
let id: (key: string) => string;
let conferenceId: string;
let coordinator: HttpClient;

interface Entry {
  id: number;
  user: { id: string } | null;
  action: string;
  objectType: string;
  objectId: string | null;
  purpose: string | null;
  breakGlass: boolean;
}

/** The trail as the Logboek page reads it. */
async function trail(query = "limit=500"): Promise<{ entries: Entry[]; total: number | null }> {
  const res = await coordinator.get(`/api/cases/${caseId}/audit?${query}`);
  expect(res.status).toBe(200);
  return res.json;
}

/** The CSV a data subject is handed, as lines. */
async function csvLines(): Promise<string[]> {
  const res = await coordinator.get(`/api/cases/${caseId}/audit/export?format=csv`);
  expect(res.status).toBe(200);
  return res.text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  const db = server.deps.database.db;
  caseId = await demoCaseId(db);
  id = await demoUserIds(db);
  conferenceId = await endDemoConference(db, caseId);
  // In the demo data the procesregisseur observes the case; here she is not on it.
  await db
    .delete(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, id("coordinator"))));
  coordinator = await server.loginAs("coordinator");
  expect((await coordinator.post(`/api/cases/${caseId}/break-glass`, { reason })).status).toBe(201);
  // What she reads under it: the plan, its versions, who could be added, the minutes, a section live.
  for (const path of [
    `/api/cases/${caseId}/plan`,
    `/api/cases/${caseId}/plan/versions`,
    `/api/cases/${caseId}/candidates`,
    `/api/conferences/${conferenceId}/minutes`,
    `/api/escalations/next-level?caseId=${caseId}`,
  ]) {
    expect((await coordinator.get(path)).status).toBe(200);
  }
  expect(await upgradeStatus(server.url, `case:${caseId}:household`, coordinator.cookie)).toBe(101);
  // The police officer, a member, reads the plan as usual.
  expect((await (await server.loginAs("politie")).get(`/api/cases/${caseId}/plan`)).status).toBe(200);
});
afterAll(() => server?.stop());

describe("reads under emergency access in the Logboek", () => {
  it("names what each request under emergency access read, never the HTTP method or a query string", async () => {
    // A request whose route records no read of its own (who could be added, the escalation
    // ladder) is recorded by a row of its own; the others by their route's flagged read.
    const json = await coordinator.get(`/api/cases/${caseId}/audit/export?format=json`);
    const requests = (json.json.entries as Entry[]).filter((e) => e.objectType === "case_request");
    expect(requests.map((e) => e.objectId).sort()).toEqual(["candidates", "escalations"]);
    const lines = await csvLines();
    expect(lines.some((l) => l.includes(";GET;"))).toBe(false);
    expect(lines.filter((l) => l.includes(";Ingezien;verzoek: mogelijke leden;;"))).toHaveLength(1);
    // Stored: the route's pattern and the method, no path with ids or query a client typed.
    const stored = await server.deps.database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.objectType, "case_request"));
    expect(stored).toHaveLength(2);
    for (const { details } of stored) {
      expect(details?.method).toBe("GET");
      expect(details?.status).toBe(200);
      expect(String(details?.route)).toMatch(/^\/api\/[a-z/:.-]+$/i);
      expect(JSON.stringify(details)).not.toContain(caseId);
    }
  });

  it("records each read under emergency access once: by its route's read, or by the request when the route records none", async () => {
    const flagged = (await trail("breakGlass=true&limit=500")).entries;
    // The plan, its versions and the minutes record their own read; who could be added and the
    // escalation ladder do not, so their requests are the record.
    expect(
      flagged
        .filter((e) => e.objectType === "case_request")
        .map((e) => e.objectId)
        .sort(),
    ).toEqual(["candidates", "escalations"]);
    for (const object of ["plan", "plan_versions", "minutes"]) {
      expect(flagged.filter((e) => e.objectType === object)).toHaveLength(1);
    }
    const lines = await csvLines();
    expect(
      lines.filter((l) => l.includes(";Ingrid de Vries;") && l.includes(";Ingezien;veiligheidsplan;")),
    ).toHaveLength(1);
    expect(lines.filter((l) => l.includes("verzoek: veiligheidsplan"))).toEqual([]);
  });

  it("records a request under emergency access that failed before its route recorded a read", async () => {
    expect((await coordinator.get(`/api/cases/${caseId}/plan/versions/999`)).status).toBe(404);
    const [row] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, "case_request"), eq(auditLog.objectId, "plan_version")));
    expect(row).toMatchObject({ breakGlass: true, outcome: "failure", caseId });
    expect(row.details).toMatchObject({ status: 404, method: "GET" });
  });

  it("carries the reason of her emergency access on every flagged read, the live section too", async () => {
    const flagged = (await trail("breakGlass=true&limit=500")).entries;
    expect(flagged.length).toBeGreaterThan(5);
    expect(flagged.some((e) => e.objectType === "section")).toBe(true);
    for (const e of flagged)
      expect([e.action, e.objectType, e.purpose]).toEqual([e.action, e.objectType, reason]);
    // The member's reads state no reason: she needs none for her own case.
    const hers = (await trail(`userId=${id("politie")}`)).entries;
    expect(hers.length).toBeGreaterThan(0);
    expect(hers.every((e) => e.purpose === null)).toBe(true);
    // In the file too, in the column "Reden".
    const section = (await csvLines()).find((l) => l.includes("sectie ‘Gezin en netwerk’"));
    expect(section).toContain(`;Ingrid de Vries;Procesregisseur;`);
    expect(section).toContain(`;${reason};Gelukt;ja;`);
  });

  it("does not flag her reading of the Logboek: that is her right as procesregisseur, not emergency access", async () => {
    await trail();
    const reads = (await trail()).entries.filter((e) => e.objectType === "audit_log");
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => !e.breakGlass && e.purpose === null)).toBe(true);
    const flagged = (await trail("breakGlass=true&limit=500")).entries;
    expect(flagged.filter((e) => e.objectType === "audit_log")).toEqual([]);
    const line = (await csvLines()).find((l) => l.includes(";Ingezien;logboek;"));
    expect(line).toMatch(/;Gelukt;nee;/);
  });

  it("carries the reason of the grant a read was made under, when she asks again later", async () => {
    clock.advance(3 * 3_600_000); // the first grant (two hours) has ended, and her session
    coordinator = await server.loginAs("coordinator");
    const again = "Nieuwe melding Veilig Thuis in de nacht, crisisdienst vraagt om het plan.";
    expect((await coordinator.post(`/api/cases/${caseId}/break-glass`, { reason: again })).status).toBe(201);
    expect((await coordinator.get(`/api/cases/${caseId}/decisions`)).status).toBe(200);
    const flagged = (await trail("breakGlass=true&limit=500")).entries;
    const decisions = flagged.find((e) => e.objectType === "decisions");
    expect(decisions?.purpose).toBe(again);
    expect(flagged.find((e) => e.objectType === "plan")?.purpose).toBe(reason);
  });

  it("says how many entries the filters find in all, also when the page shows fewer", async () => {
    const all = (await trail("breakGlass=true&limit=500")).entries.length;
    const first = await trail("breakGlass=true&limit=2");
    expect(first.entries).toHaveLength(2);
    expect(first.total).toBe(all);
    expect((await trail("breakGlass=true&action=delete")).total).toBe(0);
    // An older page is no new search: no count.
    expect((await trail(`breakGlass=true&limit=2&before=${first.entries[1].id}`)).total).toBeNull();
  });
});
