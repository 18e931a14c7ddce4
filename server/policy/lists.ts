/**
 * The policy's rules as SQL conditions, for lists the database filters and pages itself: each must
 * answer exactly as its rule in rules.ts does for one subject (tests/server/access holds them to it).
 */
import { type SQL, sql } from "drizzle-orm";
import { actionItems, caseMembers, cases } from "../../db/schema";
import type { Actor } from "./types";

/**
 * `action:view` over `action_items`: coordinators see their region's actions, everyone the actions
 * of the cases they are on.
 * Written as EXISTS so the database hashes each small set of cases once and can still walk an
 * index in due order and stop after one page (an IN here became a join that compares every row
 * with every case).
 */
export function visibleActionsSql(actor: Actor): SQL {
  const mine = sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${actionItems.caseId} and ${caseMembers.userId} = ${actor.id})`;
  if (actor.globalRole === "coordinator") {
    // A database usually holds one region. Then every action is the coordinator's, which the
    // database checks once per query (an InitPlan) instead of looking up each action's case.
    const onlyMyRegion = sql`not exists (select 1 from ${cases} where ${cases.region} <> ${actor.region})`;
    return sql`(${onlyMyRegion} or exists (select 1 from ${cases} where ${cases.id} = ${actionItems.caseId} and ${cases.region} = ${actor.region}) or ${mine})`;
  }
  return mine;
}
