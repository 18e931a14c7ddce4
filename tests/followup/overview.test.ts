import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionItems, caseMembers, cases, escalations } from "../../db/schema";
import { fixedClock } from "../../server/clock";
import { addDays } from "../../shared/dates";
import { startTestServer, type TestServer } from "../helpers/server";
import { addAction, addCase, demoCaseId, demoUser } from "./fixture";

// 2026-06-10 10:00 Amsterdam: the demo seed puts wijkteam's action at 2026-06-08 (late).
const clock = fixedClock("2026-06-10T08:00:00Z");
const today = "2026-06-10";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server?.stop();
});

type Item = {
  id: string;
  title: string;
  status: string;
  dueDate: string;
  overdue: boolean;
  daysLate: number;
  lateReason: string | null;
  owner: { name: string };
  organisation: { id: string; name: string } | null;
  case: { id: string; reference: string };
  proposedForEscalation: boolean;
};

describe("GET /api/actions (the overview)", () => {
  it("shows the coordinator every action of the region, the late one first without a reason", async () => {
    const coordinator = await server.loginAs("coordinator");
    const res = await coordinator.get("/api/actions");
    expect(res.status).toBe(200);
    expect(res.json.today).toBe(today);
    const list: Item[] = res.json.actions;
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ overdue: true, daysLate: 2, lateReason: null, dueDate: "2026-06-08" });
    expect(list[0].organisation?.name).toBe("Wijkteam Zwolle-Zuid");
    expect(list.slice(1).every((a) => !a.overdue)).toBe(true);
    // Not late for longer than 7 days: not yet proposed for escalation.
    expect(list[0].proposedForEscalation).toBe(false);
  });

  it("filters to late actions, by owner, organisation, case, status and due window", async () => {
    const coordinator = await server.loginAs("coordinator");
    const late = await coordinator.get("/api/actions?overdue=true");
    expect(late.json.actions.map((a: Item) => a.owner.name)).toEqual(["Joris Smit"]);
    const notLate = await coordinator.get("/api/actions?overdue=false");
    expect(notLate.json.actions).toHaveLength(2);

    const politie = await demoUser(server.deps.database.db, "politie");
    const byOwner = await coordinator.get(`/api/actions?owner=${politie.id}`);
    expect(byOwner.json.actions.map((a: Item) => a.title)).toEqual(["AWARE-alarm installeren bij moeder"]);
    const byOrg = await coordinator.get(`/api/actions?organisationId=${politie.organisationId}`);
    expect(byOrg.json.actions).toHaveLength(1);

    const within7 = await coordinator.get("/api/actions?dueWithin=7");
    expect(within7.json.actions.map((a: Item) => a.dueDate)).toEqual(["2026-06-08", "2026-06-15"]);
    const window = await coordinator.get("/api/actions?dueFrom=2026-06-09&dueTo=2026-06-30");
    expect(window.json.actions.map((a: Item) => a.dueDate)).toEqual(["2026-06-15", "2026-06-24"]);

    const caseId = await demoCaseId(server.deps.database.db);
    const other = await addCase(server.deps.database.db, {
      reference: "MDA-OVERVIEW-2",
      registeredAt: new Date("2026-05-01T08:00:00Z"),
      members: [["veiligthuis", "caseDirector"]],
    });
    await addAction(server.deps.database.db, {
      caseId: other,
      owner: "veiligthuis",
      dueDate: "2026-06-01",
      status: "done",
    });
    const byCase = await coordinator.get(`/api/actions?caseId=${other}`);
    expect(byCase.json.actions).toHaveLength(1);
    expect(byCase.json.actions[0]).toMatchObject({ status: "done", overdue: false, daysLate: 0 });
    const demoOnly = await coordinator.get(`/api/actions?caseId=${caseId}`);
    expect(demoOnly.json.actions).toHaveLength(3);

    const done = await coordinator.get("/api/actions?status=done");
    expect(done.json.actions.map((a: Item) => a.case.reference)).toEqual(["MDA-OVERVIEW-2"]);
    const openOrDone = await coordinator.get("/api/actions?status=open,done");
    expect(openOrDone.json.total).toBe(4);
  });

  it("sorts by a column in both directions, always with the late ones first", async () => {
    const coordinator = await server.loginAs("coordinator");
    const asc = await coordinator.get("/api/actions?sort=owner&dir=asc&status=open");
    const names = asc.json.actions.map((a: Item) => a.owner.name);
    expect(names[0]).toBe("Joris Smit");
    expect(names.slice(1)).toEqual(["Ellen Bakker", "Karin Mulder"]);
    const desc = await coordinator.get("/api/actions?sort=due&dir=desc&status=open");
    expect(desc.json.actions.map((a: Item) => a.dueDate)).toEqual(["2026-06-08", "2026-06-24", "2026-06-15"]);
  });

  it("shows a professional only the actions of their own cases, and my own with owner=me", async () => {
    const wijkteam = await server.loginAs("wijkteam");
    const mine = await wijkteam.get("/api/actions?owner=me");
    expect(mine.json.actions.map((a: Item) => a.title)).toEqual([
      "Aanmelding traumabehandeling moeder bevestigen",
    ]);
    // wijkteam is not on MDA-OVERVIEW-2.
    const all = await wijkteam.get("/api/actions");
    expect(all.json.actions.every((a: Item) => a.case.reference === "MDA-DEMO-001")).toBe(true);
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.get("/api/actions")).json.actions).toEqual([]);
  });

  it("proposes an action late for more than 7 days without a reason for escalation", async () => {
    const db = server.deps.database.db;
    const caseId = await demoCaseId(db);
    const eight = await addAction(db, {
      caseId,
      owner: "politie",
      dueDate: addDays(today, -8),
      title: "Acht dagen te laat",
    });
    await addAction(db, {
      caseId,
      owner: "politie",
      dueDate: addDays(today, -7),
      title: "Zeven dagen te laat",
    });
    await addAction(db, {
      caseId,
      owner: "politie",
      dueDate: addDays(today, -9),
      title: "Met reden",
      lateReason: "circumstances_changed",
    });
    const coordinator = await server.loginAs("coordinator");
    const proposed = await coordinator.get("/api/actions?proposed=true");
    expect(proposed.json.actions.map((a: Item) => a.id)).toEqual([eight]);
    const withReason = (await coordinator.get("/api/actions?overdue=true&sort=daysLate&dir=desc")).json
      .actions[0];
    expect(withReason).toMatchObject({
      title: "Met reden",
      daysLate: 9,
      lateReason: "circumstances_changed",
    });
  });

  it("pages with limit and offset and always reports the total", async () => {
    const wijkteam = await server.loginAs("wijkteam");
    const all = (await wijkteam.get("/api/actions")).json;
    const first = (await wijkteam.get("/api/actions?limit=1")).json;
    expect(first.actions.map((a: Item) => a.id)).toEqual([all.actions[0].id]);
    expect(first.total).toBe(all.total);
    const last = (await wijkteam.get(`/api/actions?limit=2&offset=${all.total - 1}`)).json;
    expect(last.actions.map((a: Item) => a.id)).toEqual([all.actions.at(-1).id]);
    expect(last.total).toBe(all.total);
    const beyond = (await wijkteam.get(`/api/actions?offset=${all.total + 5}`)).json;
    expect(beyond).toMatchObject({ actions: [], total: all.total });
  });

  it("pages through every sort without skipping or repeating an action across the late ones", async () => {
    const coordinator = await server.loginAs("coordinator");
    for (const sort of ["due", "owner", "daysLate", "title"]) {
      for (const dir of ["asc", "desc"]) {
        const all = (await coordinator.get(`/api/actions?sort=${sort}&dir=${dir}`)).json;
        expect(all.total).toBeGreaterThan(3);
        const lateCount = all.actions.filter((a: Item) => a.overdue).length;
        expect(lateCount).toBeGreaterThan(1);
        // The late ones lead in every order.
        expect(all.actions.slice(0, lateCount).every((a: Item) => a.overdue)).toBe(true);
        const paged: string[] = [];
        for (let offset = 0; offset < all.total; offset += 2) {
          const page = (
            await coordinator.get(`/api/actions?sort=${sort}&dir=${dir}&limit=2&offset=${offset}`)
          ).json;
          expect(page.total).toBe(all.total);
          paged.push(...page.actions.map((a: Item) => a.id));
        }
        expect(paged).toEqual(all.actions.map((a: Item) => a.id));
      }
    }
  });

  it("leaves an action out of the proposals while it has an open escalation, not after it is resolved", async () => {
    const db = server.deps.database.db;
    const caseId = await demoCaseId(db);
    const action = await addAction(db, {
      caseId,
      owner: "politie",
      dueDate: addDays(today, -12),
      title: "Twaalf dagen te laat",
    });
    const coordinator = await server.loginAs("coordinator");
    const proposedIds = async () =>
      (await coordinator.get("/api/actions?proposed=true")).json.actions.map((a: Item) => a.id);
    expect(await proposedIds()).toContain(action);

    const raisedBy = (await demoUser(db, "coordinator")).id;
    const [open] = await db
      .insert(escalations)
      .values({ caseId, actionId: action, level: "caseDirector", reason: "Geen reactie", raisedBy })
      .returning({ id: escalations.id });
    expect(await proposedIds()).not.toContain(action);
    const row = (await coordinator.get(`/api/actions?caseId=${caseId}&overdue=true`)).json.actions.find(
      (a: Item) => a.id === action,
    );
    expect(row).toMatchObject({ proposedForEscalation: false, escalation: { level: "caseDirector" } });

    await db
      .update(escalations)
      .set({ outcome: "Opgepakt", resolvedBy: raisedBy, resolvedAt: new Date() })
      .where(eq(escalations.id, open.id));
    expect(await proposedIds()).toContain(action);
  });

  it("keeps another region's actions from the coordinator unless they are on that case", async () => {
    const db = server.deps.database.db;
    const coordinator = await server.loginAs("coordinator");
    const before = (await coordinator.get("/api/actions")).json;

    // A second region in the same database: the coordinator of IJsselland is not on this case.
    const twente = await addCase(db, {
      reference: "MDA-TWENTE-001",
      registeredAt: new Date("2026-05-01T08:00:00Z"),
      region: "Twente",
      members: [["politie", "professional"]],
    });
    const elsewhere = await addAction(db, {
      caseId: twente,
      owner: "politie",
      dueDate: addDays(today, -20),
      title: "Actie in een andere regio",
    });
    for (const q of ["", "?overdue=true", "?proposed=true", "?sort=title", `?caseId=${twente}`]) {
      const res = (await coordinator.get(`/api/actions${q}`)).json;
      expect(
        res.actions.map((a: Item) => a.id),
        q,
      ).not.toContain(elsewhere);
    }
    const after = (await coordinator.get("/api/actions")).json;
    expect(after.total).toBe(before.total);
    expect(after.actions.map((a: Item) => a.id)).toEqual(before.actions.map((a: Item) => a.id));
    // Its member sees it.
    const politie = await server.loginAs("politie");
    expect((await politie.get("/api/actions?owner=me")).json.actions.map((a: Item) => a.id)).toContain(
      elsewhere,
    );

    // On the case as a member, the coordinator sees it too.
    const coordinatorId = (await demoUser(db, "coordinator")).id;
    await db.insert(caseMembers).values({ caseId: twente, userId: coordinatorId, role: "professional" });
    const member = (await coordinator.get("/api/actions")).json;
    expect(member.total).toBe(before.total + 1);
    expect(member.actions.map((a: Item) => a.id)).toContain(elsewhere);
    await db
      .delete(caseMembers)
      .where(and(eq(caseMembers.caseId, twente), eq(caseMembers.userId, coordinatorId)));
  });

  it("offers as filter choices every case, owner and organisation of the visible actions, and no others", async () => {
    const coordinator = await server.loginAs("coordinator");
    const all: Item[] = (await coordinator.get("/api/actions?limit=500")).json.actions;
    const choices = (await coordinator.get("/api/actions/filters")).json;
    const names = (list: { name: string }[]) => list.map((x) => x.name).sort();
    expect(names(choices.cases)).toEqual([...new Set(all.map((a) => a.case.reference))].sort());
    expect(names(choices.owners)).toEqual([...new Set(all.map((a) => a.owner.name))].sort());
    expect(names(choices.organisations)).toEqual(
      [...new Set(all.flatMap((a) => (a.organisation ? [a.organisation.name] : [])))].sort(),
    );
    // The other region's case (previous test) is not among the coordinator's choices; its member sees it.
    expect(names(choices.cases)).not.toContain("MDA-TWENTE-001");
    const politie = await server.loginAs("politie");
    expect(names((await politie.get("/api/actions/filters")).json.cases)).toContain("MDA-TWENTE-001");
    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.get("/api/actions/filters")).json).toEqual({
      cases: [],
      owners: [],
      organisations: [],
    });
  });

  it("offers every case as a choice also in a region with more than 5,000 cases", async () => {
    const db = server.deps.database.db;
    const owners = await Promise.all(["politie", "wijkteam", "veiligthuis"].map((k) => demoUser(db, k)));
    const references = Array.from({ length: 5_100 }, (_, i) => `MDA-KEUZE-${String(i).padStart(4, "0")}`);
    // Generated by the database in two statements: thousands of rows bound as parameters block the
    // in-process server for seconds, long enough for its idle keep-alive sockets to time out under
    // the next request.
    await db.execute(sql`insert into ${cases} (reference, title, region)
      select 'MDA-KEUZE-' || lpad(i::text, 4, '0'), 'Keuze', 'IJsselland' from generate_series(0, 5099) as i`);
    const ownerIds = `{${owners.map((o) => o.id).join(",")}}`;
    const organisationIds = `{${owners.map((o) => o.organisationId).join(",")}}`;
    await db.execute(sql`insert into ${actionItems} (case_id, title, owner_user_id, owner_organisation_id, due_date, created_by)
      select c.id, 'Keuze', (${ownerIds}::uuid[])[1 + n % 3], (${organisationIds}::uuid[])[1 + n % 3],
        ${addDays(today, 30)}::date, (${ownerIds}::uuid[])[1 + n % 3]
      from (select id, row_number() over (order by reference) as n from ${cases}
        where reference like 'MDA-KEUZE-%') as c`);

    const coordinator = await server.loginAs("coordinator");
    const choices = (await coordinator.get("/api/actions/filters")).json;
    const offered = new Set(choices.cases.map((c: { name: string }) => c.name));
    expect(references.filter((r) => !offered.has(r))).toEqual([]);
    expect(choices.owners.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining(owners.map((o) => o.id)),
    );
  });

  it("refuses bad filters with 400 and a missing session with 401", async () => {
    const coordinator = await server.loginAs("coordinator");
    for (const q of [
      "status=klaar",
      "overdue=ja",
      "caseId=abc",
      "dueFrom=10-06-2026",
      "sort=naam",
      "limit=0",
    ]) {
      const res = await coordinator.get(`/api/actions?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe("invalid_input");
    }
    expect((await server.client().get("/api/actions")).status).toBe(401);
    expect((await server.client().get("/api/reminders")).status).toBe(401);
  });
});

describe("GET /api/actions/:actionId (the detail)", () => {
  it("shows the action with its history to a member and hides it from an outsider", async () => {
    const coordinator = await server.loginAs("coordinator");
    const [late] = (
      await coordinator.get(
        `/api/actions?overdue=true&owner=${(await demoUser(server.deps.database.db, "wijkteam")).id}`,
      )
    ).json.actions;
    const detail = await coordinator.get(`/api/actions/${late.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.action).toMatchObject({ id: late.id, overdue: true });
    expect(detail.json.history).toHaveLength(1);
    expect(detail.json.history[0].changes).toEqual([{ field: "status", from: null, to: "open" }]);
    // Escalated by the coordinator it goes above her, to management (who may close an escalation
    // is said per escalation, by its level).
    expect(detail.json.nextEscalationLevel).toBe("management");
    expect(detail.json.permissions).toEqual({ update: true, assign: true, escalate: true });

    const expert = await server.loginAs("ervaringsdeskundige");
    const asExpert = await expert.get(`/api/actions/${late.id}`);
    expect(asExpert.status).toBe(200);
    expect(asExpert.json.permissions.update).toBe(false);

    const outsider = await server.loginAs("buitenstaander");
    expect((await outsider.get(`/api/actions/${late.id}`)).status).toBe(404);
    expect((await outsider.get("/api/actions/not-a-uuid")).status).toBe(404);
    expect((await coordinator.get("/api/actions/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
