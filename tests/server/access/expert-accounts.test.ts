/**
 * Who may be an ervaringsdeskundige on a case. DOMAIN.md: they have no organisation account (nor a
 * role in the region), and being one is who someone is: whoever holds another role on another case
 * is not made one here, where that other role would still read police and justice information.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseMembers } from "../../../db/schema";
import { demoCaseId, demoUserIds } from "../../followup/fixture";
import { accountWithoutOrganisation } from "../../helpers/accounts";
import { type HttpClient, startTestServer, type TestServer } from "../../helpers/server";

let server: TestServer;
let demoCase: string;
let id: (key: string) => string;
let coordinator: HttpClient;
let newCase: string;
beforeAll(async () => {
  server = await startTestServer();
  const db = server.deps.database.db;
  demoCase = await demoCaseId(db);
  id = await demoUserIds(db);
  coordinator = await server.loginAs("coordinator");
  const created = await coordinator.post("/api/cases", { reference: "MDA-ED-ACC", title: "Huishouden Acc" });
  expect(created.status).toBe(201);
  newCase = created.json.id;
});
afterAll(() => server?.stop());

const english = { "Accept-Language": "en" };
const organisationAccount =
  "Deze persoon heeft een account van een organisatie en kan geen ervaringsdeskundige zijn: een ervaringsdeskundige heeft geen organisatie-account. Nodig een ervaringsdeskundige uit met een link.";
const regionRole =
  "Deze persoon is procesregisseur of beheerder en kan geen ervaringsdeskundige zijn: een ervaringsdeskundige heeft geen rol in de regio.";
const otherRoleElsewhere =
  "Deze persoon heeft op een andere casus een andere rol en kan hier geen ervaringsdeskundige zijn: wie ervaringsdeskundige is, is dat op elke casus.";

const addAsExpert = (caseId: string, userId: string, headers?: Record<string, string>) =>
  coordinator.post(`/api/cases/${caseId}/members`, { userId, role: "expertByExperience" }, headers);
const roleOn = async (caseId: string, userId: string) => {
  const [row] = await server.deps.database.db
    .select({ role: caseMembers.role })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
  return row?.role;
};

describe("the ervaringsdeskundige role", () => {
  it("is not given to an organisation's account when adding a member (409, with the reason in Dutch or English)", async () => {
    const refused = await addAsExpert(newCase, id("politie"));
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "conflict", message: organisationAccount });
    const inEnglish = await addAsExpert(newCase, id("politie"), english);
    expect(inEnglish.status).toBe(409);
    expect(inEnglish.json.error.message).toBe(
      "This person has an organisation's account and cannot be an expert by experience: an expert by experience has no organisation account. Invite an expert by experience with a link.",
    );
    expect(await roleOn(newCase, id("politie"))).toBeUndefined();
    // As a professional she is added as before.
    const added = await coordinator.post(`/api/cases/${newCase}/members`, {
      userId: id("politie"),
      role: "professional",
    });
    expect(added.status).toBe(201);
  });

  it("is not given to the procesregisseur or the administrator, who hold a role in the region", async () => {
    for (const key of ["coordinator", "admin"]) {
      const refused = await addAsExpert(newCase, id(key));
      expect([key, refused.status]).toEqual([key, 409]);
      expect(refused.json.error.message).toBe(regionRole);
      expect(await roleOn(newCase, id(key))).toBeUndefined();
    }
  });

  it("is not given to someone without an organisation who holds another role on another case", async () => {
    const db = server.deps.database.db;
    const lotte = await accountWithoutOrganisation(db, "lotte-elders", "Lotte Vos");
    const chair = await server.loginAs("voorzitter");
    expect(
      (await chair.post(`/api/cases/${demoCase}/members`, { userId: lotte, role: "observer" })).status,
    ).toBe(201);
    const refused = await addAsExpert(newCase, lotte);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe(otherRoleElsewhere);
    // The role she holds on that very case does not count: there it can be changed.
    expect(
      (await chair.patch(`/api/cases/${demoCase}/members/${lotte}`, { role: "expertByExperience" })).status,
    ).toBe(200);
    expect(await roleOn(demoCase, lotte)).toBe("expertByExperience");
    expect((await chair.delete(`/api/cases/${demoCase}/members/${lotte}`)).status).toBe(200);
  });

  it("is given to someone without an organisation account, a role in the region or another role", async () => {
    const sem = await accountWithoutOrganisation(server.deps.database.db, "sem-nieuw", "Sem de Wit");
    const added = await addAsExpert(newCase, sem);
    expect(added.status).toBe(201);
    expect(await roleOn(newCase, sem)).toBe("expertByExperience");
  });

  it("is not given by a role change to a member with an organisation's account or a role in the region", async () => {
    const chair = await server.loginAs("voorzitter");
    const change = (key: string) =>
      chair.patch(`/api/cases/${demoCase}/members/${id(key)}`, { role: "expertByExperience" });
    const karin = await change("politie");
    expect(karin.status).toBe(409);
    expect(karin.json.error.message).toBe(organisationAccount);
    expect(await roleOn(demoCase, id("politie"))).toBe("professional");
    // The procesregisseur is observer on the demo case.
    const ingrid = await change("coordinator");
    expect(ingrid.status).toBe(409);
    expect(ingrid.json.error.message).toBe(regionRole);
    expect(await roleOn(demoCase, id("coordinator"))).toBe("observer");
  });

  it("is offered by the candidates list only to whom the server gives it", async () => {
    const kim = await accountWithoutOrganisation(server.deps.database.db, "kim-kandidaat", "Kim Kandidaat");
    const fresh = await coordinator.post("/api/cases", {
      reference: "MDA-ED-CAND",
      title: "Huishouden Kand",
    });
    const res = await coordinator.get(`/api/cases/${fresh.json.id}/candidates`);
    expect(res.status).toBe(200);
    const offered = new Map(
      (res.json.users as { id: string; mayBeExpertByExperience: boolean }[]).map((u) => [
        u.id,
        u.mayBeExpertByExperience,
      ]),
    );
    expect(offered.get(id("politie"))).toBe(false);
    expect(offered.get(id("coordinator"))).toBe(false);
    expect(offered.get(id("admin"))).toBe(false);
    expect(offered.get(id("ervaringsdeskundige"))).toBe(true);
    expect(offered.get(kim)).toBe(true);
  });
});
