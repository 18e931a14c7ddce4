/**
 * Benchmark of the action overview (`GET /api/actions`'s query) with 50,000 actions on PGlite.
 * Run: `npx tsx tests/bench/overview.ts` (BENCH_ACTIONS, BENCH_RUNS, BENCH_DATABASE_URL optional;
 * BENCH_DATA_DIR keeps the PGlite data between runs and skips seeding when it is already there).
 * Prints the median time per filter next to a reference on the same table: a plain `count(*)`.
 */
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { actionItems, caseMembers, cases, escalations, organisations, users } from "../../db/schema";
import { demoEmail, demoRegion, seedDemo } from "../../db/seed/demo";
import { actorOf } from "../../server/policy";
import { type OverviewFilter, queryActionOverview } from "../../server/queries/action-overview";
import { addDays, amsterdamDate } from "../../shared/dates";
import type { ActionStatus, CaseRole } from "../../shared/domain";

const total = Number(process.env.BENCH_ACTIONS ?? "50000");
const runs = Number(process.env.BENCH_RUNS ?? "15");
const casesWanted = Math.max(1, Math.round(total / 50));
const now = new Date();
const today = amsterdamDate(now);

const database = await openDatabase({
  url: process.env.BENCH_DATABASE_URL,
  dataDir: process.env.BENCH_DATA_DIR,
});
const db = database.db;
await migrate(database);
await seedDemo(db, now);
const alreadySeeded =
  (await db.select({ id: users.id }).from(users).where(eq(users.email, "bench-0@bench.invalid"))).length > 0;

let seed = 42;
const random = () => {
  // A small deterministic generator so every run seeds the same data.
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

async function seedBench(): Promise<void> {
  // 200 professionals spread over the organisations.
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        email: `bench-${i}@bench.invalid`,
        name: `Professional ${i}`,
        organisationId: orgs[i % orgs.length].id,
        region: demoRegion,
      })),
    )
    .returning({ id: users.id, organisationId: users.organisationId });

  const caseRows: { id: string; members: typeof people }[] = [];
  for (let start = 0; start < casesWanted; start += 500) {
    const batch = await db
      .insert(cases)
      .values(
        Array.from({ length: Math.min(500, casesWanted - start) }, (_, i) => ({
          reference: `BENCH-${String(start + i).padStart(5, "0")}`,
          title: `Bench ${start + i}`,
          region: demoRegion,
        })),
      )
      .returning({ id: cases.id });
    for (const c of batch) {
      const members = Array.from(new Set(Array.from({ length: 6 }, () => pick(people))));
      caseRows.push({ id: c.id, members });
    }
  }
  const memberRows = caseRows.flatMap((c) =>
    c.members.map((m) => ({ caseId: c.id, userId: m.id, role: "professional" as CaseRole })),
  );
  // The demo case director is on one case in ten, so "their" overview has realistic size.
  memberRows.push(
    ...caseRows
      .filter((_, i) => i % 10 === 0)
      .map((c) => ({ caseId: c.id, userId: wijkteam.id, role: "caseDirector" as CaseRole })),
  );
  for (let i = 0; i < memberRows.length; i += 2000)
    await db.insert(caseMembers).values(memberRows.slice(i, i + 2000));

  const statuses: ActionStatus[] = ["open", "open", "in_progress", "done", "done", "done", "cancelled"];
  let inserted = 0;
  while (inserted < total) {
    const n = Math.min(2000, total - inserted);
    await db.insert(actionItems).values(
      Array.from({ length: n }, () => {
        const c = pick(caseRows);
        const owner = pick(c.members);
        return {
          caseId: c.id,
          title: "Bench actiepunt",
          ownerUserId: owner.id,
          ownerOrganisationId: owner.organisationId,
          dueDate: addDays(today, Math.floor(random() * 240) - 180),
          status: pick(statuses),
          createdBy: owner.id,
        };
      }),
    );
    inserted += n;
  }
  // Escalations as a region has them: one late action in fifty escalated, one in three of those
  // escalations resolved again, and a case-level escalation on one case in twenty.
  const late = await db
    .select({ id: actionItems.id, caseId: actionItems.caseId, ownerUserId: actionItems.ownerUserId })
    .from(actionItems)
    .where(sql`${actionItems.status} in ('open', 'in_progress') and ${actionItems.dueDate} < ${today}::date`);
  const escalated = late.filter(() => random() < 0.02);
  const rows = [
    ...escalated.map((a, i) => ({
      caseId: a.caseId,
      actionId: a.id,
      level: "coordinator" as const,
      reason: "Bench: te laat zonder reden",
      raisedBy: coordinatorRow.id,
      ...(i % 3 === 0 ? { outcome: "Bench: opgelost", resolvedBy: coordinatorRow.id, resolvedAt: now } : {}),
    })),
    ...caseRows
      .filter((_, i) => i % 20 === 0)
      .map((c) => ({
        caseId: c.id,
        level: "caseDirector" as const,
        reason: "Bench: casus stagneert",
        raisedBy: coordinatorRow.id,
      })),
  ];
  for (let i = 0; i < rows.length; i += 500) await db.insert(escalations).values(rows.slice(i, i + 500));
}

const t0 = performance.now();
const orgs = await db
  .select({ id: organisations.id })
  .from(organisations)
  .where(eq(organisations.region, demoRegion));
const [wijkteam] = await db
  .select()
  .from(users)
  .where(eq(users.email, demoEmail("wijkteam")));
const [coordinatorRow] = await db
  .select()
  .from(users)
  .where(eq(users.email, demoEmail("coordinator")));
if (!alreadySeeded) await seedBench();
await db.execute(sql`analyze`);
const seedMs = performance.now() - t0;

const coordinator = actorOf(coordinatorRow);
const director = actorOf(wijkteam);
const [someCaseRow] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, "BENCH-00007"));
const someCase = someCaseRow.id;
const [{ caseCount }] = await db.select({ caseCount: sql<number>`count(*)::int` }).from(cases);
const someOrg = orgs[1].id;
const [someOwnerRow] = await db
  .select({ id: users.id })
  .from(users)
  .where(eq(users.email, "bench-7@bench.invalid"));
const someOwner = someOwnerRow.id;

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const overview = (actor: typeof coordinator, filter: OverviewFilter) => () =>
  queryActionOverview(db, actor, { limit: 200, ...filter }, today, 7);

const scenarios: [string, () => Promise<unknown>][] = [
  ["reference: select count(*) from action_items", () => db.execute(sql`select count(*) from action_items`)],
  ["coordinator, no filter (first 200, late first)", overview(coordinator, {})],
  ["coordinator, late only", overview(coordinator, { overdue: true })],
  [
    "coordinator, late only, sorted by days late desc",
    overview(coordinator, { overdue: true, sort: "daysLate", dir: "desc" }),
  ],
  [
    "coordinator, open + in progress, due within 7 days",
    overview(coordinator, { statuses: ["open", "in_progress"], dueTo: addDays(today, 7) }),
  ],
  ["coordinator, one organisation, late", overview(coordinator, { organisationId: someOrg, overdue: true })],
  ["coordinator, one case", overview(coordinator, { caseId: someCase })],
  ["coordinator, one owner", overview(coordinator, { ownerUserId: someOwner })],
  [
    "coordinator, done, due in the last 30 days",
    overview(coordinator, { statuses: ["done"], dueFrom: addDays(today, -30), dueTo: today }),
  ],
  ["coordinator, not late", overview(coordinator, { overdue: false })],
  ["coordinator, sorted by owner", overview(coordinator, { sort: "owner" })],
  ["coordinator, sorted by organisation desc", overview(coordinator, { sort: "organisation", dir: "desc" })],
  ["coordinator, sorted by case", overview(coordinator, { sort: "case" })],
  ["coordinator, sorted by title", overview(coordinator, { sort: "title" })],
  ["coordinator, sorted by status desc", overview(coordinator, { sort: "status", dir: "desc" })],
  ["coordinator, page 101 (offset 20,000)", overview(coordinator, { offset: 20_000 })],
  ["coordinator, proposed for escalation", overview(coordinator, { proposed: true })],
  ["case director, own cases (membership)", overview(director, {})],
  [
    "reminders: my actions due within 3 days or late",
    overview(director, {
      ownerUserId: wijkteam.id,
      statuses: ["open", "in_progress"],
      dueTo: addDays(today, 3),
    }),
  ],
];

console.log(
  `Overview benchmark: ${total} actions, ${caseCount} cases, ${database.kind}, median of ${runs} runs`,
);
console.log(`seeding took ${(seedMs / 1000).toFixed(1)} s`);
async function measureAll(): Promise<number> {
  // Warm-up: a running server has compiled its code paths (V8 and PGlite's WebAssembly both tier up
  // over the first calls) and holds the pages in its buffer cache. Three passes over every scenario.
  for (let pass = 0; pass < 3; pass++) for (const [, fn] of scenarios) await fn();
  let slowest = 0;
  for (const [name, fn] of scenarios) {
    const ms = await median(fn);
    const reference = name.startsWith("reference");
    if (!reference) slowest = Math.max(slowest, ms);
    const { total: rows } = reference
      ? { total: "-" }
      : await (fn() as ReturnType<ReturnType<typeof overview>>);
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}  (matching rows: ${rows})`);
  }
  return slowest;
}

console.log("\nOne region in the database (every case is the coordinator's):");
const oneRegion = await measureAll();
// A database shared by regions: the coordinator's visibility is then checked per action's case.
// One case of another region is enough to switch that check on; it is removed again afterwards.
const [other] = await db
  .insert(cases)
  .values({ reference: "BENCH-OTHER-REGION", title: "Andere regio", region: "Bench-andere-regio" })
  .returning({ id: cases.id });
console.log("\nA second region in the database (visibility checked per action):");
const twoRegions = await measureAll();
await db.delete(cases).where(eq(cases.id, other.id));
console.log(
  `\nslowest overview: ${oneRegion.toFixed(1)} ms with one region, ${twoRegions.toFixed(1)} ms with two (target < 100 ms)`,
);
await database.close();
