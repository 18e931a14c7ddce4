/** The one place that decides access: every route, socket event and Yjs document asks here. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { breakGlassGrants, caseMembers, cases, sectionAccess } from "../../db/schema";
import type { CaseRole } from "../../shared/domain";
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

/**
 * Loads what the actor is to the case; undefined when the case does not exist. One query: the case
 * with the actor's role, explicit sections and break-glass grant as subqueries (every request of a
 * case asks this, and on PGlite each round trip costs more than the lookups themselves).
 */
export async function loadCaseAccess(
  db: Db,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseAccess | undefined> {
  const [row] = await db
    .select({
      id: cases.id,
      region: cases.region,
      phase: cases.phase,
      categories: cases.categories,
      // The case id as a parameter, not a correlation: Drizzle writes a single-table select's
      // columns without their table, and a bare "id" in a subquery would name the subquery's own.
      role: sql<CaseRole | null>`(select ${caseMembers.role} from ${caseMembers}
        where ${caseMembers.caseId} = ${caseId} and ${caseMembers.userId} = ${actor.id} limit 1)`,
      explicitSections: sql<string[]>`array(select ${sectionAccess.sectionKey} from ${sectionAccess}
        where ${sectionAccess.caseId} = ${caseId} and ${sectionAccess.userId} = ${actor.id})`,
      breakGlass: sql<boolean>`exists (select 1 from ${breakGlassGrants}
        where ${breakGlassGrants.caseId} = ${caseId} and ${breakGlassGrants.userId} = ${actor.id}
        and ${breakGlassGrants.expiresAt} > ${now.toISOString()}::timestamptz)`,
    })
    .from(cases)
    .where(eq(cases.id, caseId))
    .limit(1);
  if (!row) return undefined;
  return {
    caseId: row.id,
    region: row.region,
    phase: row.phase,
    categories: row.categories,
    role: row.role,
    // An explicit list only counts for someone who is still a member.
    explicitSections: row.role ? (row.explicitSections as SectionKey[]) : [],
    breakGlass: Boolean(row.breakGlass),
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
