/**
 * What the log records of access under break-glass (noodtoegang), so that a privacy officer reads in
 * each flagged row what was read and why: every request made under it names the route's object (the
 * plan, its versions, the members…; `requestObject`, used by `caseScope`), and every flagged row
 * without a purpose of its own carries the reason given for the grant it was made under.
 */
import { and, desc, inArray, lte } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { breakGlassGrants } from "../../db/schema";
import type { AuditItem } from "./log";

/** The object type a request row names, by route pattern (`/api` and parameter names left out). */
const routeObjects = new Map<string, string>([
  ["/cases/:", "case"],
  ["/cases/:/actions", "actions"],
  ["/actions/:", "action"],
  ["/cases/:/break-glass", "break_glass"],
  ["/cases/:/candidates", "candidates"],
  ["/cases/:/conferences", "conferences"],
  ["/conferences/:", "conference"],
  ["/conferences/:/minutes", "minutes"],
  ["/conferences/:/minutes.md", "minutes"],
  ["/cases/:/decisions", "decisions"],
  ["/cases/:/invitations", "invitation"],
  ["/cases/:/members", "case_member"],
  ["/cases/:/members/:", "case_member"],
  ["/cases/:/phase", "case_phase"],
  ["/cases/:/phases", "case_phase"],
  ["/cases/:/plan", "plan"],
  ["/cases/:/plan/filled", "plan_outline"],
  ["/cases/:/plan/versions", "plan_versions"],
  ["/cases/:/plan/versions/:", "plan_version"],
  ["/cases/:/plan/versions/:/diff", "plan_version"],
  ["/cases/:/restraining-order", "restraining_order"],
  ["/cases/:/sections/:/readers", "section_access"],
  ["/escalations", "escalations"],
  ["/escalations/next-level", "escalations"],
  ["/escalations/:/resolve", "escalation"],
]);

/**
 * The object a request to `route` (a Hono route pattern such as `/api/cases/:caseId/plan`, never
 * the path: a path holds what the client put there) is about, as an audit object type: `plan`,
 * `plan_versions`, `case_member`, … A route not listed is named by its last fixed segment.
 */
export function requestObject(route: string): string {
  const pattern = route
    .replace(/^\/api(?=\/)/, "")
    .replace(/\/:[^/]+/g, "/:")
    .replace(/\/$/, "");
  const known = routeObjects.get(pattern);
  if (known) return known;
  const fixed = pattern.split("/").filter((s) => s !== "" && s !== ":");
  return (fixed.at(-1) ?? "case").replace(/[^a-z0-9]+/gi, "_").toLowerCase();
}

/** Whether an item is a flagged access that states no purpose of its own. */
const lacksPurpose = (item: AuditItem) =>
  item.entry.breakGlass === true &&
  !item.entry.purpose &&
  !!item.entry.caseId &&
  !!item.actor?.userId &&
  item.entry.action !== "break_glass";

/**
 * The items, those flagged as break-glass without a purpose given the reason of the grant they were
 * made under (the latest of the person's grants on the case running at the entry's time): NEN 7513
 * asks the purpose of every access, and under break-glass that is the reason stated for it. One
 * query for all items, none when no item needs it.
 */
export async function withGrantPurposes(db: Db | Tx, items: AuditItem[]): Promise<AuditItem[]> {
  const needy = items.filter(lacksPurpose);
  if (needy.length === 0) return items;
  const caseIds = [...new Set(needy.map((i) => i.entry.caseId as string))];
  const userIds = [...new Set(needy.map((i) => i.actor?.userId as string))];
  const latest = new Date(Math.max(...needy.map((i) => i.at.getTime())));
  const grants = await db
    .select({
      caseId: breakGlassGrants.caseId,
      userId: breakGlassGrants.userId,
      reason: breakGlassGrants.reason,
      grantedAt: breakGlassGrants.grantedAt,
      expiresAt: breakGlassGrants.expiresAt,
    })
    .from(breakGlassGrants)
    .where(
      and(
        inArray(breakGlassGrants.caseId, caseIds),
        inArray(breakGlassGrants.userId, userIds),
        lte(breakGlassGrants.grantedAt, latest),
      ),
    )
    .orderBy(desc(breakGlassGrants.grantedAt));
  if (grants.length === 0) return items;
  return items.map((item) => {
    if (!lacksPurpose(item)) return item;
    const at = item.at.getTime();
    const grant = grants.find(
      (g) =>
        g.caseId === item.entry.caseId &&
        g.userId === item.actor?.userId &&
        g.grantedAt.getTime() <= at &&
        g.expiresAt.getTime() > at,
    );
    return grant ? { ...item, entry: { ...item.entry, purpose: grant.reason } } : item;
  });
}
