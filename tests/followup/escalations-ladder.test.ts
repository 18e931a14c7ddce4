/**
 * The escalation ladder as the people on it meet it: an escalation goes to the level above whoever
 * raises it, only the level it went to closes it (the procesregisseur for management and the
 * bestuurlijk overleg, who have no accounts), and a finished action is not escalated any more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { demoCaseId } from "./fixture";

const clock = fixedClock("2026-06-10T08:00:00Z");
let server: TestServer;
let caseId: string;
/** The demo actions by owner: politie's alarm, the casusregisseur's late one, Veilig Thuis's omgang. */
const action = { alarm: "", late: "", omgang: "" };

beforeAll(async () => {
  server = await startTestServer({ clock });
  caseId = await demoCaseId(server.deps.database.db);
  const coordinator = await server.loginAs("coordinator");
  const all: { id: string; title: string }[] = (await coordinator.get(`/api/actions?caseId=${caseId}`)).json
    .actions;
  const byTitle = (start: string) => all.find((a) => a.title.startsWith(start))?.id ?? "";
  action.alarm = byTitle("AWARE-alarm");
  action.late = byTitle("Aanmelding traumabehandeling");
  action.omgang = byTitle("Begeleide omgang");
  expect(Object.values(action).every(Boolean)).toBe(true);
});
afterAll(async () => {
  await server?.stop();
});

type Level = "caseDirector" | "coordinator" | "management" | "bestuurlijk_overleg";
type Listed = {
  id: string;
  level: Level;
  mayResolve: boolean;
  action: { id: string; status: string } | null;
};

async function escalate(who: HttpClient, actionId: string | null, reason = "Het loopt vast.") {
  clock.advance(60_000);
  return who.post("/api/escalations", { caseId, ...(actionId ? { actionId } : {}), reason });
}

/** Closes every open escalation of the demo case, as the procesregisseur, so each test starts clean. */
async function closeAllOpen() {
  const coordinator = await server.loginAs("coordinator");
  for (const e of (await coordinator.get(`/api/escalations?caseId=${caseId}`)).json.escalations as Listed[]) {
    expect(
      (await coordinator.post(`/api/escalations/${e.id}/resolve`, { outcome: "Opgeruimd." })).status,
    ).toBe(200);
  }
}

describe("who an escalation goes to", () => {
  it("goes to the level above whoever raises it: the procesregisseur's to management, at once", async () => {
    await closeAllOpen();
    const coordinator = await server.loginAs("coordinator");
    // What the action page offers her is what she gets.
    expect((await coordinator.get(`/api/actions/${action.omgang}`)).json.nextEscalationLevel).toBe(
      "management",
    );
    const raised = await escalate(coordinator, action.omgang);
    expect(raised.status).toBe(201);
    expect(raised.json.escalation.level).toBe("management");
    // Further goes one level up, and the top says it cannot go higher.
    expect((await coordinator.get(`/api/actions/${action.omgang}`)).json.nextEscalationLevel).toBe(
      "bestuurlijk_overleg",
    );
    expect((await escalate(coordinator, action.omgang)).json.escalation.level).toBe("bestuurlijk_overleg");
    expect((await coordinator.get(`/api/actions/${action.omgang}`)).json.nextEscalationLevel).toBeNull();
    const top = await escalate(coordinator, action.omgang);
    expect(top.status).toBe(409);
    expect(top.json.error.message).toBe("Dit is al op het hoogste niveau (bestuurlijk overleg) geëscaleerd.");

    // A whole case too: the form on /escalaties asks where it would go before she presses.
    expect((await coordinator.get(`/api/escalations/next-level?caseId=${caseId}`)).json).toEqual({
      level: "management",
    });
    expect((await escalate(coordinator, null)).json.escalation.level).toBe("management");
    expect((await coordinator.get(`/api/escalations/next-level?caseId=${caseId}`)).json).toEqual({
      level: "bestuurlijk_overleg",
    });
  });

  it("goes from the casusregisseur to the procesregisseur, and from anyone else to the casusregisseur", async () => {
    await closeAllOpen();
    const director = await server.loginAs("wijkteam");
    expect((await director.get(`/api/escalations/next-level?caseId=${caseId}`)).json.level).toBe(
      "coordinator",
    );
    expect((await escalate(director, null)).json.escalation.level).toBe("coordinator");

    const politie = await server.loginAs("politie");
    expect((await politie.get(`/api/actions/${action.alarm}`)).json.nextEscalationLevel).toBe("caseDirector");
    expect((await escalate(politie, action.alarm)).json.escalation.level).toBe("caseDirector");
    // Escalating further goes one level up; the procesregisseur taking it over goes above herself.
    expect((await escalate(politie, action.alarm)).json.escalation.level).toBe("coordinator");
    expect((await escalate(await server.loginAs("coordinator"), action.alarm)).json.escalation.level).toBe(
      "management",
    );
    // The casusregisseur's own action does not go to him.
    expect((await escalate(politie, action.late)).json.escalation.level).toBe("coordinator");
    // The ervaringsdeskundige may escalate (DOMAIN.md is silent; her rights are as they were).
    const expert = await server.loginAs("ervaringsdeskundige");
    expect((await expert.get(`/api/escalations/next-level?caseId=${caseId}`)).json.level).toBe("management");
    await closeAllOpen();
    expect((await expert.get(`/api/escalations/next-level?caseId=${caseId}`)).json.level).toBe(
      "caseDirector",
    );
  });

  it("answers the next level only to who may escalate: 400, 401, 404 for a stranger", async () => {
    const coordinator = await server.loginAs("coordinator");
    expect((await coordinator.get("/api/escalations/next-level?caseId=x")).status).toBe(400);
    expect((await coordinator.get("/api/escalations/next-level")).status).toBe(400);
    expect((await server.client().get(`/api/escalations/next-level?caseId=${caseId}`)).status).toBe(401);
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.get(`/api/escalations/next-level?caseId=${caseId}`)).status).toBe(404);
  });
});

describe("who closes an escalation", () => {
  it("refuses the casusregisseur an escalation raised over his head, with a Dutch reason, and offers him none", async () => {
    await closeAllOpen();
    const coordinator = await server.loginAs("coordinator");
    // Up to management (in one step now; how many is the ladder's test above).
    let up = await escalate(coordinator, action.omgang, "Omgangshuis heeft geen plek.");
    while (up.json.escalation.level !== "management") {
      up = await escalate(coordinator, action.omgang, "Omgangshuis heeft geen plek.");
    }
    const director = await server.loginAs("wijkteam");
    const listed = (await director.get("/api/escalations")).json.escalations as Listed[];
    expect(listed.find((e) => e.id === up.json.escalation.id)?.mayResolve).toBe(false);
    const refused = await director.post(`/api/escalations/${up.json.escalation.id}/resolve`, {
      outcome: "Ik heb het zelf opgelost.",
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe(
      "Een escalatie boven de casusregisseur sluit alleen de procesregisseur af.",
    );
    const inEnglish = await director.post(
      `/api/escalations/${up.json.escalation.id}/resolve`,
      { outcome: "Ik heb het zelf opgelost." },
      { "Accept-Language": "en" },
    );
    expect(inEnglish.json.error.message).toBe(
      "Only the coordinator can resolve an escalation above the case director.",
    );

    // Nor the procesregisseur-level one about his own late action.
    const own = await escalate(await server.loginAs("politie"), action.late, "Aanmelding ligt stil.");
    expect(own.json.escalation.level).toBe("coordinator");
    expect(
      (await director.post(`/api/escalations/${own.json.escalation.id}/resolve`, { outcome: "Geregeld." }))
        .status,
    ).toBe(403);

    // The procesregisseur records the outcome at every level, and may close it.
    const mine = (await coordinator.get("/api/escalations")).json.escalations as Listed[];
    expect(mine.map((e) => e.mayResolve)).toEqual([true, true]);
    const closed = await coordinator.post(`/api/escalations/${up.json.escalation.id}/resolve`, {
      outcome: "Management regelt een plek bij het omgangshuis.",
    });
    expect(closed.status).toBe(200);
    expect(closed.json.escalation).toMatchObject({ open: false, mayResolve: false });
  });

  it("lets the casusregisseur close one at his own level, but not the chair or a professional", async () => {
    await closeAllOpen();
    const raised = await escalate(await server.loginAs("politie"), action.alarm, "Installateur komt niet.");
    expect(raised.json.escalation.level).toBe("caseDirector");
    const id = raised.json.escalation.id;
    for (const key of ["voorzitter", "politie", "ervaringsdeskundige"]) {
      const who = await server.loginAs(key);
      expect(((await who.get("/api/escalations")).json.escalations as Listed[])[0]).toMatchObject({
        id,
        mayResolve: false,
      });
      const refused = await who.post(`/api/escalations/${id}/resolve`, { outcome: "Opgelost." });
      expect(refused.status, key).toBe(403);
      expect(refused.json.error.message).toBe(
        "Een escalatie naar de casusregisseur sluiten alleen de casusregisseur en de procesregisseur af.",
      );
    }
    const director = await server.loginAs("wijkteam");
    expect(((await director.get("/api/escalations")).json.escalations as Listed[])[0].mayResolve).toBe(true);
    const closed = await director.post(`/api/escalations/${id}/resolve`, { outcome: "Nieuwe installateur." });
    expect(closed.status).toBe(200);
  });
});

describe("a finished action", () => {
  it("shows on its escalation as it is now, and is not escalated further (409, with a Dutch reason)", async () => {
    await closeAllOpen();
    const coordinator = await server.loginAs("coordinator");
    const raised = await escalate(coordinator, action.omgang, "Geen voortgang.");
    const dueDate = (await coordinator.get(`/api/actions/${action.omgang}`)).json.action.dueDate;
    const listed = async () =>
      ((await coordinator.get("/api/escalations")).json.escalations as Listed[]).find(
        (e) => e.id === raised.json.escalation.id,
      );
    expect((await listed())?.action).toMatchObject({ id: action.omgang, status: "open", dueDate });

    const owner = await server.loginAs("veiligthuis");
    expect((await owner.patch(`/api/actions/${action.omgang}`, { status: "done" })).status).toBe(200);
    expect((await listed())?.action).toMatchObject({ status: "done", dueDate });
    const refused = await escalate(coordinator, action.omgang);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe("Dit actiepunt is al gereed: er valt niets meer te escaleren.");

    // Cancelled (by the casusregisseur: an owner may not), the owner cannot escalate it either.
    const director = await server.loginAs("wijkteam");
    expect((await director.patch(`/api/actions/${action.alarm}`, { status: "cancelled" })).status).toBe(200);
    const politie = await server.loginAs("politie");
    const cancelled = await escalate(politie, action.alarm);
    expect(cancelled.status).toBe(409);
    expect(cancelled.json.error.message).toBe("Dit actiepunt is vervallen: er valt niets meer te escaleren.");
    // Its open escalation still wants an outcome.
    expect((await listed())?.mayResolve).toBe(true);
  });
});
