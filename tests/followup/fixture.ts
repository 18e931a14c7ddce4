/** Fixture rows for follow-up tests, written straight into the test database of a real server. */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, caseMembers, cases, conferences, users } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";
import type { ActionStatus, CaseRole, LateReason, Phase } from "../../shared/domain";

/** Marks the demo case's conference as held an hour ago and ended now (it has minutes then); its id. */
export async function endDemoConference(db: Db, caseId: string): Promise<string> {
  const [conference] = await db
    .update(conferences)
    .set({ status: "ended", startedAt: new Date(Date.now() - 3_600_000), endedAt: new Date() })
    .where(eq(conferences.caseId, caseId))
    .returning({ id: conferences.id });
  return conference.id;
}

/** The id and organisation of a demo account. */
export async function demoUser(db: Db, key: string): Promise<{ id: string; organisationId: string | null }> {
  const [u] = await db
    .select({ id: users.id, organisationId: users.organisationId })
    .from(users)
    .where(eq(users.email, demoEmail(key)));
  if (!u) throw new Error(`no demo user ${key}`);
  return u;
}

/**
 * The ids of every demo account, read once: `id("wijkteam")` for tests that name many people.
 * Throws for a key that is not a demo account, so a typo does not pass as `undefined`.
 */
export async function demoUserIds(db: Db): Promise<(key: string) => string> {
  const ids = new Map<string, string>();
  for (const u of await db.select({ id: users.id, email: users.email }).from(users)) {
    ids.set(u.email.split("@")[0], u.id);
  }
  return (key) => {
    const id = ids.get(key);
    if (!id) throw new Error(`no demo user ${key}`);
    return id;
  };
}

/** The demo case id. */
export async function demoCaseId(db: Db): Promise<string> {
  const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, "MDA-DEMO-001"));
  return c.id;
}

/** A case in the demo region with the given members. */
export async function addCase(
  db: Db,
  o: {
    reference: string;
    registeredAt: Date;
    phase?: Phase;
    region?: string;
    members?: [string, CaseRole][];
  },
): Promise<string> {
  const [row] = await db
    .insert(cases)
    .values({
      reference: o.reference,
      title: `Huishouden ${o.reference}`,
      region: o.region ?? "IJsselland",
      phase: o.phase ?? "veiligheid",
      registeredAt: o.registeredAt,
    })
    .returning({ id: cases.id });
  for (const [key, role] of o.members ?? []) {
    const u = await demoUser(db, key);
    await db.insert(caseMembers).values({ caseId: row.id, userId: u.id, role });
  }
  return row.id;
}

/** An action owned by a demo account. */
export async function addAction(
  db: Db,
  o: {
    caseId: string;
    owner: string;
    dueDate: string;
    title?: string;
    status?: ActionStatus;
    completedAt?: Date | null;
    lateReason?: LateReason | null;
  },
): Promise<string> {
  const owner = await demoUser(db, o.owner);
  const [row] = await db
    .insert(actionItems)
    .values({
      caseId: o.caseId,
      title: o.title ?? `Actie ${o.owner} ${o.dueDate}`,
      ownerUserId: owner.id,
      ownerOrganisationId: owner.organisationId,
      dueDate: o.dueDate,
      status: o.status ?? "open",
      completedAt: o.completedAt ?? null,
      lateReason: o.lateReason ?? null,
      createdBy: owner.id,
    })
    .returning({ id: actionItems.id });
  return row.id;
}
