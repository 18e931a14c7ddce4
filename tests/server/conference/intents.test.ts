/**
 * Every conference intent over a real Socket.IO connection against the real server: the allowed
 * role succeeds, the others are refused with a code, and nothing is possible outside a running conference.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planVersions } from "../../../db/schema";
import { addDays, amsterdamDate } from "../../../shared/dates";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck, nextState } from "../../helpers/socket";
import { type DemoConference, demoConference, type RoleKey } from "./fixture";

let server: TestServer;
let demo: DemoConference;
const sockets = {} as Record<RoleKey, ConferenceSocket>;
const joined: RoleKey[] = [
  "voorzitter",
  "wijkteam",
  "veiligthuis",
  "politie",
  "ervaringsdeskundige",
  "coordinator",
];

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  for (const key of [...joined, "buitenstaander" as const]) {
    sockets[key] = await connectSocket(server.url, demo.clients[key].cookie);
  }
});

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await server?.stop();
});

const conf = () => ({ conferenceId: demo.conferenceId });

describe("a conference over Socket.IO", () => {
  it("refuses a socket without a session, or with a bogus one", async () => {
    await expect(connectSocket(server.url, null)).rejects.toThrow(/unauthenticated/);
    await expect(connectSocket(server.url, "session=not-a-real-token")).rejects.toThrow(/unauthenticated/);
  });

  it("lets members join and gives them the state; a non-member cannot join", async () => {
    const outsider = await emitAck(sockets.buitenstaander, "conference:join", conf());
    expect(outsider).toMatchObject({ ok: false, error: { code: "not_found" } });

    for (const key of joined) {
      const ack = await emitAck(sockets[key], "conference:join", conf());
      expect(ack.ok, key).toBe(true);
      expect(ack.state.conference).toMatchObject({ id: demo.conferenceId, status: "scheduled" });
    }
    const chairView = await emitAck(sockets.voorzitter, "conference:join", conf());
    // A review starts with the case's open actions; the late one is marked.
    expect(chairView.state.openActions).toHaveLength(3);
    expect(chairView.state.openActions.filter((a: { overdue: boolean }) => a.overdue)).toHaveLength(1);
    expect(
      chairView.state.attendance.find((a: { userId: string }) => a.userId === demo.ids.politie),
    ).toMatchObject({
      online: true,
      organisation: { name: expect.any(String) },
    });
    // The outsider never receives the room's broadcasts.
    let leaked = false;
    sockets.buitenstaander.on("conference:state", () => {
      leaked = true;
    });
    await emitAck(sockets.voorzitter, "conference:join", conf());
    expect(leaked).toBe(false);
  });

  it("refuses decisions and actions before the conference starts", async () => {
    const decision = await emitAck(sockets.voorzitter, "decision:propose", { ...conf(), text: "Te vroeg." });
    expect(decision).toMatchObject({ ok: false, error: { code: "not_in_progress" } });
    const action = await emitAck(sockets.voorzitter, "action:create", {
      ...conf(),
      title: "Te vroeg",
      ownerUserId: demo.ids.politie,
      dueDate: "2030-01-01",
    });
    expect(action).toMatchObject({ ok: false, error: { code: "not_in_progress" } });
  });

  it("lets only the chair start it; those connected are recorded present", async () => {
    const refused = await emitAck(sockets.wijkteam, "conference:start", conf());
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const seen = nextState(sockets.ervaringsdeskundige, (s) => s.conference.status === "in_progress");
    const ack = await emitAck(sockets.voorzitter, "conference:start", conf());
    expect(ack.ok).toBe(true);
    expect(ack.state.conference.status).toBe("in_progress");
    const state = await seen;
    for (const key of joined) {
      expect(state.attendance.find((a) => a.userId === demo.ids[key])?.present, key).toBe("present");
    }
    const again = await emitAck(sockets.voorzitter, "conference:start", conf());
    expect(again).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("moves everyone's focus when the chair asks, and only then", async () => {
    const refused = await emitAck(sockets.ervaringsdeskundige, "agenda:focus", {
      ...conf(),
      sectionKey: "risk",
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const focus = new Promise((resolve) => sockets.politie.once("agenda:focus", resolve));
    const ack = await emitAck(sockets.voorzitter, "agenda:focus", { ...conf(), sectionKey: "child_voice" });
    expect(ack.ok).toBe(true);
    expect(await focus).toEqual({ conferenceId: demo.conferenceId, sectionKey: "child_voice" });
    const unknown = await emitAck(sockets.voorzitter, "agenda:focus", { ...conf(), sectionKey: "nonsense" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "invalid_input" } });
  });

  it("keeps raised hands in order; observers cannot raise; the chair can lower someone's hand", async () => {
    expect((await emitAck(sockets.ervaringsdeskundige, "hand:raise", conf())).ok).toBe(true);
    const seen = nextState(sockets.voorzitter, (s) => s.hands.length === 2);
    expect((await emitAck(sockets.politie, "hand:raise", conf())).ok).toBe(true);
    const state = await seen;
    expect(state.hands.map((h) => h.userId)).toEqual([demo.ids.ervaringsdeskundige, demo.ids.politie]);
    const observer = await emitAck(sockets.coordinator, "hand:raise", conf());
    expect(observer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const notChair = await emitAck(sockets.politie, "hand:lower", {
      ...conf(),
      userId: demo.ids.ervaringsdeskundige,
    });
    expect(notChair).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const lowered = nextState(sockets.politie, (s) => s.hands.length === 1);
    expect(
      (await emitAck(sockets.voorzitter, "hand:lower", { ...conf(), userId: demo.ids.ervaringsdeskundige }))
        .ok,
    ).toBe(true);
    expect((await lowered).hands[0].userId).toBe(demo.ids.politie);
    const own = nextState(sockets.voorzitter, (s) => s.hands.length === 0);
    expect((await emitAck(sockets.politie, "hand:lower", conf())).ok).toBe(true);
    await own;
  });

  it("lets the chair record attendance, for members only", async () => {
    const refused = await emitAck(sockets.wijkteam, "attendance:set", {
      ...conf(),
      userId: demo.ids.politie,
      present: "absent",
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const outsider = await emitAck(sockets.voorzitter, "attendance:set", {
      ...conf(),
      userId: demo.ids.buitenstaander,
      present: "present",
    });
    expect(outsider).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const seen = nextState(
      sockets.wijkteam,
      (s) => s.attendance.find((a) => a.userId === demo.ids.coordinator)?.present === "excused",
    );
    const ack = await emitAck(sockets.voorzitter, "attendance:set", {
      ...conf(),
      userId: demo.ids.coordinator,
      present: "excused",
    });
    expect(ack.ok).toBe(true);
    await seen;
    await emitAck(sockets.voorzitter, "attendance:set", {
      ...conf(),
      userId: demo.ids.coordinator,
      present: "present",
    });
  });

  let decisionId: string;

  it("lets everyone but observers propose, and records positions (an objection needs a reason)", async () => {
    const observer = await emitAck(sockets.coordinator, "decision:propose", {
      ...conf(),
      text: "Waarnemer stelt voor.",
    });
    expect(observer).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const seen = nextState(sockets.politie, (s) => s.decisions.length === 1);
    const proposed = await emitAck(sockets.ervaringsdeskundige, "decision:propose", {
      ...conf(),
      text: "Moeder gaat niet alleen naar gesprekken; de casusregisseur gaat mee.",
    });
    expect(proposed.ok).toBe(true);
    expect(proposed.decision).toMatchObject({
      status: "proposed",
      proposedBy: { id: demo.ids.ervaringsdeskundige },
    });
    decisionId = proposed.decision.id;
    expect((await seen).decisions[0].id).toBe(decisionId);

    const bare = await emitAck(sockets.politie, "decision:position", { decisionId, position: "object" });
    expect(bare).toMatchObject({ ok: false, error: { code: "invalid_input", details: [{ path: "note" }] } });
    const objected = await emitAck(sockets.politie, "decision:position", {
      decisionId,
      position: "object",
      note: "Eerst het alarm, dan de gesprekken.",
    });
    expect(objected.ok).toBe(true);
    expect(
      (await emitAck(sockets.veiligthuis, "decision:position", { decisionId, position: "agree" })).decision
        .positions,
    ).toHaveLength(2);
    expect(
      (await emitAck(sockets.wijkteam, "decision:position", { decisionId, position: "abstain" })).ok,
    ).toBe(true);
    const observerPosition = await emitAck(sockets.coordinator, "decision:position", {
      decisionId,
      position: "agree",
    });
    expect(observerPosition).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("lets only the chair adopt; an adopted decision is final and points to a plan version", async () => {
    const refused = await emitAck(sockets.wijkteam, "decision:adopt", { decisionId });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const adopted = await emitAck(sockets.voorzitter, "decision:adopt", { decisionId });
    expect(adopted.ok).toBe(true);
    expect(adopted.decision).toMatchObject({ status: "adopted", planVersion: { number: 1 } });
    expect(adopted.decision.positions.map((p: { position: string }) => p.position).sort()).toEqual([
      "abstain",
      "agree",
      "object",
    ]);

    expect(await emitAck(sockets.voorzitter, "decision:adopt", { decisionId })).toMatchObject({
      ok: false,
      error: { code: "decision_closed" },
    });
    expect(
      await emitAck(sockets.veiligthuis, "decision:position", {
        decisionId,
        position: "object",
        note: "Toch niet.",
      }),
    ).toMatchObject({ ok: false, error: { code: "decision_closed" } });
    expect(await emitAck(sockets.voorzitter, "decision:withdraw", { decisionId })).toMatchObject({
      ok: false,
      error: { code: "decision_closed" },
    });
    const stored = await server.deps.database.db
      .select({ number: planVersions.number, conferenceId: planVersions.conferenceId })
      .from(planVersions)
      .where(eq(planVersions.id, adopted.decision.planVersion.id));
    expect(stored).toEqual([{ number: 1, conferenceId: demo.conferenceId }]);
  });

  it("lets the proposer or the chair withdraw; a withdrawn decision stays visible", async () => {
    const proposed = await emitAck(sockets.politie, "decision:propose", {
      ...conf(),
      text: "Tweede voorstel.",
    });
    const id = proposed.decision.id;
    const other = await emitAck(sockets.veiligthuis, "decision:withdraw", { decisionId: id });
    expect(other).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const seen = nextState(sockets.voorzitter, (s) =>
      s.decisions.some((d) => d.id === id && d.status === "withdrawn"),
    );
    const withdrawn = await emitAck(sockets.politie, "decision:withdraw", { decisionId: id });
    expect(withdrawn.decision.status).toBe("withdrawn");
    await seen;
    expect(await emitAck(sockets.voorzitter, "decision:adopt", { decisionId: id })).toMatchObject({
      ok: false,
      error: { code: "decision_closed" },
    });
  });

  let actionId: string;

  it("lets the chair or case director create actions for members, with their organisation", async () => {
    const input = {
      ...conf(),
      title: "Veiligheidsafspraken met school maken",
      dueDate: "2030-03-01",
      decisionId,
    };
    for (const key of ["politie", "ervaringsdeskundige", "coordinator"] as const) {
      const refused = await emitAck(sockets[key], "action:create", {
        ...input,
        ownerUserId: demo.ids.politie,
      });
      expect(refused, key).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const outsider = await emitAck(sockets.wijkteam, "action:create", {
      ...input,
      ownerUserId: demo.ids.buitenstaander,
    });
    expect(outsider).toMatchObject({
      ok: false,
      error: { code: "invalid_input", details: [{ path: "ownerUserId" }] },
    });

    const seen = nextState(sockets.ervaringsdeskundige, (s) => s.actions.length === 1);
    const created = await emitAck(sockets.wijkteam, "action:create", {
      ...input,
      ownerUserId: demo.ids.politie,
    });
    expect(created.ok).toBe(true);
    expect(created.action).toMatchObject({
      title: input.title,
      owner: { id: demo.ids.politie },
      organisation: { name: expect.any(String) },
      dueDate: "2030-03-01",
      status: "open",
      decisionId,
      conferenceId: demo.conferenceId,
    });
    actionId = created.action.id;
    expect((await seen).actions[0].id).toBe(actionId);
    expect(
      (await emitAck(sockets.voorzitter, "action:create", { ...input, ownerUserId: demo.ids.veiligthuis }))
        .ok,
    ).toBe(true);

    // A due date before today (Amsterdam) is a slip of the keyboard, when agreed and when moved.
    const yesterday = addDays(amsterdamDate(new Date()), -1);
    const past = { ok: false, error: { code: "invalid_input", details: [{ path: "dueDate" }] } };
    expect(
      await emitAck(sockets.wijkteam, "action:create", {
        ...input,
        ownerUserId: demo.ids.politie,
        dueDate: yesterday,
      }),
    ).toMatchObject(past);
    expect(await emitAck(sockets.wijkteam, "action:update", { actionId, dueDate: yesterday })).toMatchObject(
      past,
    );
    const moved = await demo.clients.wijkteam.patch(`/api/actions/${actionId}`, { dueDate: "0000-01-01" });
    expect(moved.status).toBe(400);
    expect((await emitAck(sockets.wijkteam, "conference:join", conf())).state.actions.length).toBe(2);
  });

  it("lets the owner update their action, not someone else's; late ones get a reason", async () => {
    const owner = await emitAck(sockets.politie, "action:update", {
      actionId,
      status: "in_progress",
      note: "Gebeld.",
    });
    expect(owner).toMatchObject({ ok: true, action: { status: "in_progress" } });
    const other = await emitAck(sockets.ervaringsdeskundige, "action:update", { actionId, status: "done" });
    expect(other).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const reassign = await emitAck(sockets.politie, "action:update", {
      actionId,
      ownerUserId: demo.ids.veiligthuis,
    });
    expect(reassign).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const state = (await emitAck(sockets.wijkteam, "conference:join", conf())).state;
    const late = state.openActions.find((a: { overdue: boolean }) => a.overdue);
    // The chair cannot end the review while the late action has no reason; the refusal names it.
    expect(await emitAck(sockets.voorzitter, "conference:end", conf())).toMatchObject({
      ok: false,
      error: {
        code: "late_actions_unexplained",
        details: [{ path: `actions.${late.id}`, message: late.title }],
      },
    });
    expect((await emitAck(sockets.voorzitter, "conference:join", conf())).state.conference.status).toBe(
      "in_progress",
    );
    const seen = nextState(sockets.voorzitter, (s) =>
      s.openActions.some((a) => a.id === late.id && a.lateReason === "circumstances_changed"),
    );
    const reason = await emitAck(sockets.wijkteam, "action:update", {
      actionId: late.id,
      lateReason: "circumstances_changed",
      note: "Wachtlijst GGZ.",
    });
    expect(reason).toMatchObject({
      ok: true,
      action: { lateReason: "circumstances_changed", overdue: true },
    });
    await seen;
  });

  it("gives a late joiner exactly the state the others hold", async () => {
    // Veilig Thuis drops out, and comes back late on a new connection.
    const away = nextState(
      sockets.voorzitter,
      (s) => s.attendance.find((a) => a.userId === demo.ids.veiligthuis)?.online === false,
    );
    sockets.veiligthuis.close();
    await away;
    const late = await connectSocket(server.url, demo.clients.veiligthuis.cookie);
    sockets.veiligthuis = late;
    const back = (s: { attendance: { userId: string; online: boolean }[] }) =>
      s.attendance.find((a) => a.userId === demo.ids.veiligthuis)?.online === true;
    const chairSeen = nextState(sockets.voorzitter, back);
    const politieSeen = nextState(sockets.politie, back);
    const ack = await emitAck(late, "conference:join", conf());
    expect(ack.ok).toBe(true);
    expect(ack.state).toEqual(await chairSeen);
    expect(ack.state).toEqual(await politieSeen);
    expect(ack.state.decisions).toHaveLength(2);
    expect(ack.state.actions).toHaveLength(2);
    expect(ack.state.hands).toEqual([]);
    expect(ack.state.conference.focusSectionKey).toBe("child_voice");
  });

  it("lets only the chair end it; afterwards nothing can be decided or created", async () => {
    expect(await emitAck(sockets.wijkteam, "conference:end", conf())).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    // A proposal neither adopted nor withdrawn keeps it from ending: it could never be adopted later.
    const open = await emitAck(sockets.politie, "decision:propose", { ...conf(), text: "Nog te bespreken." });
    expect(await emitAck(sockets.voorzitter, "conference:end", conf())).toMatchObject({
      ok: false,
      error: { code: "open_proposals", details: [{ path: `decisions.${open.decision.id}` }] },
    });
    expect(
      await emitAck(sockets.voorzitter, "decision:withdraw", { decisionId: open.decision.id }),
    ).toMatchObject({ ok: true });
    const seen = nextState(sockets.politie, (s) => s.conference.status === "ended");
    const ended = await emitAck(sockets.voorzitter, "conference:end", conf());
    expect(ended.state.conference.status).toBe("ended");
    await seen;
    // A conference that ended has nobody in it: those with the case open now are not shown as
    // there; who was present stays as recorded.
    expect(ended.state.attendance.filter((a: { online: boolean }) => a.online)).toEqual([]);
    expect(
      ended.state.attendance.find((a: { userId: string }) => a.userId === demo.ids.politie)?.present,
    ).toBe("present");
    const later = await emitAck(sockets.politie, "conference:join", conf());
    expect(later.state.attendance.filter((a: { online: boolean }) => a.online)).toEqual([]);
    expect(
      await emitAck(sockets.politie, "decision:propose", { ...conf(), text: "Na afloop." }),
    ).toMatchObject({
      ok: false,
      error: { code: "not_in_progress" },
    });
    expect(
      await emitAck(sockets.voorzitter, "action:create", {
        ...conf(),
        title: "Na afloop",
        ownerUserId: demo.ids.politie,
        dueDate: "2030-01-01",
      }),
    ).toMatchObject({ ok: false, error: { code: "not_in_progress" } });
    expect(await emitAck(sockets.voorzitter, "conference:end", conf())).toMatchObject({
      ok: false,
      error: { code: "not_in_progress" },
    });
    expect(await emitAck(sockets.politie, "hand:raise", conf())).toMatchObject({
      ok: false,
      error: { code: "not_in_progress" },
    });
  });
});
