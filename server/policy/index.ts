/** The one place that decides access: every route, socket event and Yjs document asks here. */
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { breakGlassGrants, caseMembers, cases, sectionAccess } from "../../db/schema";
import { type CaseRole, isUuid } from "../../shared/domain";
import type { SectionKey } from "../../shared/plan";
import { AppError } from "../errors";
import { rules } from "./rules";
import type { Actor, CaseAccess, PolicyAction, PolicySubjects } from "./types";

export { visibleActionsSql } from "./lists";
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
  // Not every refusal is about a case (the figures, the region's overview): say "in this case" only then.
  throw new AppError("forbidden", access ? "Dit mag u niet doen in deze casus." : "Dit mag u niet doen.");
}

function caseOf(subject: unknown): CaseAccess | undefined {
  if (!subject || typeof subject !== "object") return undefined;
  if ("caseId" in subject) return subject as CaseAccess;
  if ("access" in subject) return (subject as { access: CaseAccess }).access;
  return undefined;
}

/** One actor's question about one case. */
export interface CaseAccessRequest {
  actor: Actor;
  caseId: string;
}

interface CaseAccessRow {
  n: number;
  id: string;
  region: string;
  phase: CaseAccess["phase"];
  categories: CaseAccess["categories"];
  role: CaseRole | null;
  explicit_sections: SectionKey[];
  break_glass: boolean;
}

/**
 * Loads what each actor is to each case, in one query whatever the number of requests: the cases
 * with the actor's role, explicit sections and break-glass grant as subqueries. Every request of a
 * case asks this, and after a restart hundreds of connections ask at once; on PGlite planning the
 * query costs more than running it, so twenty answers cost about as much as one. Answers come in
 * request order: undefined for a case that does not exist, or an id that is not a uuid.
 */
export async function loadCaseAccesses(
  db: Db,
  requests: CaseAccessRequest[],
  now: Date,
): Promise<(CaseAccess | undefined)[]> {
  const keyOf = (r: CaseAccessRequest) => `${r.actor.id} ${r.caseId}`;
  const unique = new Map<string, CaseAccessRequest>();
  for (const r of requests) {
    if (isUuid(r.actor.id) && isUuid(r.caseId)) unique.set(keyOf(r), r);
  }
  const asked = [...unique.values()];
  const found = new Map<string, CaseAccess>();
  if (asked.length > 0) {
    // Array literals of checked uuids only: nothing in them can end an element.
    const userIds = `{${asked.map((r) => r.actor.id).join(",")}}`;
    const caseIds = `{${asked.map((r) => r.caseId).join(",")}}`;
    const result = await db.execute(sql`
      select p.n::int as n, c.id, c.region, c.phase, c.categories,
        (select m.role from ${caseMembers} m
          where m.case_id = p.case_id and m.user_id = p.user_id limit 1) as role,
        array(select s.section_key from ${sectionAccess} s
          where s.case_id = p.case_id and s.user_id = p.user_id) as explicit_sections,
        exists (select 1 from ${breakGlassGrants} g
          where g.case_id = p.case_id and g.user_id = p.user_id
          and g.expires_at > ${now.toISOString()}::timestamptz) as break_glass
      from unnest(${userIds}::uuid[], ${caseIds}::uuid[]) with ordinality as p(user_id, case_id, n)
      join ${cases} c on c.id = p.case_id`);
    for (const row of rowsOf<CaseAccessRow>(result)) {
      const r = asked[row.n - 1];
      found.set(keyOf(r), {
        caseId: row.id,
        region: row.region,
        phase: row.phase,
        categories: row.categories,
        role: row.role,
        // An explicit list only counts for someone who is still a member.
        explicitSections: row.role ? row.explicit_sections : [],
        breakGlass: Boolean(row.break_glass),
      });
    }
  }
  return requests.map((r) => found.get(keyOf(r)));
}

/** Loads what the actor is to the case; undefined when the case does not exist. */
export async function loadCaseAccess(
  db: Db,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseAccess | undefined> {
  return (await loadCaseAccesses(db, [{ actor, caseId }], now))[0];
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
