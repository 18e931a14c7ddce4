/** The one place that decides access: every route, socket event and Yjs document asks here. */
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { breakGlassGrants, caseMembers, cases, sectionAccess } from "../../db/schema";
import type { SectionKey } from "../../shared/plan";
import { AppError } from "../errors";
import { rules } from "./rules";
import type { Actor, CaseAccess, PolicyAction, PolicySubjects } from "./types";

export type { Actor, CaseAccess, PolicyAction, PolicySubjects } from "./types";

/** Whether the actor may do the action on the subject. */
export function can<A extends PolicyAction>(actor: Actor, action: A, subject: PolicySubjects[A]): boolean {
  return (rules[action] as (a: Actor, s: PolicySubjects[A]) => boolean)(actor, subject);
}

/**
 * Throws unless the actor may. A case the actor may not even see answers 404 (its existence is
 * itself confidential); a visible case answers 403.
 */
export function authorize<A extends PolicyAction>(actor: Actor, action: A, subject: PolicySubjects[A]): void {
  if (can(actor, action, subject)) return;
  const access = caseOf(subject);
  if (access && !can(actor, "case:view", access)) throw new AppError("not_found", "Casus niet gevonden.");
  throw new AppError("forbidden", "Dit mag u niet doen in deze casus.");
}

function caseOf(subject: unknown): CaseAccess | undefined {
  if (!subject || typeof subject !== "object") return undefined;
  if ("caseId" in subject) return subject as CaseAccess;
  if ("access" in subject) return (subject as { access: CaseAccess }).access;
  return undefined;
}

/** Loads what the actor is to the case; undefined when the case does not exist. */
export async function loadCaseAccess(
  db: Db,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseAccess | undefined> {
  const [row] = await db
    .select({ id: cases.id, region: cases.region, phase: cases.phase, categories: cases.categories })
    .from(cases)
    .where(eq(cases.id, caseId))
    .limit(1);
  if (!row) return undefined;
  const [member, explicit, grant] = await Promise.all([
    db
      .select({ role: caseMembers.role })
      .from(caseMembers)
      .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, actor.id)))
      .limit(1),
    db
      .select({ sectionKey: sectionAccess.sectionKey })
      .from(sectionAccess)
      .where(and(eq(sectionAccess.caseId, caseId), eq(sectionAccess.userId, actor.id))),
    db
      .select({ id: breakGlassGrants.id })
      .from(breakGlassGrants)
      .where(
        and(
          eq(breakGlassGrants.caseId, caseId),
          eq(breakGlassGrants.userId, actor.id),
          gt(breakGlassGrants.expiresAt, now),
        ),
      )
      .limit(1),
  ]);
  const role = member[0]?.role ?? null;
  return {
    caseId: row.id,
    region: row.region,
    phase: row.phase,
    categories: row.categories,
    role,
    // An explicit list only counts for someone who is still a member.
    explicitSections: role ? explicit.map((e) => e.sectionKey as SectionKey) : [],
    breakGlass: grant.length > 0,
  };
}

/** The policy actor of a logged-in user. */
export function actorOf(user: {
  id: string;
  globalRole: Actor["globalRole"];
  organisationId: string | null;
  region: string;
}): Actor {
  return {
    id: user.id,
    globalRole: user.globalRole,
    organisationId: user.organisationId,
    region: user.region,
  };
}
