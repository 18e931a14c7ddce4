/**
 * The emergency accesses (break-glass) to a case that its chair and case director are told about,
 * so the case director can answer the household's "who read my file?" without the Logboek.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { breakGlassGrants, organisations, users } from "../../db/schema";
import type { BreakGlassAccess } from "../../shared/schemas/access";

/** How many days after it ended an emergency access is still shown on the case. */
export const breakGlassNoticeDays = 30;

/**
 * The emergency accesses to the case that ended less than {@link breakGlassNoticeDays} days ago or
 * still run, the latest first.
 */
export async function recentBreakGlassAccesses(
  db: Db,
  caseId: string,
  now: Date,
): Promise<BreakGlassAccess[]> {
  const since = new Date(now.getTime() - breakGlassNoticeDays * 86_400_000);
  const rows = await db
    .select({
      id: breakGlassGrants.id,
      userId: users.id,
      name: users.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      reason: breakGlassGrants.reason,
      from: breakGlassGrants.grantedAt,
      until: breakGlassGrants.expiresAt,
    })
    .from(breakGlassGrants)
    .innerJoin(users, eq(users.id, breakGlassGrants.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(breakGlassGrants.caseId, caseId), gt(breakGlassGrants.expiresAt, since)))
    .orderBy(desc(breakGlassGrants.grantedAt), desc(breakGlassGrants.id));
  return rows.map((r) => ({
    id: r.id,
    user: { id: r.userId, name: r.name },
    organisation:
      r.organisationId && r.organisationName ? { id: r.organisationId, name: r.organisationName } : null,
    reason: r.reason,
    from: r.from.toISOString(),
    until: r.until.toISOString(),
    active: r.until.getTime() > now.getTime(),
  }));
}
