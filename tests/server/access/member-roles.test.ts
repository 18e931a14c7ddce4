/**
 * Changing a member's role: the regie handed over ("1 gezin, 1 plan, 1 regisseur"), the rules
 * around the one case director, and what open plan sections and conference sockets do with it.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseMembers, sectionAccess } from "../../../db/schema";
import { closeCodes } from "../../../shared/close-codes";
import { demoCaseId, demoUserIds } from "../../followup/fixture";
import { accountWithoutOrganisation } from "../../helpers/accounts";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectAs, emitAck } from "../../helpers/socket";
import {
  appendParagraph,
  openSection,
  providerCloseCode,
  roundTrip,
  type SectionClient,
  waitForSync,
  waitForText,
  withTimeout,
} from "../../helpers/yjs";

let server: TestServer;
let caseId: string;
let id: (key: string) => string;
const open: SectionClient[] = [];
const sockets: ConferenceSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
  const db = server.deps.database.db;
  caseId = await demoCaseId(server.deps.database.db);
  id = await demoUserIds(db);
});
afterAll(async () => {
  for (const c of open) c.destroy();
  for (const s of sockets) s.close();
  await server?.stop();
});

const membersPath = (key: string) => `/api/cases/${caseId}/members/${id(key)}`;
const roleOf = async (key: string) => {
  const [row] = await server.deps.database.db
    .select({ role: caseMembers.role })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, id(key))));
  return row?.role;
};
/** Records the close codes of a client's connections from now on. */
const closesOf = (client: SectionClient) => {
  const codes: number[] = [];
  client.provider.on("connection-close", (event: CloseEvent | null) => codes.push(event?.code ?? 0));
  return codes;
};
const section = async (key: string, sectionKey: string) => {
  const client = await server.loginAs(key);
  const c = await openSection(server.url, client.cookie, `case:${caseId}:${sectionKey}`);
  open.push(c);
  return c;
};

describe("changing a member's role", () => {
  it("is for the chair and the coordinator, answers 401, 403, 404 and 400 otherwise", async () => {
    const anonymous = server.client();
    expect((await anonymous.patch(membersPath("politie"), { role: "observer" })).status).toBe(401);
    const politie = await server.loginAs("politie");
    expect((await politie.patch(membersPath("veiligthuis"), { role: "observer" })).status).toBe(403);
    const chair = await server.loginAs("voorzitter");
    const outsider = await chair.patch(membersPath("buitenstaander"), { role: "observer" });
    expect(outsider.status).toBe(404);
    const bad = await chair.patch(membersPath("politie"), { role: "koning" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(["role"]);
    expect(await roleOf("politie")).toBe("professional");
  });

  it("hands the regie over: the new case director in, the old one stays as professional, both audited", async () => {
    const coordinator = await server.loginAs("coordinator");
    const res = await coordinator.patch(membersPath("veiligthuis"), { role: "caseDirector" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      userId: id("veiligthuis"),
      role: "caseDirector",
      previousCaseDirector: { userId: id("wijkteam"), role: "professional" },
    });
    const detail = await coordinator.get(`/api/cases/${caseId}`);
    const roles = Object.fromEntries(
      detail.json.members.map((m: { userId: string; role: string }) => [m.userId, m.role]),
    );
    expect(roles[id("veiligthuis")]).toBe("caseDirector");
    expect(roles[id("wijkteam")]).toBe("professional");
    expect(Object.values(roles).filter((r) => r === "caseDirector")).toHaveLength(1);

    const entries = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, "case_member"), eq(auditLog.action, "update")))
      .orderBy(desc(auditLog.id))
      .limit(2);
    expect(entries.map((e) => [e.objectId, e.details])).toEqual([
      [id("veiligthuis"), { from: "professional", to: "caseDirector" }],
      [id("wijkteam"), { from: "caseDirector", to: "professional" }],
    ]);
    expect(entries.every((e) => e.userId === id("coordinator") && e.caseId === caseId)).toBe(true);

    // And back, so the other tests meet the demo case as the contract describes it.
    const back = await coordinator.patch(membersPath("wijkteam"), { role: "caseDirector" });
    expect(back.json.previousCaseDirector).toEqual({ userId: id("veiligthuis"), role: "professional" });
  });

  it("keeps one case director: not demoted, removed or doubled except by a handover", async () => {
    const chair = await server.loginAs("voorzitter");
    const demote = await chair.patch(membersPath("wijkteam"), { role: "professional" });
    expect(demote.status).toBe(409);
    expect(demote.json.error.message).toMatch(/casusregisseur/i);
    expect((await chair.delete(membersPath("wijkteam"))).status).toBe(409);
    expect(await roleOf("wijkteam")).toBe("caseDirector");

    const second = await chair.post(`/api/cases/${caseId}/members`, {
      userId: id("buitenstaander"),
      role: "caseDirector",
    });
    expect(second.status).toBe(409);
    expect(await roleOf("buitenstaander")).toBeUndefined();
    // The database holds the rule too, whatever writes to it.
    await expect(
      server.deps.database.db
        .insert(caseMembers)
        .values({ caseId, userId: id("buitenstaander"), role: "caseDirector", addedAt: new Date() }),
    ).rejects.toThrow();
    // Nor can an invitation bring one in.
    const coordinator = await server.loginAs("coordinator");
    const invite = await coordinator.post(`/api/cases/${caseId}/invitations`, {
      name: "Nieuwe regisseur",
      email: "regie@example.org",
      role: "caseDirector",
    });
    expect(invite.status).toBe(400);
    // The same role again changes nothing and writes nothing.
    const memberEntries = async () =>
      (
        await server.deps.database.db
          .select({ id: auditLog.id })
          .from(auditLog)
          .where(eq(auditLog.objectType, "case_member"))
      ).length;
    const before = await memberEntries();
    const same = await chair.patch(membersPath("politie"), { role: "professional" });
    expect(same.json).toMatchObject({ role: "professional", previousCaseDirector: null });
    expect(await memberEntries()).toBe(before);
  });
});

describe("the chair", () => {
  it("cannot leave the case without one: the last chair is not demoted or removed", async () => {
    const chair = await server.loginAs("voorzitter");
    const demote = await chair.patch(membersPath("voorzitter"), { role: "professional" });
    expect(demote.status).toBe(409);
    expect(demote.json.error.message).toBe(
      "Een casus houdt een voorzitter: maak eerst een ander lid voorzitter.",
    );
    const coordinator = await server.loginAs("coordinator");
    expect((await coordinator.delete(membersPath("voorzitter"))).status).toBe(409);
    expect(await roleOf("voorzitter")).toBe("chair");

    // With a second chair, the first may step down.
    expect((await coordinator.patch(membersPath("veiligthuis"), { role: "chair" })).status).toBe(200);
    expect((await coordinator.patch(membersPath("voorzitter"), { role: "professional" })).status).toBe(200);
    expect((await coordinator.patch(membersPath("veiligthuis"), { role: "professional" })).status).toBe(409);
    expect((await coordinator.patch(membersPath("voorzitter"), { role: "chair" })).status).toBe(200);
    expect((await coordinator.patch(membersPath("veiligthuis"), { role: "professional" })).status).toBe(200);
  });
});

describe("two handovers at the same moment", () => {
  it("leave exactly one case director, and the one that lost is told so (409), never a 500", async () => {
    const [chair, coordinator] = await Promise.all([
      server.loginAs("voorzitter"),
      server.loginAs("coordinator"),
    ]);
    // A few rounds: on PostgreSQL the two transactions overlap in most of them.
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all([
        chair.patch(membersPath("veiligthuis"), { role: "caseDirector" }),
        coordinator.patch(membersPath("politie"), { role: "caseDirector" }),
      ]);
      for (const a of answers) expect([200, 409]).toContain(a.status);
      const directors = await server.deps.database.db
        .select({ userId: caseMembers.userId })
        .from(caseMembers)
        .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.role, "caseDirector")));
      expect(directors).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200).map((a) => a.json.userId)).toContain(
        directors[0].userId,
      );

      const back = await chair.patch(membersPath("wijkteam"), { role: "caseDirector" });
      expect(back.status).toBe(200);
      for (const key of ["veiligthuis", "politie"]) expect(await roleOf(key)).toBe("professional");
    }
  });
});

describe("what a role change does to open plan sections", () => {
  it("lets an observer who becomes a professional write in the section already open, after a reconnect", async () => {
    const household = await section("coordinator", "household");
    const watcher = await section("voorzitter", "household");
    // As an observer the edit is refused: it never reaches anyone.
    appendParagraph(household.doc, "Door de toehoorder getypt");
    await roundTrip(household);
    await roundTrip(watcher);
    expect(watcher.text()).not.toContain("Door de toehoorder getypt");

    const closed = providerCloseCode(household);
    const chair = await server.loginAs("voorzitter");
    expect((await chair.patch(membersPath("coordinator"), { role: "professional" })).status).toBe(200);
    expect(await closed).toBe(closeCodes.rightsChanged);
    await waitForSync(household);
    appendParagraph(household.doc, "Nu als professional");
    await waitForText(watcher, ["Nu als professional"]);
    // The chair's own connection was not touched.
    expect(watcher.provider.wsconnected).toBe(true);

    expect((await chair.patch(membersPath("coordinator"), { role: "observer" })).status).toBe(200);
  });

  it("closes for good what an ervaringsdeskundige may not read, and leaves the rest open", async () => {
    // A professional without an organisation account (an organisation's account is never made an
    // ervaringsdeskundige), reading the confidential section too.
    const chair = await server.loginAs("voorzitter");
    const lotte = await accountWithoutOrganisation(server.deps.database.db, "lotte", "Lotte Vos");
    const lottePath = `/api/cases/${caseId}/members/${lotte}`;
    expect(
      (await chair.post(`/api/cases/${caseId}/members`, { userId: lotte, role: "professional" })).status,
    ).toBe(201);
    const readersPath = `/api/cases/${caseId}/sections/confidential/readers`;
    const before = (await chair.get(readersPath)).json.userIds as string[];
    expect((await chair.request("PUT", readersPath, { userIds: [...before, lotte] })).status).toBe(200);

    const confidential = await section("lotte", "confidential");
    const risk = await section("lotte", "risk");
    const household = await section("lotte", "household");
    const householdCloses = closesOf(household);
    const closedConfidential = providerCloseCode(confidential);
    const closedRisk = providerCloseCode(risk);

    expect((await chair.patch(lottePath, { role: "expertByExperience" })).status).toBe(200);
    expect(await closedConfidential).toBe(closeCodes.accessRevoked);
    expect(await closedRisk).toBe(closeCodes.accessRevoked);
    // Household: read and edit as before, so the connection stays (the same check closed the others).
    await roundTrip(household);
    expect(householdCloses).toEqual([]);
    // Off the confidential list too, not only hidden by the policy.
    const readers = await server.deps.database.db
      .select({ userId: sectionAccess.userId })
      .from(sectionAccess)
      .where(eq(sectionAccess.caseId, caseId));
    expect(readers.map((r) => r.userId)).not.toContain(lotte);
    expect(readers.map((r) => r.userId).sort()).toEqual([...before].sort());

    // Off the case again, for the tests after this one.
    expect((await chair.delete(lottePath)).status).toBe(200);
  });

  it("taking someone off the confidential readers closes that section only", async () => {
    const confidential = await section("veiligthuis", "confidential");
    const concerns = await section("veiligthuis", "concerns");
    const concernsCloses = closesOf(concerns);
    const closed = providerCloseCode(confidential);
    const chair = await server.loginAs("voorzitter");
    const put = await chair.request("PUT", `/api/cases/${caseId}/sections/confidential/readers`, {
      userIds: [id("politie")],
    });
    expect(put.status).toBe(200);
    expect(await closed).toBe(closeCodes.accessRevoked);
    await roundTrip(concerns);
    expect(concernsCloses).toEqual([]);
    await chair.request("PUT", `/api/cases/${caseId}/sections/confidential/readers`, {
      userIds: [id("politie"), id("veiligthuis")],
    });
  });
});

describe("what open conference screens hear", () => {
  it("tells the case's members that the case changed, keeps the changed person's socket, tells nobody else", async () => {
    const [changed, other, outsider] = await Promise.all([
      connectAs(server, "ervaringsdeskundige"),
      connectAs(server, "wijkteam"),
      connectAs(server, "buitenstaander"),
    ]);
    sockets.push(changed, other, outsider);
    const heard = (s: ConferenceSocket) =>
      withTimeout(
        new Promise<{ caseId: string }>((resolve) => s.once("case:changed", resolve)),
        5000,
        "case:changed",
      );
    const outsiderHeard: unknown[] = [];
    outsider.on("case:changed", (e) => outsiderHeard.push(e));
    const both = Promise.all([heard(changed), heard(other)]);
    const chair = await server.loginAs("voorzitter");
    expect((await chair.patch(membersPath("ervaringsdeskundige"), { role: "observer" })).status).toBe(200);
    expect(await both).toEqual([{ caseId }, { caseId }]);
    // Still served: an intent after the change is answered (a dropped socket would not answer).
    const conferenceId = "00000000-0000-4000-8000-000000000000";
    expect(await emitAck(changed, "conference:leave", { conferenceId })).toMatchObject({ ok: true });
    expect(changed.connected).toBe(true);
    expect(outsiderHeard).toEqual([]);

    // A removed member hears it too (their socket stays; only the case's conferences close to them).
    const added = await chair.post(`/api/cases/${caseId}/members`, {
      userId: id("buitenstaander"),
      role: "observer",
    });
    expect(added.status).toBe(201);
    const removedHears = heard(outsider);
    expect((await chair.delete(membersPath("buitenstaander"))).status).toBe(200);
    expect(await removedHears).toEqual({ caseId });

    await chair.patch(membersPath("ervaringsdeskundige"), { role: "expertByExperience" });
  });
});

describe("an ervaringsdeskundige stays one", () => {
  /** A new case registered by the coordinator, with the chair as its chair. */
  const newCase = async (reference: string) => {
    const coordinator = await server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference,
      title: "Huishouden Test",
      categories: [],
    });
    expect(created.status).toBe(201);
    return { coordinator, caseId: created.json.id as string };
  };

  it("is offered and given no other role on another case: police and justice information stays out of reach", async () => {
    const { coordinator, caseId: other } = await newCase("MDA-ED-1");
    const candidates = (await coordinator.get(`/api/cases/${other}/candidates`)).json.users as {
      id: string;
      expertByExperience: boolean;
    }[];
    expect(candidates.find((u) => u.id === id("ervaringsdeskundige"))?.expertByExperience).toBe(true);
    expect(candidates.find((u) => u.id === id("politie"))?.expertByExperience).toBe(false);

    // The demo's ervaringsdeskundige, chosen with the form's first role or another.
    for (const role of ["professional", "observer", "chair"]) {
      const refused = await coordinator.post(`/api/cases/${other}/members`, {
        userId: id("ervaringsdeskundige"),
        role,
      });
      expect(refused.status).toBe(409);
      expect(refused.json.error.message).toContain("alleen als ervaringsdeskundige");
    }
    const added = await coordinator.post(`/api/cases/${other}/members`, {
      userId: id("ervaringsdeskundige"),
      role: "expertByExperience",
    });
    expect(added.status).toBe(201);
    // Nor made one later, on this case or on the demo case.
    const path = `/api/cases/${other}/members/${id("ervaringsdeskundige")}`;
    expect((await coordinator.patch(path, { role: "professional" })).status).toBe(409);
    expect((await coordinator.patch(membersPath("ervaringsdeskundige"), { role: "observer" })).status).toBe(
      409,
    );
    expect(await roleOf("ervaringsdeskundige")).toBe("expertByExperience");
  });

  it("holds for someone who came in through an invitation as ervaringsdeskundige, and lets a mistake elsewhere be mended", async () => {
    const { coordinator, caseId: other } = await newCase("MDA-ED-2");
    const invited = await coordinator.post(`/api/cases/${other}/invitations`, {
      name: "Noor Bakker",
      email: "noor.bakker@example.nl",
      role: "expertByExperience",
    });
    const token = (invited.json.path as string).split("/").pop();
    const guest = server.client();
    expect(
      (await guest.post(`/api/invitations/${token}/accept`, { password: "paarse-olifant-fietst" })).status,
    ).toBe(201);
    const noor = (await coordinator.get(`/api/cases/${other}`)).json.members.find(
      (m: { name: string }) => m.name === "Noor Bakker",
    ).userId as string;
    // The only case she is on, but she was invited as one.
    expect(
      (await coordinator.patch(`/api/cases/${other}/members/${noor}`, { role: "professional" })).status,
    ).toBe(409);

    // Someone made ervaringsdeskundige here by mistake, and nowhere else: the role can be put right.
    const sem = await accountWithoutOrganisation(server.deps.database.db, "sem", "Sem de Wit");
    expect(
      (
        await coordinator.post(`/api/cases/${other}/members`, {
          userId: sem,
          role: "expertByExperience",
        })
      ).status,
    ).toBe(201);
    const mended = await coordinator.patch(`/api/cases/${other}/members/${sem}`, {
      role: "professional",
    });
    expect(mended.status).toBe(200);
  });
});
