/** The demo region, accounts and case, seeded only in demo mode. Idempotent. */
import { eq } from "drizzle-orm";
import { hashPassword } from "../../server/auth/passwords";
import { addDays, amsterdamDate, amsterdamInstant } from "../../shared/dates";
import type { CaseRole, GlobalRole, OrganisationKind } from "../../shared/domain";
import { sectionKeys } from "../../shared/plan";
import type { Db } from "../client";
import {
  actionEvents,
  actionItems,
  caseMembers,
  cases,
  conferences,
  organisations,
  phaseChanges,
  sectionAccess,
  users,
  yjsSnapshots,
} from "../schema";
import { demoAgenda, demoPlanText } from "./demo-case";
import { sectionStateFromBlocks } from "./plan-text";

/** The password of every demo account. */
export const demoPassword = "demo-wachtwoord-2026";
/** The demo region. */
export const demoRegion = "IJsselland";
/** The reference of the demo case. */
export const demoCaseReference = "MDA-DEMO-001";

interface DemoUser {
  key: string;
  name: string;
  org: string | null;
  globalRole: GlobalRole;
  caseRole?: CaseRole;
}

const demoOrganisations: { key: string; name: string; kind: OrganisationKind }[] = [
  { key: "zvh", name: "Zorg- en Veiligheidshuis IJsselland", kind: "zorg_en_veiligheidshuis" },
  { key: "vt", name: "Veilig Thuis IJsselland", kind: "veilig_thuis" },
  { key: "wt", name: "Wijkteam Zwolle-Zuid", kind: "lokaal_team" },
  { key: "pol", name: "Politie Oost-Nederland", kind: "politie" },
  { key: "ggz", name: "GGZ IJsselland", kind: "ggz" },
];

const demoUsers: DemoUser[] = [
  {
    key: "coordinator",
    name: "Ingrid de Vries",
    org: "zvh",
    globalRole: "coordinator",
    caseRole: "observer",
  },
  { key: "voorzitter", name: "Marco Jansen", org: "zvh", globalRole: "none", caseRole: "chair" },
  { key: "veiligthuis", name: "Ellen Bakker", org: "vt", globalRole: "none", caseRole: "professional" },
  { key: "wijkteam", name: "Joris Smit", org: "wt", globalRole: "none", caseRole: "caseDirector" },
  { key: "politie", name: "Karin Mulder", org: "pol", globalRole: "none", caseRole: "professional" },
  {
    key: "ervaringsdeskundige",
    name: "Petra Hoekstra",
    org: null,
    globalRole: "none",
    caseRole: "expertByExperience",
  },
  { key: "buitenstaander", name: "Tom Visser", org: "ggz", globalRole: "none" },
  { key: "admin", name: "Sander Kok", org: "zvh", globalRole: "admin" },
];

/** E-mail address of a demo account by its key. */
export const demoEmail = (key: string) => `${key}@demo.eenplan.nl`;

/** Seeds the demo data unless it is there already; returns whether it seeded. */
export async function seedDemo(db: Db, now: Date): Promise<boolean> {
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail("coordinator")));
  if (existing.length > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  const today = amsterdamDate(now);

  await db.transaction(async (tx) => {
    const orgRows = await tx
      .insert(organisations)
      .values(demoOrganisations.map((o) => ({ name: o.name, kind: o.kind, region: demoRegion })))
      .returning({ id: organisations.id, name: organisations.name });
    const orgId = (key: string | null) =>
      key
        ? orgRows.find((r) => r.name === demoOrganisations.find((o) => o.key === key)?.name)?.id
        : undefined;

    const userRows = await tx
      .insert(users)
      .values(
        demoUsers.map((u) => ({
          email: demoEmail(u.key),
          name: u.name,
          organisationId: orgId(u.org) ?? null,
          region: demoRegion,
          globalRole: u.globalRole,
          passwordHash,
          isDemo: true,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const userId = (key: string) => {
      const row = userRows.find((r) => r.email === demoEmail(key));
      if (!row) throw new Error(`demo user ${key} missing`);
      return row.id;
    };

    const [demoCase] = await tx
      .insert(cases)
      .values({
        reference: demoCaseReference,
        title: "Huishouden Berkel-Yilmaz",
        region: demoRegion,
        categories: ["kinderen", "intiem_terreur"],
        phase: "veiligheid",
        registeredAt: new Date(now.getTime() - 21 * 86_400_000),
        createdBy: userId("coordinator"),
      })
      .returning({ id: cases.id });
    await tx
      .insert(caseMembers)
      .values(
        demoUsers
          .filter((u) => u.caseRole)
          .map((u) => ({ caseId: demoCase.id, userId: userId(u.key), role: u.caseRole as CaseRole })),
      );
    await tx.insert(sectionAccess).values(
      ["politie", "veiligthuis"].map((k) => ({
        caseId: demoCase.id,
        sectionKey: "confidential" as const,
        userId: userId(k),
      })),
    );
    await tx.insert(phaseChanges).values({
      caseId: demoCase.id,
      fromPhase: null,
      toPhase: "veiligheid",
      reason: "Aangemeld voor MDA++",
      changedBy: userId("coordinator"),
      changedAt: new Date(now.getTime() - 21 * 86_400_000),
    });
    await tx.insert(conferences).values({
      caseId: demoCase.id,
      scheduledAt: amsterdamInstant(addDays(today, 2), "10:00"),
      durationMinutes: 45,
      agenda: demoAgenda,
      createdBy: userId("voorzitter"),
    });
    await tx.insert(yjsSnapshots).values(
      sectionKeys.map((key) => ({
        docName: `case:${demoCase.id}:${key}`,
        state: sectionStateFromBlocks(demoPlanText[key]),
      })),
    );
    const actions = await tx
      .insert(actionItems)
      .values(
        [
          { title: "AWARE-alarm installeren bij moeder", owner: "politie", due: 5 },
          { title: "Aanmelding traumabehandeling moeder bevestigen", owner: "wijkteam", due: -2 },
          { title: "Begeleide omgang regelen via het omgangshuis", owner: "veiligthuis", due: 14 },
        ].map((a) => ({
          caseId: demoCase.id,
          title: a.title,
          ownerUserId: userId(a.owner),
          ownerOrganisationId: orgId(demoUsers.find((u) => u.key === a.owner)?.org ?? null) ?? null,
          dueDate: addDays(today, a.due),
          createdBy: userId("wijkteam"),
          createdAt: new Date(now.getTime() - 14 * 86_400_000),
        })),
      )
      .returning({ id: actionItems.id });
    await tx.insert(actionEvents).values(
      actions.map((a) => ({
        actionId: a.id,
        userId: userId("wijkteam"),
        at: new Date(now.getTime() - 14 * 86_400_000),
        changes: [{ field: "status", from: null, to: "open" }],
      })),
    );
  });
  return true;
}
