/**
 * "Who read my file?": the case detail tells the chair and the case director who looked in by
 * emergency access (noodtoegang) in the last 30 days, from when to when and why; nobody else on the
 * case gets that list, and the read that showed it is in the trail.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, breakGlassGrants, caseMembers } from "../../../db/schema";
import { fixedClock } from "../../../server/clock";
import { addCase, demoCaseId, demoUserIds } from "../../followup/fixture";
import { startTestServer, type TestServer } from "../../helpers/server";

// 02:10 in Amsterdam, on a night in November.
const clock = fixedClock("2026-11-25T01:10:00Z");
const day = 86_400_000;
const hours = (n: number) => n * 3_600_000;
const reason = "Acute melding politie over nieuw geweld, voorzitter en regisseur onbereikbaar.";
let server: TestServer;
let caseId: string;
let id: (key: string) => string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  const db = server.deps.database.db;
  caseId = await demoCaseId(db);
  id = await demoUserIds(db);
  // In the demo data the procesregisseur observes the case; here she is not on it, and asks for
  // emergency access. Tom Visser observes it instead.
  await db
    .delete(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, id("coordinator"))));
  await db.insert(caseMembers).values({ caseId, userId: id("buitenstaander"), role: "observer" });
  const coordinator = await server.loginAs("coordinator");
  expect((await coordinator.post(`/api/cases/${caseId}/break-glass`, { reason })).status).toBe(201);
  const now = clock.now().getTime();
  await db.insert(breakGlassGrants).values([
    // Ended 29 days ago: still told.
    {
      caseId,
      userId: id("coordinator"),
      reason: "Melding in het weekend, plan nodig voor de crisisdienst.",
      grantedAt: new Date(now - 29 * day - hours(2)),
      expiresAt: new Date(now - 29 * day),
    },
    // Ended 31 days ago: no longer.
    {
      caseId,
      userId: id("coordinator"),
      reason: "Een oude noodtoegang van vorige maand.",
      grantedAt: new Date(now - 31 * day - hours(2)),
      expiresAt: new Date(now - 31 * day),
    },
  ]);
});
afterAll(() => server?.stop());

describe("emergency access on the case detail", () => {
  it("tells the chair and the case director who read the file, when and why, the latest first", async () => {
    const now = clock.now().getTime();
    for (const key of ["voorzitter", "wijkteam"]) {
      const res = await (await server.loginAs(key)).get(`/api/cases/${caseId}`);
      expect(res.status).toBe(200);
      expect(res.json.breakGlassAccesses).toEqual([
        {
          id: expect.any(String),
          user: { id: id("coordinator"), name: "Ingrid de Vries" },
          organisation: { id: expect.any(String), name: "Zorg- en Veiligheidshuis IJsselland" },
          reason,
          from: new Date(now).toISOString(),
          until: new Date(now + hours(2)).toISOString(),
          active: true,
        },
        {
          id: expect.any(String),
          user: { id: id("coordinator"), name: "Ingrid de Vries" },
          organisation: { id: expect.any(String), name: "Zorg- en Veiligheidshuis IJsselland" },
          reason: "Melding in het weekend, plan nodig voor de crisisdienst.",
          from: new Date(now - 29 * day - hours(2)).toISOString(),
          until: new Date(now - 29 * day).toISOString(),
          active: false,
        },
      ]);
      expect(res.text).not.toContain("Een oude noodtoegang van vorige maand.");
    }
  });

  it("keeps the list from the other members and from the reader herself", async () => {
    for (const key of ["veiligthuis", "politie", "ervaringsdeskundige", "buitenstaander", "coordinator"]) {
      const res = await (await server.loginAs(key)).get(`/api/cases/${caseId}`);
      expect([key, res.status]).toEqual([key, 200]);
      expect([key, "breakGlassAccesses" in res.json]).toEqual([key, false]);
      expect([key, res.text.includes(reason)]).toEqual([key, false]);
    }
    // Whoever may not see the case at all does not learn it through this either.
    const admin = await (await server.loginAs("admin")).get(`/api/cases/${caseId}`);
    expect(admin.status).toBe(404);
    expect(admin.text).not.toContain(reason);
  });

  it("sends the chair an empty list for a case nobody opened by emergency access", async () => {
    const db = server.deps.database.db;
    const quiet = await addCase(db, {
      reference: "MDA-2026-077",
      registeredAt: clock.now(),
      members: [["voorzitter", "chair"]],
    });
    const res = await (await server.loginAs("voorzitter")).get(`/api/cases/${quiet}`);
    expect(res.status).toBe(200);
    expect(res.json.breakGlassAccesses).toEqual([]);
  });

  it("records in the trail that the chair's read showed the emergency accesses", async () => {
    const chair = await server.loginAs("voorzitter");
    expect((await chair.get(`/api/cases/${caseId}`)).status).toBe(200);
    const [entry] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.userId, id("voorzitter"))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry).toMatchObject({
      action: "read",
      objectType: "case",
      outcome: "success",
      details: { breakGlassAccesses: 2 },
    });
  });
});
