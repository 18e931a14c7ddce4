/**
 * The end of a file: a closed case is kept for its retention (20 years by default), then the
 * region's coordinator destroys it, everything on it at once, and the audit log keeps that it did.
 */
import { eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../../db/schema";
import { demoCaseReference } from "../../../db/seed/demo";
import { fixedClock } from "../../../server/clock";
import { collabOf } from "../../../server/collab/endpoint";
import { retentionEndDay, retentionOf } from "../../../server/queries/retention";
import { closeCodes } from "../../../shared/close-codes";
import { demoCaseId } from "../../followup/fixture";
import { startTestServer, type TestServer } from "../../helpers/server";
import { connectSocket } from "../../helpers/socket";
import { appendParagraph, openSection, providerCloseCode, roundTrip, withTimeout } from "../../helpers/yjs";

const clock = fixedClock("2026-03-02T09:00:00Z");
const year = 365.25 * 24 * 3_600_000;
let server: TestServer;
let caseId: string;
let otherCaseId: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  caseId = await demoCaseId(server.deps.database.db);
  const coordinator = await server.loginAs("coordinator");
  const other = await coordinator.post("/api/cases", {
    reference: "MDA-2026-020",
    title: "Ander",
    categories: [],
  });
  otherCaseId = other.json.id;
});
afterAll(() => server?.stop());

/** Rows that still belong to a case, table by table (only tables that hold a case id). */
async function rowsOf(id: string): Promise<Record<string, number>> {
  const db = server.deps.database.db;
  // biome-ignore lint/suspicious/noExplicitAny: any table with a case id column
  const count = async (table: any, column: any) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(column, id)))[0].n;
  return {
    cases: await count(schema.cases, schema.cases.id),
    members: await count(schema.caseMembers, schema.caseMembers.caseId),
    readers: await count(schema.sectionAccess, schema.sectionAccess.caseId),
    phases: await count(schema.phaseChanges, schema.phaseChanges.caseId),
    conferences: await count(schema.conferences, schema.conferences.caseId),
    decisions: await count(schema.decisions, schema.decisions.caseId),
    actions: await count(schema.actionItems, schema.actionItems.caseId),
    escalations: await count(schema.escalations, schema.escalations.caseId),
    planVersions: await count(schema.planVersions, schema.planVersions.caseId),
    invitations: await count(schema.invitations, schema.invitations.caseId),
    liveUpdates: (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(schema.yjsUpdates)
        .where(like(schema.yjsUpdates.docName, `case:${id}:%`))
    )[0].n,
    liveSnapshots: (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(schema.yjsSnapshots)
        .where(like(schema.yjsSnapshots.docName, `case:${id}:%`))
    )[0].n,
  };
}

describe("retention and destruction of a case", () => {
  it("shows nothing while the case is open, and the end of retention once it is closed", async () => {
    const director = await server.loginAs("wijkteam");
    expect((await director.get(`/api/cases/${caseId}`)).json.retention).toBeNull();
    const closed = await director.post(`/api/cases/${caseId}/phase`, {
      phase: "gesloten",
      reason: "Veiligheid is stabiel; zorg loopt via het lokale team.",
    });
    expect(closed.status).toBe(201);
    const detail = await director.get(`/api/cases/${caseId}`);
    expect(detail.json.retention).toEqual({
      closedAt: "2026-03-02T09:00:00.000Z",
      until: "2046-03-02",
      due: false,
    });
    expect(detail.json.permissions.destroy).toBe(false);
    const coordinator = await server.loginAs("coordinator");
    const listed = (await coordinator.get("/api/cases")).json.cases;
    expect(listed.find((c: { id: string }) => c.id === caseId).retention.until).toBe("2046-03-02");
    expect(listed.find((c: { id: string }) => c.id === otherCaseId).retention).toBeNull();
    expect((await coordinator.get(`/api/cases/${caseId}`)).json.permissions.destroy).toBe(true);
  });

  it("refuses to destroy before the end of retention, or for anyone but the coordinator", async () => {
    const coordinator = await server.loginAs("coordinator");
    const early = await coordinator.request("DELETE", `/api/cases/${caseId}`, {
      reference: demoCaseReference,
    });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toBe("De bewaartermijn loopt nog tot 2046-03-02.");
    const director = await server.loginAs("wijkteam");
    expect(
      (await director.request("DELETE", `/api/cases/${caseId}`, { reference: demoCaseReference })).status,
    ).toBe(403);
    const admin = await server.loginAs("admin");
    expect(
      (await admin.request("DELETE", `/api/cases/${caseId}`, { reference: demoCaseReference })).status,
    ).toBe(404);
    expect((await rowsOf(caseId)).cases).toBe(1);
  });

  it("destroys everything on the case after its retention, closes its open plan, and logs it", async () => {
    // A section is open and written in just before the years pass (a reader who never closed the tab).
    const politie = await server.loginAs("politie");
    const section = await openSection(server.url, politie.cookie, `case:${caseId}:household`);
    appendParagraph(section.doc, "Laatste aantekening");
    await roundTrip(section);
    const [someone] = await server.deps.database.db.select().from(schema.users).limit(1);
    await server.deps.database.db.insert(schema.invitations).values({
      id: "uitnodiging-bij-vernietiging",
      secretHash: new Uint8Array(32),
      caseId,
      role: "expertByExperience",
      name: "Nog uitgenodigd",
      email: "later@example.nl",
      createdBy: someone.id,
      expiresAt: new Date("2026-03-09T09:00:00Z"),
    });
    const before = await rowsOf(caseId);
    expect(before.members).toBeGreaterThan(0);
    expect(before.actions).toBeGreaterThan(0);
    expect(before.liveUpdates + before.liveSnapshots).toBeGreaterThan(0);
    const otherBefore = await rowsOf(otherCaseId);

    clock.advance(20 * year + 24 * 3_600_000);
    const coordinator = await server.loginAs("coordinator");
    expect((await coordinator.get(`/api/cases/${caseId}`)).json.retention.due).toBe(true);
    const wrong = await coordinator.request("DELETE", `/api/cases/${caseId}`, { reference: "MDA-ANDERS" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details).toEqual([
      { path: "reference", message: "Dit is niet het kenmerk van deze casus." },
    ]);

    const closed = providerCloseCode(section);
    // A member's open page (its socket) hears that the case is gone.
    const socket = await connectSocket(server.url, (await server.loginAs("voorzitter")).cookie);
    const told = withTimeout(
      new Promise((resolve) => socket.once("case:changed", resolve)),
      5000,
      "case:changed",
    );
    // Typed a moment before the deletion: stored with the case, and so deleted with it.
    appendParagraph(section.doc, "Net voor het vernietigen");
    const res = await coordinator.request("DELETE", `/api/cases/${caseId}`, { reference: demoCaseReference });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ destroyed: true, reference: demoCaseReference });
    // Nothing of it stays in the server's memory either.
    expect(
      collabOf(server.deps)
        ?.loadedDocs()
        .filter((name) => name.includes(caseId)),
    ).toEqual([]);
    expect(await closed).toBe(closeCodes.accessRevoked);
    expect(await told).toEqual({ caseId });
    socket.close();
    section.destroy();

    expect(Object.values(await rowsOf(caseId)).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(otherCaseId)).toEqual(otherBefore);
    expect((await coordinator.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect(
      (await coordinator.request("DELETE", `/api/cases/${caseId}`, { reference: demoCaseReference })).status,
    ).toBe(404);

    const [entry] = await server.deps.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, "delete"))
      .orderBy(sql`${schema.auditLog.id} desc`)
      .limit(1);
    expect(entry).toMatchObject({ objectType: "case", objectId: caseId, caseId, outcome: "success" });
    expect(entry.details).toEqual({
      reference: demoCaseReference,
      closedAt: "2026-03-02T09:00:00.000Z",
      retentionUntil: "2046-03-02",
    });
    const admin = await server.loginAs("admin");
    expect((await admin.get("/api/admin/audit/verify")).json.ok).toBe(true);
  });

  it("refuses a case that is not closed", async () => {
    const coordinator = await server.loginAs("coordinator");
    const open = await coordinator.request("DELETE", `/api/cases/${otherCaseId}`, {
      reference: "MDA-2026-020",
    });
    expect(open.status).toBe(409);
    expect(open.json.error.message).toBe("Alleen een gesloten casus kan worden vernietigd.");
  });
});

describe("the end day of retention", () => {
  it("counts from the day the case closed as the page shows it (Amsterdam), whole calendar years", () => {
    // 00:30 on 2 March in Amsterdam is still 1 March in UTC.
    const justAfterMidnight = new Date("2026-03-01T23:30:00Z");
    expect(retentionEndDay(justAfterMidnight, 20)).toBe("2046-03-02");
    expect(retentionEndDay(new Date("2028-02-29T12:00:00Z"), 1)).toBe("2029-03-01");
    const closed = retentionOf("gesloten", justAfterMidnight, 20, new Date("2046-03-01T22:59:00Z"));
    expect(closed?.due).toBe(false);
    expect(retentionOf("gesloten", justAfterMidnight, 20, new Date("2046-03-01T23:00:00Z"))?.due).toBe(true);
    expect(retentionOf("herstelgerichte_zorg", justAfterMidnight, 20, new Date())).toBeNull();
  });
});
