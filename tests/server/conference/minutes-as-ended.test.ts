/**
 * The minutes are a record ("Het verslag wordt dan vastgelegd"): what happens to an action after the
 * conference ended (its owner starts on it, it is reassigned, its date moves) and who joins the case
 * afterwards do not change them, in JSON or in the Markdown download. The download is a Dutch
 * document, whatever language the agenda was planned in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minutesMarkdown } from "../../../server/presenters/conference";
import type { MinutesView } from "../../../shared/schemas/conference";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck } from "../../helpers/socket";
import { type DemoConference, demoConference } from "./fixture";

let server: TestServer;
let demo: DemoConference;
let chair: ConferenceSocket;

beforeAll(async () => {
  server = await startTestServer();
  demo = await demoConference(server);
  chair = await connectSocket(server.url, demo.clients.voorzitter.cookie);
});

afterAll(async () => {
  chair?.close();
  await server?.stop();
});

const conf = () => ({ conferenceId: demo.conferenceId });

describe("the minutes after the conference", () => {
  it("show each action as it stood at the end, and only the members of then", async () => {
    const joined = await emitAck(chair, "conference:join", conf());
    expect(joined.ok).toBe(true);
    expect((await emitAck(chair, "conference:start", conf())).ok).toBe(true);
    const created = await emitAck(chair, "action:create", {
      ...conf(),
      title: "Veiligheidsafspraken met school vastleggen",
      ownerUserId: demo.ids.veiligthuis,
      dueDate: "2030-02-01",
    });
    expect(created.ok).toBe(true);
    const actionId: string = created.action.id;
    for (const late of joined.state.openActions.filter((a: { overdue: boolean }) => a.overdue)) {
      const explained = await emitAck(chair, "action:update", {
        actionId: late.id,
        lateReason: "circumstances_changed",
      });
      expect(explained.ok).toBe(true);
    }
    expect((await emitAck(chair, "conference:end", conf())).ok).toBe(true);
    const atEnd = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes`);
    const mdAtEnd = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes.md`);
    expect(atEnd.json.actions).toMatchObject([
      { id: actionId, status: "open", owner: { id: demo.ids.veiligthuis }, dueDate: "2030-02-01" },
    ]);
    await new Promise((r) => setTimeout(r, 5));

    // Afterwards: the owner starts on it, then the chair hands it to the police with a later date.
    const started = await demo.clients.veiligthuis.patch(`/api/actions/${actionId}`, {
      status: "in_progress",
      note: "School gebeld.",
    });
    expect(started.status).toBe(200);
    const handedOver = await demo.clients.voorzitter.patch(`/api/actions/${actionId}`, {
      ownerUserId: demo.ids.politie,
      dueDate: "2030-03-01",
    });
    expect(handedOver.status).toBe(200);
    expect(handedOver.json.action).toMatchObject({ status: "in_progress", owner: { id: demo.ids.politie } });
    // Someone joins the case after the conference: they were not there to be recorded.
    const added = await demo.clients.voorzitter.post(`/api/cases/${demo.caseId}/members`, {
      userId: demo.ids.buitenstaander,
      role: "professional",
    });
    expect(added.status).toBe(201);

    const later = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes`);
    expect(later.status).toBe(200);
    expect(later.json).toEqual(atEnd.json);
    expect(later.json.attendance.map((a: { userId: string }) => a.userId)).not.toContain(
      demo.ids.buitenstaander,
    );
    const md = await demo.clients.politie.get(`/api/conferences/${demo.conferenceId}/minutes.md`);
    expect(md.text).toBe(mdAtEnd.text);
    expect(md.text).toContain(
      "- Veiligheidsafspraken met school vastleggen — Ellen Bakker (Veilig Thuis IJsselland), uiterlijk 1 februari 2030, open",
    );
    expect(md.text).not.toContain("bezig");
  });
});

describe("the Markdown minutes", () => {
  it("name a plan section on the agenda in Dutch, also when it was planned in English", () => {
    const md = minutesMarkdown({
      case: { id: "k", reference: "MDA-1", title: "Huishouden X" },
      conference: {
        id: "c",
        caseId: "k",
        status: "ended",
        scheduledAt: "2026-11-24T09:00:00.000Z",
        durationMinutes: 45,
        startedAt: "2026-11-24T09:01:00.000Z",
        endedAt: "2026-11-24T09:40:00.000Z",
        agenda: [
          { title: "Open action items" },
          { title: "Household and network", sectionKey: "household" },
          { title: "Main concern", sectionKey: "concerns" },
        ],
        focusSectionKey: null,
      },
      attendance: [],
      decisions: [],
      actions: [],
      reviewed: [],
      planVersions: [],
    } satisfies MinutesView);
    expect(md).toContain("## Agenda\n\n- Open action items\n- Gezin en netwerk\n- Grootste zorg\n");
  });
});
