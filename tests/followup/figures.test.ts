import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conferences, escalations, organisations, phaseChanges } from "../../db/schema";
import { fixedClock } from "../../server/clock";
import { startTestServer, type TestServer } from "../helpers/server";
import { addAction, addCase, demoUser } from "./fixture";

// Today is 2026-09-15; the figures are asked for March 2026, which the demo data (August/September)
// does not touch. Hand-computed answers are in the comments.
const clock = fixedClock("2026-09-15T08:00:00Z");
let server: TestServer;
const period = "from=2026-03-01&to=2026-03-31";

beforeAll(async () => {
  server = await startTestServer({ clock });
  const db = server.deps.database.db;
  const politie = await demoUser(db, "politie");
  const at = (iso: string) => new Date(iso);
  // A: registered 20 Feb; veiligheid → risicogestuurde zorg on 20 Mar → herstelgerichte zorg on 10 Apr.
  const a = await addCase(db, {
    reference: "FIG-A",
    registeredAt: at("2026-02-20T09:00:00Z"),
    phase: "herstelgerichte_zorg",
  });
  // B: registered 5 Mar at 23:30 Amsterdam (22:30Z); still veiligheid, no recorded changes.
  const b = await addCase(db, { reference: "FIG-B", registeredAt: at("2026-03-05T22:30:00Z") });
  // C: registered 10 Mar; closed on 28 Mar.
  const c = await addCase(db, {
    reference: "FIG-C",
    registeredAt: at("2026-03-10T09:00:00Z"),
    phase: "gesloten",
  });
  // D: registered after the period: not counted anywhere.
  const d = await addCase(db, { reference: "FIG-D", registeredAt: at("2026-04-02T09:00:00Z") });
  // Another region: never counted.
  const x = await addCase(db, {
    reference: "FIG-X",
    registeredAt: at("2026-03-02T09:00:00Z"),
    region: "Twente",
  });
  await db.insert(phaseChanges).values([
    { caseId: a, fromPhase: null, toPhase: "veiligheid", reason: "r", changedAt: at("2026-02-20T09:00:00Z") },
    {
      caseId: a,
      fromPhase: "veiligheid",
      toPhase: "risicogestuurde_zorg",
      reason: "r",
      changedAt: at("2026-03-20T09:00:00Z"),
    },
    {
      caseId: a,
      fromPhase: "risicogestuurde_zorg",
      toPhase: "herstelgerichte_zorg",
      reason: "r",
      changedAt: at("2026-04-10T09:00:00Z"),
    },
    {
      caseId: c,
      fromPhase: "veiligheid",
      toPhase: "gesloten",
      reason: "r",
      changedAt: at("2026-03-28T09:00:00Z"),
    },
  ]);
  // First conferences held: A on 2 Mar (10 days after registration; a later one is ignored), B on
  // 9 Mar (4 days; one planned for 7 Mar was never held and does not count), C on 1 Apr (outside
  // the period), D on 5 Apr. Median of [10, 4] = 7.
  const held = (caseId: string, iso: string) => ({
    caseId,
    scheduledAt: at(iso),
    status: "ended" as const,
    startedAt: at(iso),
    endedAt: new Date(at(iso).getTime() + 45 * 60_000),
  });
  await db
    .insert(conferences)
    .values([
      held(a, "2026-03-02T09:00:00Z"),
      held(a, "2026-03-16T09:00:00Z"),
      { caseId: b, scheduledAt: at("2026-03-07T09:00:00Z") },
      held(b, "2026-03-09T09:00:00Z"),
      held(c, "2026-04-01T08:00:00Z"),
      held(d, "2026-04-05T08:00:00Z"),
      held(x, "2026-03-03T09:00:00Z"),
    ]);
  // Actions due in March: 4 counted (the cancelled one is not), 2 on time, 2 late.
  // Politie: done 10 Mar 23:30 Amsterdam for 10 Mar (on time); done 13 Mar 00:30 Amsterdam for 12 Mar (late).
  await addAction(db, {
    caseId: a,
    owner: "politie",
    dueDate: "2026-03-10",
    status: "done",
    completedAt: at("2026-03-10T22:30:00Z"),
  });
  await addAction(db, {
    caseId: a,
    owner: "politie",
    dueDate: "2026-03-12",
    status: "done",
    completedAt: at("2026-03-12T23:30:00Z"),
  });
  // Wijkteam: still open (late); a cancelled one (not counted).
  const open = await addAction(db, { caseId: a, owner: "wijkteam", dueDate: "2026-03-15" });
  await addAction(db, { caseId: b, owner: "wijkteam", dueDate: "2026-03-20", status: "cancelled" });
  // Veilig Thuis: done early (on time); one due in April (outside).
  await addAction(db, {
    caseId: b,
    owner: "veiligthuis",
    dueDate: "2026-03-25",
    status: "done",
    completedAt: at("2026-03-20T09:00:00Z"),
  });
  await addAction(db, { caseId: b, owner: "veiligthuis", dueDate: "2026-04-02" });
  await addAction(db, { caseId: x, owner: "politie", dueDate: "2026-03-10" });
  // Escalations raised in March: the wijkteam action (20 Mar), case C on 31 Mar 23:30 Amsterdam.
  // Case B's on 1 Apr 00:30 Amsterdam (31 Mar 22:30Z) is outside.
  await db.insert(escalations).values([
    {
      caseId: a,
      actionId: open,
      level: "caseDirector",
      reason: "r",
      raisedBy: politie.id,
      raisedAt: at("2026-03-20T10:00:00Z"),
    },
    {
      caseId: c,
      level: "caseDirector",
      reason: "r",
      raisedBy: politie.id,
      raisedAt: at("2026-03-31T21:30:00Z"),
    },
    {
      caseId: b,
      level: "caseDirector",
      reason: "r",
      raisedBy: politie.id,
      raisedAt: at("2026-03-31T22:30:00Z"),
    },
  ]);
});
afterAll(async () => {
  await server?.stop();
});

describe("GET /api/figures", () => {
  it("matches the hand-computed figures of the fixture", async () => {
    const coordinator = await server.loginAs("coordinator");
    const res = await coordinator.get(`/api/figures?${period}`);
    expect(res.status).toBe(200);
    const f = res.json;
    expect(f.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(f.casesPerPhase).toEqual([
      { phase: "veiligheid", count: 1 },
      { phase: "risicogestuurde_zorg", count: 1 },
      { phase: "herstelgerichte_zorg", count: 0 },
      { phase: "afgeschaald", count: 0 },
      { phase: "gesloten", count: 1 },
    ]);
    expect(f.registrationToFirstConference).toEqual({ cases: 2, medianDays: 7 });
    expect(f.actions).toEqual({ due: 4, doneOnTime: 2, shareOnTime: 0.5, late: 2 });
    expect(f.escalations).toBe(2);
    const org = (name: string | null) =>
      f.byOrganisation.find((o: { organisationName: string | null }) => o.organisationName === name);
    expect(org("Politie Oost-Nederland")).toMatchObject({
      actionsDue: 2,
      doneOnTime: 1,
      late: 1,
      escalations: 0,
    });
    expect(org("Wijkteam Zwolle-Zuid")).toMatchObject({
      actionsDue: 1,
      doneOnTime: 0,
      late: 1,
      escalations: 1,
    });
    expect(org("Veilig Thuis IJsselland")).toMatchObject({
      actionsDue: 1,
      doneOnTime: 1,
      late: 0,
      escalations: 0,
    });
    expect(org(null)).toMatchObject({ actionsDue: 0, escalations: 1 });
  });

  it("offers the same figures as a CSV download", async () => {
    const coordinator = await server.loginAs("coordinator");
    const res = await coordinator.get(`/api/figures?${period}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("cijfers-2026-03-01-2026-03-31.csv");
    const lines = res.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    // For Excel in Dutch: semicolons, a decimal comma, phases in words.
    expect(lines[0]).toBe("onderdeel;categorie;waarde");
    expect(lines).toContain("casussen per fase;gesloten;1");
    expect(lines.filter((l) => l.includes("_"))).toEqual([]);
    expect(lines).toContain("aanmelding tot eerste overleg;mediaan dagen;7");
    expect(lines).toContain("actiepunten;aandeel op tijd;0,500");
    expect(lines).toContain("per organisatie: te laat;Wijkteam Zwolle-Zuid;1");
    // The row without an organisation says what it holds, in the page's words.
    expect(lines).toContain(
      "per organisatie: escalaties;zonder organisatie (ervaringsdeskundige of de casus zelf);1",
    );
  });

  it("defuses a name a spreadsheet would run as a formula", async () => {
    const db = server.deps.database.db;
    const [org] = await db.select().from(organisations).where(eq(organisations.name, "Wijkteam Zwolle-Zuid"));
    await db.update(organisations).set({ name: "=HYPERLINK(1)" }).where(eq(organisations.id, org.id));
    try {
      const coordinator = await server.loginAs("coordinator");
      const res = await coordinator.get(`/api/figures?${period}&format=csv`);
      expect(res.text).toContain("per organisatie: te laat;'=HYPERLINK(1);1");
    } finally {
      await db.update(organisations).set({ name: org.name }).where(eq(organisations.id, org.id));
    }
  });

  it("is for coordinators only and refuses a bad period", async () => {
    const wijkteam = await server.loginAs("wijkteam");
    const refused = await wijkteam.get(`/api/figures?${period}`);
    expect(refused.status).toBe(403);
    // The figures are no case: the refusal does not say "in deze casus".
    expect(refused.json.error.message).toBe("Dit mag u niet doen.");
    const coordinator = await server.loginAs("coordinator");
    expect((await coordinator.get("/api/figures?from=2026-04-01&to=2026-03-01")).status).toBe(400);
    expect((await coordinator.get("/api/figures?from=maart")).status).toBe(400);
    expect((await coordinator.get("/api/figures?format=xlsx")).status).toBe(400);
    expect((await server.client().get("/api/figures")).status).toBe(401);
    // Without a period: this year up to today.
    expect((await coordinator.get("/api/figures")).json.period).toEqual({
      from: "2026-01-01",
      to: "2026-09-15",
    });
  });
});
