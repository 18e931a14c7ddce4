/**
 * After the meeting, the REST view (decisions, actions, minutes JSON and Markdown) equals what was
 * decided live; runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL. Also: the intimate-terror
 * warning flow, and REST writes following the same rules as the socket.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, conferences } from "../../../db/schema";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck, trackState } from "../../helpers/socket";
import { type DemoConference, demoConference } from "./fixture";

let server: TestServer;
let demo: DemoConference;
let chair: ConferenceSocket;
let director: ConferenceSocket;
let expert: ConferenceSocket;

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
  director = await connectSocket(server.url, demo.clients.wijkteam.cookie);
  expert = await connectSocket(server.url, demo.clients.ervaringsdeskundige.cookie);
});

afterAll(async () => {
  for (const s of [chair, director, expert]) s?.close();
  await server?.stop();
});

const conf = () => ({ conferenceId: demo.conferenceId });

describe("outside a running conference", () => {
  it("refuses actions over REST too, and the minutes do not exist yet", async () => {
    const res = await demo.clients.wijkteam.post(`/api/cases/${demo.caseId}/actions`, {
      title: "Buiten het overleg",
      ownerUserId: demo.ids.politie,
      dueDate: "2030-01-01",
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("not_in_progress");
    const minutes = await demo.clients.voorzitter.get(`/api/conferences/${demo.conferenceId}/minutes`);
    expect(minutes.status).toBe(409);
  });
});

describe("a whole conference, then the REST view", () => {
  it("runs live and the REST view afterwards equals it", async () => {
    const live = trackState(expert);
    for (const s of [chair, director, expert])
      expect((await emitAck(s, "conference:join", conf())).ok).toBe(true);
    expect((await emitAck(chair, "conference:start", conf())).ok).toBe(true);

    // Intimate terror: a warning phrase needs the chair's reason first.
    const text = "Moeder en vader gaan samen naar mediation.";
    const warned = await emitAck(chair, "decision:propose", { ...conf(), text });
    expect(warned).toMatchObject({
      ok: false,
      error: { code: "warning_needs_reason", warnings: [{ ruleId: "mediation", match: "mediation" }] },
    });
    const reason = "Beide ouders vragen het zelf; de veiligheid is geregeld via Veilig Thuis.";
    // Only the chair records why the conference goes on: not the proposer, whoever they are.
    for (const socket of [expert, director]) {
      expect(
        await emitAck(socket, "decision:propose", { ...conf(), text, warningOverride: reason }),
      ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const overridden = await emitAck(chair, "decision:propose", { ...conf(), text, warningOverride: reason });
    expect(overridden).toMatchObject({ ok: true, decision: { warningOverride: reason } });

    const proposed = await emitAck(expert, "decision:propose", {
      ...conf(),
      text: "Oma haalt de kinderen op dinsdag en donderdag.",
    });
    const decisionId = proposed.decision.id;
    await emitAck(director, "decision:position", { decisionId, position: "agree" });
    await emitAck(expert, "decision:position", { decisionId, position: "object", note: "Oma is zelf ziek." });
    await emitAck(chair, "decision:position", { decisionId, position: "abstain" });
    expect((await emitAck(chair, "decision:adopt", { decisionId })).ok).toBe(true);
    await emitAck(chair, "decision:withdraw", { decisionId: overridden.decision.id });

    const warnedAction = await emitAck(director, "action:create", {
      ...conf(),
      title: "Relatietherapie voor beide ouders aanvragen",
      ownerUserId: demo.ids.veiligthuis,
      dueDate: "2030-02-01",
    });
    expect(warnedAction).toMatchObject({ ok: false, error: { code: "warning_needs_reason" } });
    const directorsReason = await emitAck(director, "action:create", {
      ...conf(),
      title: "Relatietherapie voor beide ouders aanvragen",
      ownerUserId: demo.ids.veiligthuis,
      dueDate: "2030-02-01",
      warningOverride: "Moeder wil het zelf.",
    });
    expect(directorsReason).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const a1 = await emitAck(director, "action:create", {
      ...conf(),
      title: "Oma vragen de ophaaldagen te bevestigen",
      ownerUserId: demo.ids.ervaringsdeskundige,
      dueDate: "2030-02-01",
      decisionId,
    });
    expect(a1.ok).toBe(true);
    // Over REST, while the conference runs: same command, broadcast to the room.
    const a2 = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/actions`, {
      title: "Relatietherapie voor beide ouders aanvragen",
      ownerUserId: demo.ids.veiligthuis,
      dueDate: "2030-02-15",
      warningOverride: "Op uitdrukkelijk verzoek van moeder, met een veiligheidsafspraak.",
    });
    expect(a2.status).toBe(201);
    expect(a2.json.action.warningOverride).toMatch(/verzoek/);
    const patched = await demo.clients.veiligthuis.patch(`/api/actions/${a2.json.action.id}`, {
      status: "in_progress",
      note: "Aangevraagd.",
    });
    expect(patched.status).toBe(200);
    const forbidden = await demo.clients.ervaringsdeskundige.patch(`/api/actions/${a2.json.action.id}`, {
      status: "done",
    });
    expect(forbidden.status).toBe(403);

    // The review: the case's late action gets its reason before the chair can end.
    const late = live.latest()?.openActions.find((a) => a.overdue);
    expect(late).toBeDefined();
    const explained = await emitAck(director, "action:update", {
      actionId: late?.id,
      lateReason: "not_carried_out",
      note: "Geen plek bij de GGZ.",
    });
    expect(explained.ok).toBe(true);
    expect((await emitAck(chair, "conference:end", conf())).ok).toBe(true);
    const final = (await emitAck(expert, "conference:join", conf())).state;
    expect(live.latest()).toEqual(final);
    expect(final.actions.map((a: { status: string }) => a.status).sort()).toEqual(["in_progress", "open"]);

    // REST decisions equal the live ones.
    const decisions = await demo.clients.politie.get(`/api/cases/${demo.caseId}/decisions`);
    expect(decisions.status).toBe(200);
    expect(decisions.json.decisions).toEqual(final.decisions);
    // REST actions of the case hold the live ones (and the earlier open ones).
    const actions = await demo.clients.politie.get(`/api/cases/${demo.caseId}/actions`);
    for (const a of final.actions) expect(actions.json.actions).toContainEqual(a);
    // The state endpoint equals the room state, apart from who is connected and the revision.
    const state = await demo.clients.coordinator.get(`/api/conferences/${demo.conferenceId}`);
    expect(state.json.decisions).toEqual(final.decisions);
    expect(state.json.actions).toEqual(final.actions);

    // The minutes: attendance with organisation, decisions with every position, actions, plan version.
    const minutes = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes`);
    expect(minutes.status).toBe(200);
    expect(minutes.json.decisions).toEqual(final.decisions);
    expect(minutes.json.actions).toEqual(final.actions);
    expect(minutes.json.planVersions.map((v: { number: number }) => v.number)).toEqual([1]);
    // The review: the late action's reason and note, as given during the meeting.
    expect(minutes.json.reviewed).toEqual([
      {
        id: late?.id,
        title: late?.title,
        changes: [{ field: "lateReason", from: null, to: "not_carried_out" }],
        notes: ["Geen plek bij de GGZ."],
      },
    ]);
    const present = minutes.json.attendance.filter((a: { present: string }) => a.present === "present");
    expect(present.map((a: { userId: string }) => a.userId).sort()).toEqual(
      [demo.ids.voorzitter, demo.ids.wijkteam, demo.ids.ervaringsdeskundige].sort(),
    );
    expect(present.every((a: { organisation: unknown; online: boolean }) => a.online === false)).toBe(true);

    const md = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toMatch(/text\/markdown/);
    expect(md.headers.get("content-disposition")).toMatch(
      /^attachment; filename="verslag-MDA-DEMO-001-\d{4}-\d{2}-\d{2}\.md"$/,
    );
    expect(md.text).toContain("Oma haalt de kinderen op dinsdag en donderdag.");
    expect(md.text).toContain("bezwaar: Oma is zelf ziek.");
    expect(md.text).toContain("vastgesteld, planversie 1");
    expect(md.text).toContain("ingetrokken");
    // Dates in words, as on the page.
    expect(md.text).toContain("uiterlijk 15 februari 2030");
    expect(md.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(md.text).toMatch(/^# Verslag casusoverleg MDA-DEMO-001$/m);
    expect(md.text).toContain("Reden ondanks waarschuwing intiem terreur");
    expect(md.text).toContain("## Besproken openstaande actiepunten");
    expect(md.text).toContain(`- ${late?.title} — reden vertraging: niet uitgevoerd`);

    // Every write and refusal is in the audit trail, with ids and codes only: no text, no names.
    const audit = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.caseId, demo.caseId));
    const kinds = new Set(audit.map((r) => `${r.action}:${r.objectType}:${r.outcome}`));
    for (const k of [
      "create:decision:success",
      "update:decision:success",
      "create:action:success",
      "update:action:success",
      "update:conference:success",
      "read:conference:success",
      "refused:action:refused",
    ]) {
      expect(kinds, k).toContain(k);
    }
    const dump = JSON.stringify(audit.map((r) => [r.details, r.purpose]));
    for (const secret of ["mediation", "Oma", "ziek", "Relatietherapie", "Aangevraagd", reason]) {
      expect(dump).not.toContain(secret);
    }

    // Not for outsiders: the case is hidden.
    const outsider = await demo.clients.buitenstaander.get(`/api/conferences/${demo.conferenceId}/minutes`);
    expect(outsider.status).toBe(404);
    const outsiderMd = await demo.clients.buitenstaander.get(
      `/api/conferences/${demo.conferenceId}/minutes.md`,
    );
    expect(outsiderMd.status).toBe(404);
  });
});

describe("the minutes' file name", () => {
  it("carries the day the conference was held in the region, as the minutes are titled", async () => {
    const db = server.deps.database.db;
    const [before] = await db.select().from(conferences).where(eq(conferences.id, demo.conferenceId));
    // Started at half past midnight in Amsterdam: still the day before in UTC.
    await db
      .update(conferences)
      .set({ startedAt: new Date("2026-11-24T23:30:00Z") })
      .where(eq(conferences.id, demo.conferenceId));
    try {
      const md = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes.md`);
      expect(md.headers.get("content-disposition")).toBe(
        'attachment; filename="verslag-MDA-DEMO-001-2026-11-25.md"',
      );
    } finally {
      await db
        .update(conferences)
        .set({ startedAt: before.startedAt })
        .where(eq(conferences.id, demo.conferenceId));
    }
  });
});

describe("scheduling over REST", () => {
  it("lets the chair schedule with an agenda; a professional cannot; bad input is a 400", async () => {
    const body = {
      scheduledAt: "2030-05-01T08:00:00Z",
      agenda: [
        { title: "Open actiepunten" },
        { title: "Directe veiligheid", sectionKey: "immediate_safety" },
      ],
    };
    // Open pages of the case's members hear of it (ids only); others do not.
    const memberSocket = await connectSocket(server.url, demo.clients.ervaringsdeskundige.cookie);
    const outsiderSocket = await connectSocket(server.url, demo.clients.buitenstaander.cookie);
    const heard = new Promise((resolve) => memberSocket.once("conference:scheduled", resolve));
    const overheard: unknown[] = [];
    outsiderSocket.on("conference:scheduled", (info) => overheard.push(info));
    const ok = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/conferences`, body);
    expect(ok.status).toBe(201);
    expect(await heard).toEqual({ caseId: demo.caseId, conferenceId: ok.json.conference.id });
    await new Promise((r) => setTimeout(r, 200));
    expect(overheard).toEqual([]);
    memberSocket.close();
    outsiderSocket.close();
    expect(ok.json.conference).toMatchObject({ status: "scheduled", agenda: body.agenda });
    const refused = await demo.clients.politie.post(`/api/cases/${demo.caseId}/conferences`, body);
    expect(refused.status).toBe(403);
    const bad = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/conferences`, {
      scheduledAt: "morgen",
    });
    expect(bad.status).toBe(400);
    const yesterday = new Date(server.deps.clock.now().getTime() - 86_400_000).toISOString();
    const past = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/conferences`, {
      scheduledAt: yesterday,
    });
    expect(past.status).toBe(400);
    expect(past.json.error.details).toEqual([
      { path: "scheduledAt", message: expect.stringMatching(/verleden/) },
    ]);
    const list = await demo.clients.ervaringsdeskundige.get(`/api/cases/${demo.caseId}/conferences`);
    expect(list.json.conferences).toHaveLength(2);
  });

  it("lists a case's conferences newest first by the day they were held, else planned", async () => {
    // Held in the other order than planned: the first was put off for two weeks.
    const [postponed, onTime] = await server.deps.database.db
      .insert(conferences)
      .values(
        [
          ["2026-10-05T08:00:00Z", "2026-10-19T12:00:00Z"],
          ["2026-10-12T08:00:00Z", "2026-10-12T08:00:00Z"],
        ].map(([scheduledAt, startedAt]) => ({
          caseId: demo.caseId,
          status: "ended" as const,
          scheduledAt: new Date(scheduledAt),
          startedAt: new Date(startedAt),
          endedAt: new Date(new Date(startedAt).getTime() + 45 * 60_000),
        })),
      )
      .returning({ id: conferences.id });
    const list = await demo.clients.wijkteam.get(`/api/cases/${demo.caseId}/conferences`);
    const ids: string[] = list.json.conferences.map((c: { id: string }) => c.id);
    expect(ids.indexOf(postponed.id)).toBeLessThan(ids.indexOf(onTime.id));
    const heldAt = list.json.conferences.map(
      (c: { startedAt: string | null; scheduledAt: string }) => c.startedAt ?? c.scheduledAt,
    );
    expect(heldAt).toEqual([...heldAt].sort().reverse());
  });
});
