/** Escalations with their case, action and people, for lists and the action detail. */

import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../db/client";
import { actionItems, caseMembers, cases, escalations, users } from "../../db/schema";
import { type EscalationLevel, type EscalationRaiser, lowestEscalationLevel } from "../../shared/domain";
import { type Actor, type CaseAccess, can, loadCaseAccesses } from "../policy";

const raiser = alias(users, "raiser");
const resolver = alias(users, "resolver");

/**
 * Escalations the actor may see (coordinator: region; others: cases they are on), newest first, each
 * with its action's current status and due date and whether the actor may close it.
 */
export async function queryEscalations(
  db: Db,
  actor: Actor,
  filter: { open?: boolean; caseId?: string; actionId?: string },
  now: Date,
) {
  const member = sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${escalations.caseId} and ${caseMembers.userId} = ${actor.id})`;
  const visible: SQL =
    actor.globalRole === "coordinator" ? sql`(${cases.region} = ${actor.region} or ${member})` : member;
  const rows = await db
    .select({
      id: escalations.id,
      caseId: escalations.caseId,
      caseReference: cases.reference,
      actionId: escalations.actionId,
      actionTitle: actionItems.title,
      actionStatus: actionItems.status,
      actionDueDate: actionItems.dueDate,
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
  // Who may close which is the policy's to say, per case: one query for all the cases listed.
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const accesses = await loadCaseAccesses(
    db,
    caseIds.map((caseId) => ({ actor, caseId })),
    now,
  );
  const accessOf = new Map(caseIds.map((id, i) => [id, accesses[i]]));
  return rows.map((r) => {
    const access = accessOf.get(r.caseId);
    const mayResolve =
      r.resolvedAt === null &&
      access !== undefined &&
      can(actor, "escalation:resolve", { access, level: r.level });
    return { ...r, mayResolve };
  });
}

/** One escalation as `queryEscalations` lists it. */
export type EscalationRow = Awaited<ReturnType<typeof queryEscalations>>[number];

/**
 * The lowest level an escalation by the actor goes to (`lowestEscalationLevel`): above the
 * procesregisseur of the case's region, above the casusregisseur, else the casusregisseur unless
 * the action is their own.
 */
export async function lowestLevelFor(
  db: Db | Tx,
  actor: Actor,
  access: CaseAccess,
  ownerUserId: string | null,
): Promise<EscalationLevel> {
  const raisedBy: EscalationRaiser =
    actor.globalRole === "coordinator" && actor.region === access.region
      ? "coordinator"
      : access.role === "caseDirector"
        ? "caseDirector"
        : "other";
  return lowestEscalationLevel(raisedBy, await isCaseDirector(db, access.caseId, ownerUserId));
}

/** Whether the user (an action's owner) is the case director of the case. */
async function isCaseDirector(db: Db | Tx, caseId: string, userId: string | null): Promise<boolean> {
  if (userId === null) return false;
  const [row] = await db
    .select({ role: caseMembers.role })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
    .limit(1);
  return row?.role === "caseDirector";
}
