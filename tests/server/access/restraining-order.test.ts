/**
 * A huisverbod (temporary restraining order) has legal deadlines: ten days from the day it was
 * imposed, extended at most to four weeks after that day. The case keeps both days, set by who plans
 * the conferences, shown beside them; its chair and case director are reminded before it ends.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases } from "../../../db/schema";
import { fixedClock } from "../../../server/clock";
import { type Notification, sendDueReminders } from "../../../server/notify";
import { demoUser } from "../../followup/fixture";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectAs } from "../../helpers/socket";
import { withTimeout } from "../../helpers/yjs";

const clock = fixedClock("2026-03-02T09:00:00Z");
let server: TestServer;
let caseId: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  const coordinator = await server.loginAs("coordinator");
  const created = await coordinator.post("/api/cases", {
    reference: "MDA-2026-040",
    title: "Huishouden H.",
    categories: ["kinderen"],
  });
  caseId = created.json.id;
  const users = (await coordinator.get(`/api/cases/${caseId}/candidates`)).json.users as {
    id: string;
    name: string;
  }[];
  const add = (name: string, role: string) =>
    coordinator.post(`/api/cases/${caseId}/members`, {
      userId: users.find((u) => u.name === name)?.id,
      role,
    });
  await add("Marco Jansen", "chair");
  await add("Joris Smit", "caseDirector");
  await add("Karin Mulder", "professional");
});
afterAll(() => server?.stop());

const path = () => `/api/cases/${caseId}/restraining-order`;

describe("the huisverbod of a case", () => {
  it("is set by the chair, shown on the case and in the list, marks the category, and is audited", async () => {
    const chair = await server.loginAs("voorzitter");
    const socket: ConferenceSocket = await connectAs(server, "wijkteam");
    const heard = withTimeout(
      new Promise((resolve) => socket.once("case:changed", resolve)),
      5000,
      "case:changed",
    );
    const res = await chair.request("PUT", path(), { from: "2026-03-01", until: "2026-03-11" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      restrainingOrderFrom: "2026-03-01",
      restrainingOrderUntil: "2026-03-11",
      categories: ["kinderen", "huisverbod"],
    });
    expect(await heard).toEqual({ caseId });
    socket.close();

    const director = await server.loginAs("wijkteam");
    const detail = (await director.get(`/api/cases/${caseId}`)).json;
    expect(detail).toMatchObject({ restrainingOrderFrom: "2026-03-01", restrainingOrderUntil: "2026-03-11" });
    expect(detail.permissions.restrainingOrder).toBe(true);
    const listed = (await director.get("/api/cases")).json.cases.find((c: { id: string }) => c.id === caseId);
    expect(listed).toMatchObject({
      restrainingOrderFrom: "2026-03-01",
      restrainingOrderUntil: "2026-03-11",
      prioritised: true,
    });

    const [entry] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectType, "restraining_order"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry).toMatchObject({
      action: "update",
      caseId,
      details: { from: "2026-03-01", until: "2026-03-11" },
    });
  });

  it("is lifted with null, and the category stays", async () => {
    const director = await server.loginAs("wijkteam");
    const res = await director.request("PUT", path(), { until: null });
    expect(res.json).toMatchObject({ restrainingOrderFrom: null, restrainingOrderUntil: null });
    const [row] = await server.deps.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ restrainingOrderFrom: null, restrainingOrderUntil: null });
    expect(row.categories).toContain("huisverbod");
  });

  it("keeps the legal deadlines: imposed already, ending from today, at most four weeks after it was imposed", async () => {
    const chair = await server.loginAs("voorzitter");
    const refusal = async (body: object) => (await chair.request("PUT", path(), body)).json.error?.details;
    expect(await refusal({ until: "2026-03-11" })).toEqual([
      { path: "from", message: "Vul in op welke dag het huisverbod is opgelegd." },
    ]);
    expect(await refusal({ from: "2026-03-03", until: "2026-03-13" })).toEqual([
      { path: "from", message: "Een huisverbod is al opgelegd: kies vandaag of een eerdere dag." },
    ]);
    expect(await refusal({ from: "2026-03-02", until: "2026-03-01" })).toEqual([
      { path: "until", message: "De laatste dag valt niet vóór de dag van opleggen." },
    ]);
    expect(await refusal({ from: "2026-02-18", until: "2026-03-01" })).toEqual([
      { path: "until", message: "Kies een datum vanaf vandaag." },
    ]);
    // Imposed on 20 February: four weeks end on 20 March, however far that is from today.
    expect(await refusal({ from: "2026-02-20", until: "2026-03-21" })).toEqual([
      { path: "until", message: "Een huisverbod duurt hoogstens vier weken na het opleggen." },
    ]);
    const extended = await chair.request("PUT", path(), { from: "2026-02-20", until: "2026-03-20" });
    expect(extended.status).toBe(200);
    expect((await chair.request("PUT", path(), { from: "2026-03-02", until: "2026-03-30" })).status).toBe(
      200,
    );
    expect((await chair.request("PUT", path(), { from: "2026-03-02", until: "morgen" })).status).toBe(400);
    const body = { from: "2026-03-02", until: "2026-03-05" };
    const politie = await server.loginAs("politie");
    expect((await politie.request("PUT", path(), body)).status).toBe(403);
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.request("PUT", path(), body)).status).toBe(404);
    expect((await server.client().request("PUT", path(), body)).status).toBe(401);
  });

  it("is held together by the database too: no day of imposing without a last day, or after it", async () => {
    const db = server.deps.database.db;
    const set = (from: string | null, until: string | null) =>
      db
        .update(cases)
        .set({ restrainingOrderFrom: from, restrainingOrderUntil: until })
        .where(eq(cases.id, caseId));
    await expect(set("2026-03-01", null)).rejects.toThrow();
    await expect(set("2026-03-05", "2026-03-04")).rejects.toThrow();
    await set(null, "2026-03-04"); // recorded before the day of imposing was kept
    await set(null, null);
  });

  it("reminds the chair and the case director, not the others, when it ends within two days", async () => {
    const chair = await server.loginAs("voorzitter");
    await chair.request("PUT", path(), { from: "2026-02-24", until: "2026-03-05" });
    const db = server.deps.database.db;
    const [chairId, directorId] = [
      (await demoUser(db, "voorzitter")).id,
      (await demoUser(db, "wijkteam")).id,
    ];
    const heard: Notification[] = [];
    const notifier = { notify: async (n: Notification) => void heard.push(n) };
    const remind = (at: string) => sendDueReminders({ ...server.deps, notifier }, new Date(at));

    await remind("2026-03-02T06:00:00Z"); // three days before its last day: not yet
    expect(heard.filter((n) => n.kind === "restraining_order_ending")).toEqual([]);
    await remind("2026-03-03T06:00:00Z");
    expect(heard.filter((n) => n.kind === "restraining_order_ending")).toEqual([
      {
        kind: "restraining_order_ending",
        caseId,
        until: "2026-03-05",
        extendable: true,
        recipientUserIds: [chairId, directorId].sort(),
      },
    ]);

    // In the app: on the chair's reminders, not on a professional's.
    clock.set("2026-03-04T09:00:00Z");
    try {
      const mine = (await (await server.loginAs("voorzitter")).get("/api/reminders")).json;
      expect(mine.restrainingOrders).toEqual([
        { caseId, reference: "MDA-2026-040", from: "2026-02-24", until: "2026-03-05", extendable: true },
      ]);
      // Extended to its four weeks: still reminded, but no longer extendable.
      const chairNow = await server.loginAs("voorzitter");
      await chairNow.request("PUT", path(), { from: "2026-02-06", until: "2026-03-06" });
      expect((await chairNow.get("/api/reminders")).json.restrainingOrders).toMatchObject([
        { until: "2026-03-06", extendable: false },
      ]);
      const professional = await server.loginAs("politie");
      expect((await professional.get("/api/reminders")).json.restrainingOrders).toEqual([]);
    } finally {
      clock.set("2026-03-02T09:00:00Z");
    }
  });
});
