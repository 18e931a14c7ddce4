/** Many actors' access to many cases in one lookup (the Yjs admission asks this for every reconnect). */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { breakGlassGrants, caseMembers, cases, sectionAccess, users } from "../../../db/schema";
import { demoCaseReference, seedDemo } from "../../../db/seed/demo";
import {
  type Actor,
  actorOf,
  type CaseAccessRequest,
  loadCaseAccess,
  loadCaseAccesses,
} from "../../../server/policy";
import { useMigratedDatabase } from "../../helpers/database";

const ctx = useMigratedDatabase();
const now = new Date("2026-11-23T10:00:00Z");
const actors = new Map<string, Actor>();
let demoCaseId: string;
let otherCaseId: string;

beforeAll(async () => {
  const db = ctx.database.db;
  await seedDemo(db, now);
  for (const u of await db.select().from(users)) actors.set(u.email.split("@")[0], actorOf(u));
  [{ id: demoCaseId }] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.reference, demoCaseReference));
  [{ id: otherCaseId }] = await db
    .insert(cases)
    .values({ reference: "MDA-2026-099", title: "Tweede", region: "IJsselland", categories: ["kinderen"] })
    .returning({ id: cases.id });
  await db.insert(caseMembers).values({ caseId: otherCaseId, userId: actor("politie").id, role: "chair" });
  // A list naming a non-member does not count; grants: one running, one expired.
  await db
    .insert(sectionAccess)
    .values({ caseId: otherCaseId, sectionKey: "confidential", userId: actor("buitenstaander").id });
  await db.insert(breakGlassGrants).values([
    {
      caseId: demoCaseId,
      userId: actor("admin").id,
      reason: "spoed",
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
    {
      caseId: otherCaseId,
      userId: actor("admin").id,
      reason: "verlopen",
      expiresAt: new Date(now.getTime() - 1),
    },
  ]);
});

const actor = (key: string) => actors.get(key) as Actor;

describe("loadCaseAccesses", () => {
  it("answers every request in order, for several users and cases at once", async () => {
    const db = ctx.database.db;
    const requests: CaseAccessRequest[] = [
      { actor: actor("politie"), caseId: demoCaseId },
      { actor: actor("politie"), caseId: otherCaseId },
      { actor: actor("buitenstaander"), caseId: otherCaseId },
      { actor: actor("admin"), caseId: demoCaseId },
      { actor: actor("admin"), caseId: otherCaseId },
      { actor: actor("wijkteam"), caseId: "00000000-0000-4000-8000-000000000000" },
      { actor: actor("wijkteam"), caseId: "not-a-uuid" },
      { actor: actor("politie"), caseId: demoCaseId.toUpperCase() },
      { actor: actor("wijkteam"), caseId: demoCaseId },
    ];
    const answers = await loadCaseAccesses(db, requests, now);
    expect(answers.map((a) => a && [a.caseId, a.role, a.explicitSections, a.breakGlass])).toEqual([
      [demoCaseId, "professional", ["confidential"], false],
      [otherCaseId, "chair", [], false],
      [otherCaseId, null, [], false],
      [demoCaseId, null, [], true],
      [otherCaseId, null, [], false],
      undefined,
      undefined,
      [demoCaseId, "professional", ["confidential"], false],
      [demoCaseId, "caseDirector", [], false],
    ]);
    expect(answers[1]).toMatchObject({ region: "IJsselland", phase: "veiligheid", categories: ["kinderen"] });
    // The same answers as one lookup each.
    for (const [i, r] of requests.entries()) {
      expect(await loadCaseAccess(db, r.actor, r.caseId, now)).toEqual(answers[i]);
    }
  });

  it("answers nothing for nothing asked", async () => {
    expect(await loadCaseAccesses(ctx.database.db, [], now)).toEqual([]);
  });
});
