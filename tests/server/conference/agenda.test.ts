/**
 * The chair marks the agenda item being discussed (`agenda:current`), any item, also one without a
 * plan section ("Openstaande actiepunten"): everyone's state says which, a plan item still moves the
 * section focus, and `agenda:focus` keeps working. Only the chair, only while it runs; a payload the
 * agenda has no item for is refused with a reason, and the server goes on.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { ConferenceState } from "../../../shared/events";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck, nextState } from "../../helpers/socket";
import { type DemoConference, demoConference, type RoleKey } from "./fixture";

let server: TestServer;
let demo: DemoConference;
const sockets = {} as Record<RoleKey, ConferenceSocket>;
const joined = ["voorzitter", "wijkteam", "ervaringsdeskundige", "coordinator"] as const;

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  for (const key of joined) {
    sockets[key] = await connectSocket(server.url, demo.clients[key].cookie);
    expect((await emitAck(sockets[key], "conference:join", conf())).ok).toBe(true);
  }
});

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await server?.stop();
});

const conf = () => ({ conferenceId: demo.conferenceId });
/** The title of the item a state marks as being discussed. */
const currentTitle = (s: ConferenceState) =>
  s.conference.currentAgendaIndex == null ? null : s.conference.agenda[s.conference.currentAgendaIndex].title;
/** The state as the REST API reads it from the database. */
const stored = async (): Promise<ConferenceState> =>
  (await demo.clients.wijkteam.get(`/api/conferences/${demo.conferenceId}`)).json;

/** Every `agenda:focus` a socket hears from now on, until the test ends. */
function focusEvents(socket: ConferenceSocket): { sectionKey: string }[] {
  const heard: { sectionKey: string }[] = [];
  const listener = (f: { conferenceId: string; sectionKey: string }) => heard.push(f);
  socket.on("agenda:focus", listener);
  onTestFinished(() => {
    socket.off("agenda:focus", listener);
  });
  return heard;
}

describe("the agenda item being discussed", () => {
  it("can be marked only while the conference runs", async () => {
    const early = await emitAck(sockets.voorzitter, "agenda:current", { ...conf(), index: 0 });
    expect(early).toMatchObject({ ok: false, error: { code: "not_in_progress" } });
    expect((await emitAck(sockets.voorzitter, "conference:start", conf())).ok).toBe(true);
    expect((await stored()).conference.currentAgendaIndex).toBeNull();
  });

  it("marks an item without a plan section for everyone, and no section stays in focus", async () => {
    const agenda = (await stored()).conference.agenda;
    expect(agenda[0]).toEqual({ title: "Openstaande actiepunten" });
    // First a section in focus, so it is seen to go.
    const focused = nextState(sockets.wijkteam, (s) => s.conference.focusSectionKey === "concerns");
    expect(
      (await emitAck(sockets.voorzitter, "agenda:focus", { ...conf(), sectionKey: "concerns" })).ok,
    ).toBe(true);
    await focused;
    const heard = focusEvents(sockets.wijkteam);
    const seen = nextState(sockets.wijkteam, (s) => s.conference.currentAgendaIndex === 0);
    const ack = await emitAck(sockets.voorzitter, "agenda:current", { ...conf(), index: 0 });
    expect(ack).toEqual({ ok: true });
    const state = await seen;
    expect(currentTitle(state)).toBe("Openstaande actiepunten");
    // The editors stay where they are: nothing tells them to move.
    expect(state.conference.focusSectionKey).toBeNull();
    expect(heard).toEqual([]);
    // Stored: what the REST API and a late joiner read.
    expect(currentTitle(await stored())).toBe("Openstaande actiepunten");
    const late = await connectSocket(server.url, demo.clients.veiligthuis.cookie);
    try {
      const join = await emitAck(late, "conference:join", conf());
      expect(currentTitle(join.state)).toBe("Openstaande actiepunten");
    } finally {
      late.close();
    }
  });

  it("moves everyone to the section of a plan item, as agenda:focus does", async () => {
    const heard = focusEvents(sockets.ervaringsdeskundige);
    // The focus event comes before the state that follows it.
    const seen = nextState(sockets.ervaringsdeskundige, (s) => s.conference.currentAgendaIndex === 2);
    expect(await emitAck(sockets.voorzitter, "agenda:current", { ...conf(), index: 2 })).toEqual({
      ok: true,
    });
    const state = await seen;
    expect(currentTitle(state)).toBe("Directe veiligheid");
    expect(state.conference.focusSectionKey).toBe("immediate_safety");
    expect(heard).toEqual([{ conferenceId: demo.conferenceId, sectionKey: "immediate_safety" }]);

    // The closing free item "Besluiten en actiepunten" can be marked too.
    const closing = nextState(sockets.wijkteam, (s) => s.conference.currentAgendaIndex === 4);
    expect((await emitAck(sockets.voorzitter, "agenda:current", { ...conf(), index: 4 })).ok).toBe(true);
    expect(currentTitle(await closing)).toBe("Besluiten en actiepunten");
  });

  it("keeps agenda:focus working: its section's item becomes the current one", async () => {
    const seen = nextState(sockets.wijkteam, (s) => s.conference.focusSectionKey === "child_voice");
    expect(
      (await emitAck(sockets.voorzitter, "agenda:focus", { ...conf(), sectionKey: "child_voice" })).ok,
    ).toBe(true);
    expect(currentTitle(await seen)).toBe("Stem van het kind");
    // A section the agenda does not name: in focus, but no item is marked.
    const off = nextState(sockets.wijkteam, (s) => s.conference.focusSectionKey === "signals");
    expect((await emitAck(sockets.voorzitter, "agenda:focus", { ...conf(), sectionKey: "signals" })).ok).toBe(
      true,
    );
    expect((await off).conference.currentAgendaIndex).toBeNull();
  });

  it("refuses anyone but the chair and changes nothing", async () => {
    const before = (await stored()).conference;
    for (const key of ["wijkteam", "ervaringsdeskundige", "coordinator"] as const) {
      const ack = await emitAck(sockets[key], "agenda:current", { ...conf(), index: 0 });
      expect(ack, key).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const outsider = await connectSocket(server.url, demo.clients.buitenstaander.cookie);
    try {
      const ack = await emitAck(outsider, "agenda:current", { ...conf(), index: 0 });
      expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
    } finally {
      outsider.close();
    }
    const after = (await stored()).conference;
    expect(after.currentAgendaIndex).toBe(before.currentAgendaIndex);
    expect(after.focusSectionKey).toBe(before.focusSectionKey);
  });

  it("refuses an item the agenda does not have, or no item at all, with a reason", async () => {
    // The demo agenda has five items: 5 is one past the end; 40 is past any agenda.
    for (const index of [5, 39, 40, -1, 1.5]) {
      const ack = await emitAck(sockets.voorzitter, "agenda:current", { ...conf(), index });
      expect(ack, String(index)).toEqual({
        ok: false,
        error: {
          code: "invalid_input",
          message: "De invoer is ongeldig.",
          details: [{ path: "index", message: "Dit agendapunt bestaat niet." }],
        },
      });
    }
    for (const payload of [{ ...conf(), index: "0" }, conf(), { index: 0 }, [0], "0", null]) {
      const ack = await emitAck(sockets.voorzitter, "agenda:current", payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: "invalid_input" } });
      expect(ack.error.message).toBe("De invoer is ongeldig.");
    }
    // In English for someone whose screen is in English.
    const english = await connectSocket(server.url, demo.clients.voorzitter.cookie, {
      auth: { locale: "en" },
    });
    try {
      const ack = await emitAck(english, "agenda:current", { ...conf(), index: 5 });
      expect(ack.error).toMatchObject({
        code: "invalid_input",
        details: [{ path: "index", message: "This agenda item does not exist." }],
      });
    } finally {
      english.close();
    }
    // Nothing broke: the next good intent goes through.
    const seen = nextState(sockets.wijkteam, (s) => s.conference.currentAgendaIndex === 1);
    expect((await emitAck(sockets.voorzitter, "agenda:current", { ...conf(), index: 1 })).ok).toBe(true);
    expect((await seen).conference.focusSectionKey).toBe("concerns");
  });
});
