/**
 * A huisverbod (temporary restraining order) has legal deadlines: ten days, at most four weeks in
 * all. The case keeps its last day, set by who plans the conferences, shown beside them.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases } from "../../../db/schema";
import { fixedClock } from "../../../server/clock";
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
    const res = await chair.request("PUT", path(), { until: "2026-03-11" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ restrainingOrderUntil: "2026-03-11", categories: ["kinderen", "huisverbod"] });
    expect(await heard).toEqual({ caseId });
    socket.close();

    const director = await server.loginAs("wijkteam");
    const detail = (await director.get(`/api/cases/${caseId}`)).json;
    expect(detail.restrainingOrderUntil).toBe("2026-03-11");
    expect(detail.permissions.restrainingOrder).toBe(true);
    const listed = (await director.get("/api/cases")).json.cases.find((c: { id: string }) => c.id === caseId);
    expect(listed).toMatchObject({ restrainingOrderUntil: "2026-03-11", prioritised: true });

    const [entry] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectType, "restraining_order"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry).toMatchObject({ action: "update", caseId, details: { until: "2026-03-11" } });
  });

  it("is lifted with null, and the category stays", async () => {
    const director = await server.loginAs("wijkteam");
    const res = await director.request("PUT", path(), { until: null });
    expect(res.json.restrainingOrderUntil).toBeNull();
    const [row] = await server.deps.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row.restrainingOrderUntil).toBeNull();
    expect(row.categories).toContain("huisverbod");
  });

  it("refuses a day before today, more than four weeks ahead, nonsense, and who does not plan conferences", async () => {
    const chair = await server.loginAs("voorzitter");
    const past = await chair.request("PUT", path(), { until: "2026-03-01" });
    expect(past.status).toBe(400);
    expect(past.json.error.details).toEqual([{ path: "until", message: "Kies een datum vanaf vandaag." }]);
    const far = await chair.request("PUT", path(), { until: "2026-03-31" });
    expect(far.json.error.details).toEqual([
      { path: "until", message: "Een huisverbod duurt hoogstens vier weken." },
    ]);
    expect((await chair.request("PUT", path(), { until: "2026-03-30" })).status).toBe(200);
    expect((await chair.request("PUT", path(), { until: "morgen" })).status).toBe(400);
    const politie = await server.loginAs("politie");
    expect((await politie.request("PUT", path(), { until: "2026-03-05" })).status).toBe(403);
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.request("PUT", path(), { until: "2026-03-05" })).status).toBe(404);
    expect((await server.client().request("PUT", path(), { until: "2026-03-05" })).status).toBe(401);
  });
});
