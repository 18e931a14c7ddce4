import { and, asc, eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { fixedClock } from "../../server/clock";
import { logNotifier, type Notification, sendDueReminders } from "../../server/notify";
import { startTestServer, type TestServer } from "../helpers/server";
import { demoCaseId, demoUser } from "./fixture";

const clock = fixedClock("2026-06-10T08:00:00Z");
let server: TestServer;
let caseId: string;
let lateActionId: string;
const sent: Notification[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock });
  // A region plugs in its own notifier; this one records what would be sent.
  server.deps.notifier = { notify: async (n) => void sent.push(n) };
  caseId = await demoCaseId(server.deps.database.db);
  const coordinator = await server.loginAs("coordinator");
  lateActionId = (await coordinator.get("/api/actions?overdue=true")).json.actions[0].id;
});
afterAll(async () => {
  await server?.stop();
});

describe("escalations", () => {
  it("escalates an action one level at a time up to bestuurlijk overleg, then refuses", async () => {
    const coordinator = await server.loginAs("coordinator");
    // Raised by a professional, the late action, the case director's own, goes up to the
    // coordinator, not to its owner.
    const politie = await server.loginAs("politie");
    const detail = await politie.get(`/api/actions/${lateActionId}`);
    expect(detail.json.nextEscalationLevel).toBe("coordinator");
    const first = await politie.post("/api/escalations", {
      caseId,
      actionId: lateActionId,
      reason: "Twee weken geen reactie op de aanmelding.",
    });
    expect(first.status).toBe(201);
    expect(first.json.escalation).toMatchObject({
      level: "coordinator",
      open: true,
      action: { id: lateActionId },
    });

    // The owner hears about it: ids only, to the owner.
    const wijkteam = await demoUser(server.deps.database.db, "wijkteam");
    expect(sent.at(-1)).toEqual({
      kind: "escalation_raised",
      escalationId: first.json.escalation.id,
      caseId,
      actionId: lateActionId,
      level: "coordinator",
      recipientUserIds: [wijkteam.id],
    });

    const levels = [];
    for (const reason of ["Management moet kiezen.", "Bestuurlijk knelpunt."]) {
      clock.advance(60_000);
      const res = await coordinator.post("/api/escalations", { caseId, actionId: lateActionId, reason });
      expect(res.status).toBe(201);
      levels.push(res.json.escalation.level);
    }
    expect(levels).toEqual(["management", "bestuurlijk_overleg"]);
    const top = await coordinator.post("/api/escalations", {
      caseId,
      actionId: lateActionId,
      reason: "Nog hoger?",
    });
    expect(top.status).toBe(409);

    // One open escalation per action; the earlier levels are closed with the step up as outcome.
    const open = await coordinator.get(`/api/escalations?actionId=${lateActionId}`);
    expect(open.json.escalations.map((e: { level: string }) => e.level)).toEqual(["bestuurlijk_overleg"]);
    const all = await coordinator.get(`/api/escalations?actionId=${lateActionId}&status=all`);
    expect(all.json.escalations).toHaveLength(3);
    expect(all.json.escalations.filter((e: { open: boolean }) => !e.open)).toHaveLength(2);
    expect(all.json.escalations.map((e: { outcome: string | null }) => e.outcome)).toEqual([
      null,
      "Opgeschaald naar bestuurlijk overleg.",
      "Opgeschaald naar management.",
    ]);

    // The overview and the owner's reminders show the current level.
    const overview = await coordinator.get("/api/actions?overdue=true");
    expect(overview.json.actions[0].escalation.level).toBe("bestuurlijk_overleg");
    const owner = await server.loginAs("wijkteam");
    const reminders = await owner.get("/api/reminders");
    expect(reminders.json.actions.find((a: { id: string }) => a.id === lateActionId).escalation.level).toBe(
      "bestuurlijk_overleg",
    );

    // Every escalation is in the audit log, without the reason text.
    const audited = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, "escalation"), eq(auditLog.action, "create")));
    expect(audited).toHaveLength(3);
    expect(JSON.stringify(audited)).not.toContain("Bestuurlijk knelpunt");
  });

  it("escalates a case on its own ladder and resolves it with an outcome", async () => {
    const expert = await server.loginAs("ervaringsdeskundige");
    const raised = await expert.post("/api/escalations", {
      caseId,
      reason: "Moeder voelt zich niet gehoord.",
    });
    expect(raised.status).toBe(201);
    expect(raised.json.escalation).toMatchObject({ level: "caseDirector", action: null });
    const id = raised.json.escalation.id;

    const politie = await server.loginAs("politie");
    const refused = await politie.post(`/api/escalations/${id}/resolve`, { outcome: "Opgelost." });
    expect(refused.status).toBe(403);

    const director = await server.loginAs("wijkteam");
    expect((await director.post(`/api/escalations/${id}/resolve`, {})).status).toBe(400);
    const resolved = await director.post(`/api/escalations/${id}/resolve`, {
      outcome: "Extra gesprek met moeder ingepland.",
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json.escalation).toMatchObject({
      open: false,
      outcome: "Extra gesprek met moeder ingepland.",
      resolvedBy: { name: "Joris Smit" },
    });
    // Who raised it hears the outcome is there (ids only).
    const expertUser = await demoUser(server.deps.database.db, "ervaringsdeskundige");
    expect(sent.at(-1)).toEqual({
      kind: "escalation_resolved",
      escalationId: id,
      caseId,
      recipientUserIds: [expertUser.id],
    });
    expect((await director.post(`/api/escalations/${id}/resolve`, { outcome: "Nog eens." })).status).toBe(
      409,
    );
    const open = await director.get(`/api/escalations?caseId=${caseId}`);
    expect(open.json.escalations.map((e: { id: string }) => e.id)).not.toContain(id);
    // A new escalation of the case starts again at the first level, which is not the case
    // director when they raise it themselves.
    const again = await expert.post("/api/escalations", { caseId, reason: "Nieuwe zorgen." });
    expect(again.json.escalation.level).toBe("caseDirector");
    const byDirector = await director.post(`/api/escalations/${again.json.escalation.id}/resolve`, {
      outcome: "Besproken.",
    });
    expect(byDirector.status).toBe(200);
    const own = await director.post("/api/escalations", { caseId, reason: "Ik kom er zelf niet uit." });
    expect(own.json.escalation.level).toBe("coordinator");
    // The coordinator raised and resolves this one: nobody needs telling.
    const coordinator = await server.loginAs("coordinator");
    const theirs = await coordinator.post("/api/escalations", { caseId, reason: "Loopt vast bij de GGZ." });
    expect(theirs.status).toBe(201);
    const heard = sent.length;
    const closed = await coordinator.post(`/api/escalations/${theirs.json.escalation.id}/resolve`, {
      outcome: "Opgelost in het regio-overleg.",
    });
    expect(closed.status).toBe(200);
    expect(sent.slice(heard)).toEqual([]);
  });

  it("escalates someone else's action to the case director first", async () => {
    // Raised by the chair: the coordinator's own would start above her, at management.
    const chair = await server.loginAs("voorzitter");
    const all = (await chair.get(`/api/actions?caseId=${caseId}`)).json.actions;
    const politie = await demoUser(server.deps.database.db, "politie");
    const theirs = all.find((a: { owner: { id: string } }) => a.owner.id === politie.id);
    expect((await chair.get(`/api/actions/${theirs.id}`)).json.nextEscalationLevel).toBe("caseDirector");
    const raised = await chair.post("/api/escalations", {
      caseId,
      actionId: theirs.id,
      reason: "Het alarm is er nog niet.",
    });
    expect(raised.json.escalation.level).toBe("caseDirector");
  });

  it("refuses bad input with 400, strangers with 404 and no session with 401", async () => {
    const coordinator = await server.loginAs("coordinator");
    expect((await coordinator.post("/api/escalations", { caseId, reason: "" })).status).toBe(400);
    expect((await coordinator.post("/api/escalations", { caseId: "x", reason: "Reden" })).status).toBe(400);
    expect((await coordinator.post("/api/escalations", "{niet-json")).status).toBe(400);
    const wrongAction = await coordinator.post("/api/escalations", {
      caseId,
      actionId: "00000000-0000-4000-8000-000000000000",
      reason: "Reden genoeg",
    });
    expect(wrongAction.status).toBe(404);
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.post("/api/escalations", { caseId, reason: "Mag ik dit?" })).status).toBe(404);
    expect((await outsider.get("/api/escalations")).json.escalations).toEqual([]);
    expect((await server.client().get("/api/escalations")).status).toBe(401);
    // Without a session nothing is looked at first: not the body, not whether an escalation exists.
    const anonymous = server.client();
    expect((await anonymous.post("/api/escalations", { caseId: "x" })).status).toBe(401);
    expect(
      (
        await anonymous.post("/api/escalations/00000000-0000-4000-8000-000000000000/resolve", {
          outcome: "x",
        })
      ).status,
    ).toBe(401);
  });
});

describe("due reminders through the notifier", () => {
  it("sends each owner the ids of their actions due within three days or late, nothing else", async () => {
    sent.length = 0;
    expect(await sendDueReminders(server.deps, clock.now())).toBe(1);
    const wijkteam = await demoUser(server.deps.database.db, "wijkteam");
    expect(sent).toEqual([{ kind: "actions_due", userId: wijkteam.id, actionIds: [lateActionId] }]);
  });

  it("logs only ids with the default notifier", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
    await logNotifier(logger).notify({ kind: "actions_due", userId: "u-1", actionIds: ["a-1", "a-2"] });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).notification).toEqual({
      kind: "actions_due",
      userId: "u-1",
      actionIds: ["a-1", "a-2"],
    });
  });
});

describe("phases", () => {
  it("lets the case director move the case with a reason and keeps the history; an incident goes back to veiligheid", async () => {
    const director = await server.loginAs("wijkteam");
    const moved = await director.post(`/api/cases/${caseId}/phase`, {
      phase: "risicogestuurde_zorg",
      reason: "Acht weken geen incidenten.",
    });
    expect(moved.status).toBe(201);
    expect((await director.get(`/api/cases/${caseId}`)).json.phase).toBe("risicogestuurde_zorg");
    expect(
      (
        await director.post(`/api/cases/${caseId}/phase`, {
          phase: "risicogestuurde_zorg",
          reason: "Nog eens",
        })
      ).status,
    ).toBe(409);

    clock.advance(60_000);
    const incident = await director.post(`/api/cases/${caseId}/phase`, {
      incident: true,
      reason: "Nieuwe politiemelding.",
    });
    expect(incident.status).toBe(201);
    expect(incident.json.phase).toBe("veiligheid");

    const history = await director.get(`/api/cases/${caseId}/phases`);
    expect(history.json.phase).toBe("veiligheid");
    expect(
      history.json.history.map((h: { from: string | null; to: string; incident: boolean }) => [
        h.from,
        h.to,
        h.incident,
      ]),
    ).toEqual([
      [null, "veiligheid", false],
      ["veiligheid", "risicogestuurde_zorg", false],
      ["risicogestuurde_zorg", "veiligheid", true],
    ]);
    expect(history.json.history[2]).toMatchObject({
      reason: "Nieuwe politiemelding.",
      by: { name: "Joris Smit" },
    });
    const audited = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, "case_phase"), eq(auditLog.action, "update")))
      .orderBy(asc(auditLog.id));
    expect(audited.map((a) => a.details)).toEqual([
      { from: "veiligheid", to: "risicogestuurde_zorg", incident: false },
      { from: "risicogestuurde_zorg", to: "veiligheid", incident: true },
    ]);
  });

  it("allows only the case director; bad input is a 400", async () => {
    for (const key of ["coordinator", "voorzitter", "politie", "ervaringsdeskundige"]) {
      const client = await server.loginAs(key);
      const res = await client.post(`/api/cases/${caseId}/phase`, {
        phase: "afgeschaald",
        reason: "Mag dit?",
      });
      expect(res.status, key).toBe(403);
    }
    const outsider = await server.loginAs("buitenstaander");
    expect(
      (await outsider.post(`/api/cases/${caseId}/phase`, { phase: "gesloten", reason: "Weg" })).status,
    ).toBe(404);
    expect((await outsider.get(`/api/cases/${caseId}/phases`)).status).toBe(404);
    const director = await server.loginAs("wijkteam");
    expect(
      (await director.post(`/api/cases/${caseId}/phase`, { phase: "klaar", reason: "Reden" })).status,
    ).toBe(400);
    expect((await director.post(`/api/cases/${caseId}/phase`, { phase: "gesloten" })).status).toBe(400);
    expect(
      (
        await director.post(`/api/cases/${caseId}/phase`, {
          incident: true,
          phase: "gesloten",
          reason: "Incident",
        })
      ).status,
    ).toBe(400);
    expect(
      (await server.client().post(`/api/cases/${caseId}/phase`, { phase: "gesloten", reason: "x" })).status,
    ).toBe(401);
  });
});
