/**
 * Who takes part as an ervaringsdeskundige. DOMAIN.md: they have no organisation account, are not
 * bound by the professionals' secrecy, and must not see police or justice information. A case role
 * is chosen per case, but being an ervaringsdeskundige is who someone is: once someone takes part
 * as one (on a case, or through an invitation as one), no case may give them a role that can read
 * that information (professional, chair and case director read the risk assessment; an observer
 * may be named a reader of the confidential section).
 */
import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { caseMembers, invitations, users } from "../../db/schema";
import type { CaseRole } from "../../shared/domain";

/** The roles open to an ervaringsdeskundige. */
export const expertRoles: readonly CaseRole[] = ["expertByExperience"];

/**
 * The people among `userIds` who take part as an ervaringsdeskundige: one on a case (other than
 * `besides`, the case whose roles are being changed, so that a mistaken role there can still be
 * corrected), or whose account came from an invitation as one.
 */
export async function expertsByExperience(
  db: Db | Tx,
  userIds: string[],
  besides?: string,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const onCases = await db
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(
      and(
        inArray(caseMembers.userId, userIds),
        eq(caseMembers.role, "expertByExperience"),
        besides ? ne(caseMembers.caseId, besides) : undefined,
      ),
    );
  const invited = await db
    .select({ userId: invitations.userId })
    .from(invitations)
    .where(
      and(
        inArray(invitations.userId, userIds),
        isNotNull(invitations.usedAt),
        eq(invitations.role, "expertByExperience"),
      ),
    );
  return new Set([...onCases, ...invited].flatMap((r) => (r.userId ? [r.userId] : [])));
}

const expertNoRegionRole =
  "Deze persoon is procesregisseur of beheerder en kan geen ervaringsdeskundige zijn: een ervaringsdeskundige heeft geen rol in de regio.";
const expertNoOrganisation =
  "Deze persoon heeft een account van een organisatie en kan geen ervaringsdeskundige zijn: een ervaringsdeskundige heeft geen organisatie-account. Nodig een ervaringsdeskundige uit met een link.";
const expertNotElsewhere =
  "Deze persoon heeft op een andere casus een andere rol en kan hier geen ervaringsdeskundige zijn: wie ervaringsdeskundige is, is dat op elke casus.";

/**
 * Why these people cannot take part as an ervaringsdeskundige, per person; who is missing can.
 * DOMAIN.md: an ervaringsdeskundige has no organisation account (nor a role in the region); and
 * being one is who someone is (above), so whoever holds another role on another case
 * than `besides` is not made one, which would let that other role read what they may not.
 */
export async function notExpertsByExperience(
  db: Db | Tx,
  userIds: string[],
  besides?: string,
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const accounts = await db
    .select({ id: users.id, organisationId: users.organisationId, globalRole: users.globalRole })
    .from(users)
    .where(inArray(users.id, userIds));
  const elsewhere = await db
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(
      and(
        inArray(caseMembers.userId, userIds),
        ne(caseMembers.role, "expertByExperience"),
        besides ? ne(caseMembers.caseId, besides) : undefined,
      ),
    );
  const otherRole = new Set(elsewhere.map((r) => r.userId));
  const reasons = new Map<string, string>();
  for (const a of accounts) {
    const reason =
      a.globalRole !== "none"
        ? expertNoRegionRole
        : a.organisationId
          ? expertNoOrganisation
          : otherRole.has(a.id)
            ? expertNotElsewhere
            : undefined;
    if (reason) reasons.set(a.id, reason);
  }
  return reasons;
}
