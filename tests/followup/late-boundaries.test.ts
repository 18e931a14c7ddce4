import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { addAction, demoCaseId } from "./fixture";

// Late = due before today's Amsterdam date and not done or cancelled. Checked at 23:30 and 00:30
// Amsterdam around both daylight-saving switches of 2026 (29 March, 25 October).
const clock = fixedClock("2026-03-20T08:00:00Z");
let server: TestServer;
let coordinator: HttpClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ clock });
  const db = server.deps.database.db;
  const caseId = await demoCaseId(db);
  for (const due of ["2026-03-28", "2026-03-29", "2026-10-24", "2026-10-25"]) {
    ids[due] = await addAction(db, { caseId, owner: "politie", dueDate: due, title: `Termijn ${due}` });
  }
  ids.done = await addAction(db, { caseId, owner: "politie", dueDate: "2026-03-28", status: "done" });
  ids.cancelled = await addAction(db, {
    caseId,
    owner: "politie",
    dueDate: "2026-03-28",
    status: "cancelled",
  });
});
afterAll(async () => {
  await server?.stop();
});

async function stateAt(instant: string, due: string) {
  clock.set(instant);
  coordinator = await server.loginAs("coordinator");
  const res = await coordinator.get(`/api/actions/${ids[due]}`);
  expect(res.status).toBe(200);
  return { today: res.json.today, overdue: res.json.action.overdue, daysLate: res.json.action.daysLate };
}

describe("the derived late state at midnight in Amsterdam", () => {
  it.each([
    // 28 March 23:30 CET (UTC+1) is 22:30Z; 29 March 00:30 CET is 23:30Z the day before.
    ["2026-03-28T22:30:00Z", "2026-03-28", { today: "2026-03-28", overdue: false, daysLate: 0 }],
    ["2026-03-28T23:30:00Z", "2026-03-28", { today: "2026-03-29", overdue: true, daysLate: 1 }],
    // 29 March is the switch to CEST (UTC+2): 23:30 is 21:30Z, 30 March 00:30 is 22:30Z on the 29th.
    ["2026-03-29T21:30:00Z", "2026-03-29", { today: "2026-03-29", overdue: false, daysLate: 0 }],
    ["2026-03-29T22:30:00Z", "2026-03-29", { today: "2026-03-30", overdue: true, daysLate: 1 }],
    // 24 October 23:30 CEST is 21:30Z; 25 October 00:30 CEST is 22:30Z on the 24th.
    ["2026-10-24T21:30:00Z", "2026-10-24", { today: "2026-10-24", overdue: false, daysLate: 0 }],
    ["2026-10-24T22:30:00Z", "2026-10-24", { today: "2026-10-25", overdue: true, daysLate: 1 }],
    // 25 October is the switch back to CET (UTC+1): 23:30 is 22:30Z, 26 October 00:30 is 23:30Z.
    ["2026-10-25T22:30:00Z", "2026-10-25", { today: "2026-10-25", overdue: false, daysLate: 0 }],
    ["2026-10-25T23:30:00Z", "2026-10-25", { today: "2026-10-26", overdue: true, daysLate: 1 }],
  ])("at %s an action due %s is %o", async (instant, due, expected) => {
    expect(await stateAt(instant, due)).toEqual(expected);
  });

  it("never calls a done or cancelled action late, and the late filter agrees with the flag", async () => {
    clock.set("2026-03-29T10:00:00Z");
    coordinator = await server.loginAs("coordinator");
    const late = await coordinator.get("/api/actions?overdue=true");
    const lateIds = late.json.actions.map((a: { id: string }) => a.id);
    expect(lateIds).toContain(ids["2026-03-28"]);
    expect(lateIds).not.toContain(ids["2026-03-29"]);
    expect(lateIds).not.toContain(ids.done);
    expect(lateIds).not.toContain(ids.cancelled);
  });
});
