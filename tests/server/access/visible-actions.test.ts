/**
 * The action overview filters in SQL (`visibleActionsSql`); single actions are checked with the
 * rule `action:view`. Both spell the same policy and must agree for every person and every action,
 * in a database of one region (where the SQL takes a shortcut for coordinators) and of two.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actionItems, caseMembers, cases, users } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { type Actor, actorOf, can, loadCaseAccess, visibleActionsSql } from "../../../server/policy";
import { useMigratedDatabase } from "../../helpers/database";

const ctx = useMigratedDatabase();
const now = new Date("2026-11-23T10:00:00Z");
let actors: Actor[] = [];

beforeAll(async () => {
  const db = ctx.database.db;
  await seedDemo(db, now);
  const [creator] = await db.select().from(users).where(eq(users.email, "coordinator@demo.eenplan.nl"));
  // A second case in the region that only its chair is on, with an action of its own.
  const [other] = await db
    .insert(cases)
    .values({ reference: "MDA-2026-050", title: "Ander huishouden", region: "IJsselland", categories: [] })
    .returning({ id: cases.id });
  const [politie] = await db.select().from(users).where(eq(users.email, "politie@demo.eenplan.nl"));
  await db.insert(caseMembers).values({ caseId: other.id, userId: politie.id, role: "chair" });
  await db.insert(actionItems).values({
    caseId: other.id,
    title: "Gesprek plannen",
    ownerUserId: politie.id,
    dueDate: "2026-12-01",
    createdBy: creator.id,
  });
  actors = (await db.select().from(users)).map(actorOf);
  // A coordinator of another region, on none of the cases.
  actors.push({ ...actorOf(creator), id: creator.id, region: "Twente" });
});

/** For each actor: the actions the SQL lets through, and the actions the rule allows one by one. */
async function bothForms(): Promise<{ who: string; sql: string[]; rule: string[] }[]> {
  const db = ctx.database.db;
  const all = await db.select({ id: actionItems.id, caseId: actionItems.caseId }).from(actionItems);
  const out = [];
  for (const actor of actors) {
    const visible = await db.select({ id: actionItems.id }).from(actionItems).where(visibleActionsSql(actor));
    const allowed: string[] = [];
    for (const action of all) {
      const access = await loadCaseAccess(db, actor, action.caseId, now);
      if (access && can(actor, "action:view", access)) allowed.push(action.id);
    }
    out.push({
      who: `${actor.globalRole} ${actor.id} ${actor.region}`,
      sql: visible.map((r) => r.id).sort(),
      rule: allowed.sort(),
    });
  }
  return out;
}

describe("visibleActionsSql", () => {
  it("lets through exactly the actions action:view allows, in a database of one region and of two", async () => {
    const oneRegion = await bothForms();
    for (const { who, sql, rule } of oneRegion) expect(sql, who).toEqual(rule);
    // Someone sees something and someone does not: the comparison is not between empty lists.
    expect(oneRegion.some((f) => f.rule.length > 0)).toBe(true);
    expect(oneRegion.some((f) => f.rule.length === 0)).toBe(true);

    const db = ctx.database.db;
    const [creator] = await db.select().from(users).where(eq(users.email, "coordinator@demo.eenplan.nl"));
    const [twente] = await db
      .insert(cases)
      .values({ reference: "MDA-2026-T01", title: "Twente", region: "Twente", categories: [] })
      .returning({ id: cases.id });
    await db.insert(actionItems).values({
      caseId: twente.id,
      title: "Overdracht Twente",
      ownerUserId: creator.id,
      dueDate: "2026-12-02",
      createdBy: creator.id,
    });
    const twoRegions = await bothForms();
    for (const { who, sql, rule } of twoRegions) expect(sql, who).toEqual(rule);
    // The new action is seen by someone (Twente's coordinator): the second region was exercised.
    const seen = twoRegions.flatMap((f) => f.rule);
    expect(seen.length).toBeGreaterThan(oneRegion.flatMap((f) => f.rule).length);
  });
});
