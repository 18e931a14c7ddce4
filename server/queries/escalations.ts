/** Escalations with their case, action and people, for lists and the action detail. */

import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../db/client";
import { actionItems, caseMembers, cases, escalations, users } from "../../db/schema";
import type { Actor, CaseAccess } from "../policy";

const raiser = alias(users, "raiser");
const resolver = alias(users, "resolver");

/** Escalations the actor may see (coordinator: region; others: cases they are on), newest first. */
export async function queryEscalations(
  db: Db | Tx,
  actor: Actor,
  filter: { open?: boolean; caseId?: string; actionId?: string },
) {
  const member = sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${escalations.caseId} and ${caseMembers.userId} = ${actor.id})`;
  const visible: SQL =
    actor.globalRole === "coordinator" ? sql`(${cases.region} = ${actor.region} or ${member})` : member;
  return db
    .select({
      id: escalations.id,
      caseId: escalations.caseId,
      caseReference: cases.reference,
      actionId: escalations.actionId,
      actionTitle: actionItems.title,
      level: escalations.level,
      reason: escalations.reason,
      raisedById: escalations.raisedBy,
      raisedByName: raiser.name,
      raisedAt: escalations.raisedAt,
      outcome: escalations.outcome,
      resolvedById: escalations.resolvedBy,
      resolvedByName: resolver.name,
      resolvedAt: escalations.resolvedAt,
    })
    .from(escalations)
    .innerJoin(cases, eq(cases.id, escalations.caseId))
    .leftJoin(actionItems, eq(actionItems.id, escalations.actionId))
    .leftJoin(raiser, eq(raiser.id, escalations.raisedBy))
    .leftJoin(resolver, eq(resolver.id, escalations.resolvedBy))
    .where(
      and(
        visible,
        filter.open === true ? isNull(escalations.resolvedAt) : undefined,
        filter.caseId ? eq(escalations.caseId, filter.caseId) : undefined,
        filter.actionId ? eq(escalations.actionId, filter.actionId) : undefined,
      ),
    )
    .orderBy(desc(escalations.raisedAt), desc(escalations.id))
    .limit(500);
}

/**
 * Whether the case director (casusregisseur) is the one raising an escalation or the owner of the
 * action it is about: then it skips their level (`nextEscalationLevel`).
 */
export async function caseDirectorInvolved(
  db: Db | Tx,
  access: CaseAccess,
  ownerUserId: string | null,
): Promise<boolean> {
  if (access.role === "caseDirector") return true;
  if (ownerUserId === null) return false;
  const [row] = await db
    .select({ role: caseMembers.role })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, access.caseId), eq(caseMembers.userId, ownerUserId)))
    .limit(1);
  return row?.role === "caseDirector";
}
