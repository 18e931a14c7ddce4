import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock";
import { startTestServer, type TestServer } from "../helpers/server";
import { addAction, demoCaseId } from "./fixture";

const clock = fixedClock("2026-06-10T08:00:00Z");
let server: TestServer;
let caseId: string;
let lateId: string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  caseId = await demoCaseId(server.deps.database.db);
  const coordinator = await server.loginAs("coordinator");
  lateId = (await coordinator.get("/api/actions?overdue=true")).json.actions[0].id;
});
afterAll(async () => {
  await server?.stop();
});

describe("who may change an action (through PATCH /api/actions/:id), with history", () => {
  it("lets the owner give a late reason and a note, and the detail shows who changed what", async () => {
    const owner = await server.loginAs("wijkteam");
    const res = await owner.patch(`/api/actions/${lateId}`, {
      status: "in_progress",
      lateReason: "circumstances_changed",
      note: "GGZ had een wachtlijst; aanmelding loopt nu.",
    });
    expect(res.status).toBe(200);
    const detail = (await owner.get(`/api/actions/${lateId}`)).json;
    expect(detail.action).toMatchObject({
      status: "in_progress",
      lateReason: "circumstances_changed",
      overdue: true,
    });
    const last = detail.history.at(-1);
    expect(last).toMatchObject({
      by: { name: "Joris Smit" },
      note: "GGZ had een wachtlijst; aanmelding loopt nu.",
    });
    expect(last.changes).toEqual([
      { field: "status", from: "open", to: "in_progress" },
      { field: "lateReason", from: null, to: "circumstances_changed" },
    ]);
    // The coordinator's overview now shows the reason.
    const coordinator = await server.loginAs("coordinator");
    const [late] = (await coordinator.get("/api/actions?overdue=true")).json.actions;
    expect(late.lateReason).toBe("circumstances_changed");
  });

  it("refuses a professional and an ervaringsdeskundige on someone else's action, allows them on their own", async () => {
    for (const key of ["politie", "ervaringsdeskundige"]) {
      const client = await server.loginAs(key);
      const res = await client.patch(`/api/actions/${lateId}`, { status: "done" });
      expect(res.status, key).toBe(403);
    }
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.patch(`/api/actions/${lateId}`, { status: "done" })).status).toBe(404);

    const own = await addAction(server.deps.database.db, {
      caseId,
      owner: "ervaringsdeskundige",
      dueDate: "2026-06-12",
    });
    const expert = await server.loginAs("ervaringsdeskundige");
    const mine = await expert.patch(`/api/actions/${own}`, {
      status: "in_progress",
      note: "Gebeld met moeder.",
    });
    expect(mine.status).toBe(200);
    expect((await expert.get(`/api/actions/${own}`)).json.permissions.update).toBe(true);
  });

  it("lets the chair, the case director and the coordinator change someone else's action", async () => {
    const notes = { voorzitter: "Besproken in overleg.", coordinator: "Nagevraagd.", wijkteam: "Afgerond." };
    for (const [key, note] of Object.entries(notes)) {
      clock.advance(60_000);
      const client = await server.loginAs(key);
      const res = await client.patch(`/api/actions/${lateId}`, { note });
      expect(res.status, key).toBe(200);
    }
    clock.advance(60_000);
    const done = await (await server.loginAs("wijkteam")).patch(`/api/actions/${lateId}`, { status: "done" });
    expect(done.json.action).toMatchObject({ status: "done", overdue: false });
    const history = (await (await server.loginAs("coordinator")).get(`/api/actions/${lateId}`)).json.history;
    expect(history.map((h: { by: { name: string } }) => h.by.name)).toEqual([
      "Joris Smit",
      "Joris Smit",
      "Marco Jansen",
      "Ingrid de Vries",
      "Joris Smit",
      "Joris Smit",
    ]);
  });
});

describe("GET /api/reminders", () => {
  it("lists my actions due within three days or late, with the count for the badge", async () => {
    const db = server.deps.database.db;
    const late = await addAction(db, { caseId, owner: "politie", dueDate: "2026-06-01", title: "Te laat" });
    const in3 = await addAction(db, {
      caseId,
      owner: "politie",
      dueDate: "2026-06-13",
      title: "Over drie dagen",
    });
    await addAction(db, { caseId, owner: "politie", dueDate: "2026-06-14", title: "Over vier dagen" });
    await addAction(db, { caseId, owner: "politie", dueDate: "2026-06-02", title: "Klaar", status: "done" });
    await addAction(db, { caseId, owner: "veiligthuis", dueDate: "2026-06-09", title: "Van een ander" });
    const politie = await server.loginAs("politie");
    const res = await politie.get("/api/reminders");
    expect(res.status).toBe(200);
    expect(res.json.actions.map((a: { id: string }) => a.id)).toEqual([late, in3]);
    expect(res.json).toMatchObject({ count: 2, lateCount: 1, today: "2026-06-10" });
    // Someone with nothing due gets an empty list.
    const voorzitter = await server.loginAs("voorzitter");
    expect((await voorzitter.get("/api/reminders")).json).toMatchObject({ count: 0, actions: [] });
  });
});
