import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sectionAccess } from "../../../db/schema";
import { demoCaseReference } from "../../../db/seed/demo";
import type { AccessChange } from "../../../server/deps";
import { demoCaseId, demoUserIds } from "../../followup/fixture";
import { startTestServer, type TestServer } from "../../helpers/server";
import { upgradeStatus } from "../../helpers/yjs";

let server: TestServer;
let caseId: string;
let id: (key: string) => string;
const changes: AccessChange[] = [];
beforeAll(async () => {
  server = await startTestServer();
  const db = server.deps.database.db;
  caseId = await demoCaseId(server.deps.database.db);
  id = await demoUserIds(db);
  server.deps.accessEvents.subscribe((c) => changes.push(c));
});
afterAll(() => server?.stop());

describe("creating a case", () => {
  it("lets a coordinator create a case in their region, and refuses a duplicate reference", async () => {
    const coordinator = await server.loginAs("coordinator");
    const res = await coordinator.post("/api/cases", {
      reference: "MDA-2026-014",
      title: "Huishouden Y.",
      categories: ["kinderen", "huisverbod"],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      reference: "MDA-2026-014",
      phase: "veiligheid",
      categories: ["kinderen", "huisverbod"],
    });
    const list = await coordinator.get("/api/cases");
    expect(list.json.cases.map((c: { reference: string }) => c.reference)).toContain("MDA-2026-014");
    const dup = await coordinator.post("/api/cases", {
      reference: "MDA-2026-014",
      title: "x",
      categories: [],
    });
    expect(dup.status).toBe(409);
    const twice = await coordinator.post("/api/cases", {
      reference: "MDA-2026-015",
      title: "Huishouden Z.",
      categories: ["kinderen", "kinderen"],
    });
    expect(twice.json.categories).toEqual(["kinderen"]);
    const bad = await coordinator.post("/api/cases", { reference: "", title: "x", categories: ["onbekend"] });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.json.error.details.map((d: { path: string }) => d.path))].sort()).toEqual([
      "categories.0",
      "reference",
    ]);
  });
});

describe("the case list", () => {
  it("marks prioritised cases and shows each case's next conference, or that none was ever planned", async () => {
    const coordinator = await server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-2026-031",
      title: "Huishouden W.",
      categories: ["ouderenmishandeling"],
    });
    const other = await coordinator.post("/api/cases", {
      reference: "MDA-2026-032",
      title: "X",
      categories: ["overig"],
    });
    const rows = (await coordinator.get("/api/cases")).json.cases as {
      id: string;
      prioritised: boolean;
      nextConferenceAt: string | null;
      awaitingFirstConference: boolean;
    }[];
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(created.json.id)).toMatchObject({
      prioritised: true,
      nextConferenceAt: null,
      awaitingFirstConference: true,
    });
    expect(row(other.json.id)).toMatchObject({ prioritised: false, awaitingFirstConference: true });
    // The demo case (children in the household) has its conference scheduled.
    const demo = row(caseId);
    expect(demo?.prioritised).toBe(true);
    expect(demo?.awaitingFirstConference).toBe(false);
    const conferences = (await coordinator.get(`/api/cases/${caseId}/conferences`)).json;
    const list = (Array.isArray(conferences) ? conferences : conferences.conferences) as {
      scheduledAt: string;
      status: string;
    }[];
    expect(demo?.nextConferenceAt).toBe(
      list
        .filter((c) => c.status !== "ended")
        .map((c) => c.scheduledAt)
        .sort()[0],
    );
  });
});

describe("members", () => {
  it("lets the chair add a member who then sees the case, and removing them closes their connections", async () => {
    const chair = await server.loginAs("voorzitter");
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.get(`/api/cases/${caseId}`)).status).toBe(404);

    const added = await chair.post(`/api/cases/${caseId}/members`, {
      userId: id("buitenstaander"),
      role: "professional",
    });
    expect(added.status).toBe(201);
    expect(
      (await chair.post(`/api/cases/${caseId}/members`, { userId: id("buitenstaander"), role: "observer" }))
        .status,
    ).toBe(409);
    const seen = await outsider.get(`/api/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.myRole).toBe("professional");

    changes.length = 0;
    expect((await chair.delete(`/api/cases/${caseId}/members/${id("buitenstaander")}`)).status).toBe(200);
    expect(changes).toEqual([{ userId: id("buitenstaander"), caseId }]);
    expect((await outsider.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await chair.delete(`/api/cases/${caseId}/members/${id("buitenstaander")}`)).status).toBe(404);
  });

  it("refuses a professional who is no chair, and nonsense input", async () => {
    const politie = await server.loginAs("politie");
    const res = await politie.post(`/api/cases/${caseId}/members`, {
      userId: id("buitenstaander"),
      role: "professional",
    });
    expect(res.status).toBe(403);
    const chair = await server.loginAs("voorzitter");
    const bad = await chair.post(`/api/cases/${caseId}/members`, { userId: "nee", role: "koning" });
    expect(bad.status).toBe(400);
    const [refusal] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.userId, id("politie")))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(refusal).toMatchObject({
      action: "refused",
      outcome: "refused",
      caseId,
      userRole: "professional",
    });
  });

  it("keeps the confidential section to the members named on it", async () => {
    const chair = await server.loginAs("voorzitter");
    const wijkteam = await server.loginAs("wijkteam");
    const canRead = async () =>
      (await wijkteam.get(`/api/cases/${caseId}`)).json.sections.find(
        (s: { key: string }) => s.key === "confidential",
      ).canRead;
    expect(await canRead()).toBe(false);
    const readers = await chair.get(`/api/cases/${caseId}/sections/confidential/readers`);
    expect(readers.json.userIds.sort()).toEqual([id("politie"), id("veiligthuis")].sort());
    const [logged] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectType, "section_access"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(logged).toMatchObject({ action: "read", userId: id("voorzitter"), userRole: "chair", caseId });

    const put = await chair.request("PUT", `/api/cases/${caseId}/sections/confidential/readers`, {
      userIds: [id("politie"), id("wijkteam")],
    });
    expect(put.status).toBe(200);
    expect(await canRead()).toBe(true);
    const veiligthuis = await server.loginAs("veiligthuis");
    const vt = (await veiligthuis.get(`/api/cases/${caseId}`)).json.sections.find(
      (s: { key: string }) => s.key === "confidential",
    );
    expect(vt.canRead).toBe(false);

    const outsider = await chair.request("PUT", `/api/cases/${caseId}/sections/confidential/readers`, {
      userIds: [id("buitenstaander")],
    });
    expect(outsider.status).toBe(400);
    expect((await chair.get(`/api/cases/${caseId}/sections/household/readers`)).status).toBe(404);
    await chair.request("PUT", `/api/cases/${caseId}/sections/confidential/readers`, {
      userIds: [id("politie"), id("veiligthuis")],
    });
  });

  it("never lets an ervaringsdeskundige read the confidential section, not even when a list names them", async () => {
    const chair = await server.loginAs("voorzitter");
    const ebe = await server.loginAs("ervaringsdeskundige");
    const put = await chair.request("PUT", `/api/cases/${caseId}/sections/confidential/readers`, {
      userIds: [id("politie"), id("ervaringsdeskundige")],
    });
    expect(put.status).toBe(400);
    expect(put.json.error.details[0].message).toMatch(/ervaringsdeskundige/);
    const readers = await chair.get(`/api/cases/${caseId}/sections/confidential/readers`);
    expect(readers.json.userIds.sort()).toEqual([id("politie"), id("veiligthuis")].sort());

    // A row written before this rule, or by hand, still grants nothing: the policy decides.
    const db = server.deps.database.db;
    await db.insert(sectionAccess).values({
      caseId,
      sectionKey: "confidential",
      userId: id("ervaringsdeskundige"),
      grantedAt: new Date(),
    });
    try {
      const detail = await ebe.get(`/api/cases/${caseId}`);
      const confidential = detail.json.sections.find((s: { key: string }) => s.key === "confidential");
      expect(confidential.canRead).toBe(false);
      const plan = await ebe.get(`/api/cases/${caseId}/plan`);
      expect(plan.status).toBe(200);
      expect(plan.json.sections.map((s: { key: string }) => s.key)).not.toContain("confidential");
      expect(await upgradeStatus(server.url, `case:${caseId}:confidential`, ebe.cookie)).toBe(403);
    } finally {
      await db
        .delete(sectionAccess)
        .where(and(eq(sectionAccess.caseId, caseId), eq(sectionAccess.userId, id("ervaringsdeskundige"))));
    }
  });
});

describe("break-glass", () => {
  it("gives a non-member coordinator a flagged, time-limited look, and shows it in the trail", async () => {
    const admin = await server.loginAs("admin");
    const created = await admin.post("/api/admin/users", {
      name: "Tweede Coördinator",
      email: "coordinator2@example.nl",
      globalRole: "coordinator",
    });
    expect(created.status).toBe(201);
    const other = server.client();
    expect(
      (
        await other.post("/api/auth/login", {
          email: "coordinator2@example.nl",
          password: created.json.startPassword,
        })
      ).status,
    ).toBe(200);
    // In demo mode a new account still owes its second factor; enrol it the way a user would.
    const { generateHOTP } = await import("@oslojs/otp");
    const { decodeBase32 } = await import("@oslojs/encoding");
    const enrol = await other.post("/api/auth/enrolment");
    const code = generateHOTP(decodeBase32(enrol.json.secret), BigInt(Math.floor(Date.now() / 30_000)), 6);
    expect((await other.post("/api/auth/enrolment/confirm", { code })).status).toBe(200);
    // And replaces the start password the admin handed over.
    expect(
      (
        await other.post("/api/auth/password", {
          currentPassword: created.json.startPassword,
          newPassword: "Mijn eigen wachtwoord voor de regio 2026",
        })
      ).status,
    ).toBe(200);

    const before = await other.get(`/api/cases/${caseId}`);
    expect(before.status).toBe(200); // metadata of the region
    expect(before.json.permissions).toMatchObject({ readPlan: false, breakGlass: true });
    expect(before.json.sections.every((s: { canRead: boolean }) => !s.canRead)).toBe(true);
    expect(before.json.breakGlassUntil).toBeNull();

    expect((await other.post(`/api/cases/${caseId}/break-glass`, { reason: "kort" })).status).toBe(400);
    const grant = await other.post(`/api/cases/${caseId}/break-glass`, {
      reason: "Acute melding politie, regisseur onbereikbaar",
    });
    expect(grant.status).toBe(201);
    expect(new Date(grant.json.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const after = await other.get(`/api/cases/${caseId}`);
    expect(after.json.breakGlassActive).toBe(true);
    // Until when, for the notice on the case's pages: the end of the grant just given.
    expect(after.json.breakGlassUntil).toBe(new Date(grant.json.expiresAt).toISOString());
    const readable = after.json.sections
      .filter((s: { canRead: boolean }) => s.canRead)
      .map((s: { key: string }) => s.key);
    expect(readable).toContain("household");
    expect(readable).not.toContain("confidential");
    // Under break-glass they read the file's actions, decisions and phase history: each read flagged.
    for (const path of ["actions", "decisions", "phases"]) {
      expect((await other.get(`/api/cases/${caseId}/${path}`)).status).toBe(200);
    }

    // A member coordinator has no break-glass: they already see what their role allows.
    const member = await server.loginAs("coordinator");
    expect(
      (await member.post(`/api/cases/${caseId}/break-glass`, { reason: "Acute melding politie, test" }))
        .status,
    ).toBe(403);

    const trail = await member.get(`/api/cases/${caseId}/audit?breakGlass=true`);
    expect(trail.status).toBe(200);
    const mine = trail.json.entries.filter(
      (e: { user: { id: string } | null }) => e.user?.id === created.json.user.id,
    );
    expect(mine.map((e: { action: string }) => e.action)).toContain("break_glass");
    expect(
      mine.some(
        (e: { action: string; objectType: string }) => e.action === "read" && e.objectType === "case",
      ),
    ).toBe(true);
    const reads = mine.filter((e: { action: string }) => e.action === "read");
    for (const objectType of ["case", "actions", "decisions", "case_phase"]) {
      expect(reads.map((e: { objectType: string }) => e.objectType)).toContain(objectType);
    }
    expect(mine.every((e: { breakGlass: boolean }) => e.breakGlass)).toBe(true);
    const glass = mine.find((e: { action: string }) => e.action === "break_glass");
    expect(glass).toMatchObject({
      purpose: "Acute melding politie, regisseur onbereikbaar",
      role: "coordinator",
    });
  });
});

describe("the audit trail", () => {
  it("filters by action and person, and records role, organisation, outcome and address", async () => {
    const coordinator = await server.loginAs("coordinator");
    const politie = await server.loginAs("politie");
    await politie.get(`/api/cases/${caseId}`);
    const res = await coordinator.get(`/api/cases/${caseId}/audit?action=read&userId=${id("politie")}`);
    expect(res.status).toBe(200);
    expect(res.json.entries.length).toBeGreaterThan(0);
    for (const e of res.json.entries) {
      expect(e).toMatchObject({
        action: "read",
        user: { id: id("politie"), name: "Karin Mulder" },
        role: "professional",
      });
      expect(e.organisation.name).toBe("Politie Oost-Nederland");
      expect(e.outcome).toBe("success");
      expect(e.clientAddress).toMatch(/127\.0\.0\.1/);
    }
    expect((await coordinator.get(`/api/cases/${caseId}/audit?action=lezen`)).status).toBe(400);
    const paged = await coordinator.get(`/api/cases/${caseId}/audit?limit=2`);
    expect(paged.json.entries).toHaveLength(2);
    const next = await coordinator.get(`/api/cases/${caseId}/audit?limit=2&before=${paged.json.nextBefore}`);
    expect(next.json.entries[0].id).toBeLessThan(paged.json.entries[1].id);
  });

  it("names the case by reference and everyone in the trail, also who is no longer a member", async () => {
    // Tom Visser was added, looked at the case and was removed again (see "members").
    expect(
      (await (await server.loginAs("voorzitter")).get(`/api/cases/${caseId}`)).json.members,
    ).not.toContainEqual(expect.objectContaining({ userId: id("buitenstaander") }));
    for (const reader of ["coordinator", "admin"]) {
      const res = await (await server.loginAs(reader)).get(`/api/cases/${caseId}/audit?limit=1`);
      expect(res.json.case).toEqual({ reference: demoCaseReference });
      const names = res.json.people.map((p: { name: string }) => p.name);
      expect(names).toContain("Tom Visser");
      expect(names).toContain("Karin Mulder");
      expect(res.json.entries).toHaveLength(1);
    }
  });

  it("exports who saw the file as CSV and JSON, and logs the export", async () => {
    const coordinator = await server.loginAs("coordinator");
    const csv = await coordinator.get(`/api/cases/${caseId}/audit/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="logboek-.*\.csv"/);
    // For Excel in Dutch, in the Logboek's words (tests/server/audit-logboek.test.ts has the details).
    const [header, ...lines] = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "Nr;Wanneer;Wie;Rol;Organisatie;Handeling;Onderwerp;Kenmerk onderwerp;Reden;Uitkomst;Noodtoegang;Adres",
    );
    expect(lines.some((l) => l.includes(";Karin Mulder;") && l.includes(";Ingezien;"))).toBe(true);
    const json = await coordinator.get(`/api/cases/${caseId}/audit/export?format=json`);
    expect(json.json.caseId).toBe(caseId);
    expect(json.json.entries.length).toBeGreaterThanOrEqual(lines.length);
    const exports = await coordinator.get(`/api/cases/${caseId}/audit?action=export`);
    expect(exports.json.entries.length).toBeGreaterThanOrEqual(2);
    expect((await coordinator.get(`/api/cases/${caseId}/audit/export?format=pdf`)).status).toBe(400);
    const chair = await server.loginAs("voorzitter");
    expect((await chair.get(`/api/cases/${caseId}/audit/export`)).status).toBe(403);
  });

  it("detects a tampered row in the hash chain", async () => {
    const admin = await server.loginAs("admin");
    const intact = await admin.get("/api/admin/audit/verify");
    expect(intact.json.ok).toBe(true);
    expect(intact.json.count).toBeGreaterThan(10);
    const db = server.deps.database.db;
    // The table refuses UPDATE; a superuser could switch the trigger off, as this test does.
    await expect(db.execute(sql`update audit_log set outcome = 'success' where id = 3`)).rejects.toThrow();
    const [target] = await db.select().from(auditLog).where(eq(auditLog.action, "refused")).limit(1);
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db.execute(sql`update audit_log set outcome = 'success' where id = ${target.id}`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const broken = await admin.get("/api/admin/audit/verify");
    expect(broken.json).toMatchObject({ ok: false, brokenAtId: target.id });
    expect((await (await server.loginAs("coordinator")).get("/api/admin/audit/verify")).status).toBe(403);
  });
});

describe("administration", () => {
  it("disables an account: its sessions end and its connections are told to close", async () => {
    const admin = await server.loginAs("admin");
    const victim = await server.loginAs("wijkteam");
    changes.length = 0;
    expect((await admin.post(`/api/admin/users/${id("wijkteam")}/disable`)).status).toBe(200);
    expect(changes).toEqual([{ userId: id("wijkteam") }]);
    expect((await victim.get("/api/me")).status).toBe(401);
    const login = await server
      .client()
      .post("/api/auth/login", { email: "wijkteam@demo.eenplan.nl", password: "demo-wachtwoord-2026" });
    expect(login.status).toBe(401);
    expect((await admin.post(`/api/admin/users/${id("admin")}/disable`)).status).toBe(409);
    expect((await admin.post("/api/admin/users/00000000-0000-4000-8000-000000000000/disable")).status).toBe(
      404,
    );
    expect((await admin.post(`/api/admin/users/${id("wijkteam")}/enable`)).status).toBe(200);
    expect((await server.loginAs("wijkteam")).cookie).toBeTruthy();
  });

  it("changes an account's name, organisation and global role; a new role means signing in again", async () => {
    const admin = await server.loginAs("admin");
    const orgs = (await admin.get("/api/admin/organisations")).json.organisations as {
      id: string;
      name: string;
    }[];
    const target = orgs.find((o) => o.name.includes("Veilig Thuis")) ?? orgs[0];
    const politie = await server.loginAs("politie");
    changes.length = 0;
    const renamed = await admin.patch(`/api/admin/users/${id("politie")}`, {
      name: "Sanne de Vries-Bakker",
      organisationId: target.id,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.user).toMatchObject({ name: "Sanne de Vries-Bakker", organisationId: target.id });
    // Name and organisation: the session stays, nothing is closed.
    expect((await politie.get("/api/me")).json).toMatchObject({ name: "Sanne de Vries-Bakker" });
    expect(changes).toEqual([]);

    const promoted = await admin.patch(`/api/admin/users/${id("politie")}`, { globalRole: "coordinator" });
    expect(promoted.json.user.globalRole).toBe("coordinator");
    expect(changes).toEqual([{ userId: id("politie") }]);
    expect((await politie.get("/api/me")).status).toBe(401);
    const again = await server.loginAs("politie");
    expect((await again.get("/api/me")).json.globalRole).toBe("coordinator");

    const [entry] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, "user"), eq(auditLog.objectId, id("politie"))))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry.details).toEqual({
      changed: "globalRole",
      globalRoleFrom: "none",
      globalRoleTo: "coordinator",
    });
    expect(JSON.stringify(await server.deps.database.db.select().from(auditLog))).not.toContain("Bakker");

    // Refusals: own role, unknown organisation, nothing to change, not an admin, not in the region.
    expect((await admin.patch(`/api/admin/users/${id("admin")}`, { globalRole: "none" })).status).toBe(409);
    const unknownOrg = await admin.patch(`/api/admin/users/${id("politie")}`, {
      organisationId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.json.error.details[0].path).toBe("organisationId");
    expect((await admin.patch(`/api/admin/users/${id("politie")}`, {})).status).toBe(400);
    expect((await again.patch(`/api/admin/users/${id("politie")}`, { globalRole: "admin" })).status).toBe(
      403,
    );
    expect(
      (await admin.patch("/api/admin/users/00000000-0000-4000-8000-000000000000", { name: "X" })).status,
    ).toBe(404);

    await admin.patch(`/api/admin/users/${id("politie")}`, { globalRole: "none", name: "Sanne de Vries" });
  });

  it("creates organisations and accounts, and refuses bad input", async () => {
    const admin = await server.loginAs("admin");
    const org = await admin.post("/api/admin/organisations", {
      name: "Reclassering Zwolle",
      kind: "reclassering",
    });
    expect(org.status).toBe(201);
    expect(
      (await admin.get("/api/admin/organisations")).json.organisations.map((o: { name: string }) => o.name),
    ).toContain("Reclassering Zwolle");
    expect((await admin.post("/api/admin/organisations", { name: "X", kind: "circus" })).status).toBe(400);
    const user = await admin.post("/api/admin/users", {
      name: "Rik",
      email: "rik@example.nl",
      organisationId: org.json.id,
    });
    expect(user.status).toBe(201);
    expect(user.json.startPassword.length).toBeGreaterThanOrEqual(12);
    expect((await admin.post("/api/admin/users", { name: "Rik", email: "rik@example.nl" })).status).toBe(409);
    // Two admins adding the same person at the same moment: one account, one clear 409, never a 500.
    const [a, b] = await Promise.all([
      admin.post("/api/admin/users", { name: "Sara", email: "sara@example.nl" }),
      (await server.loginAs("admin")).post("/api/admin/users", { name: "Sara", email: "sara@example.nl" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const created = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectType, "user"));
    const saraId = (a.status === 201 ? a : b).json.user.id;
    expect(created.filter((r) => r.objectId === saraId && r.action === "create")).toHaveLength(1);
  });
});
