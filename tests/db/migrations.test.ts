import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { caseMembers, cases, sectionAccess, users, yjsSnapshots } from "../../db/schema";
import { demoCaseReference, seedDemo } from "../../db/seed/demo";
import { createTestDatabase } from "../helpers/database";

const testDb = await createTestDatabase();
let database: Database;
afterAll(async () => {
  await database?.close();
  await testDb.drop();
});

describe("migrations and the demo seed", () => {
  it("apply twice without harm", async () => {
    database = await testDb.open();
    await migrate(database);
    await migrate(database);
    const [row] = await database.db.select({ n: count() }).from(users);
    expect(row.n).toBe(0);
  });

  it("seed the demo case of the contract once, however often they run", async () => {
    const now = new Date("2026-11-22T09:00:00Z");
    expect(await seedDemo(database.db, now)).toBe(true);
    expect(await seedDemo(database.db, now)).toBe(false);
    const [u] = await database.db.select({ n: count() }).from(users);
    expect(u.n).toBe(8);
    const [c] = await database.db.select().from(cases);
    expect(c.reference).toBe(demoCaseReference);
    expect(c.categories).toEqual(["kinderen", "intiem_terreur"]);
    const members = await database.db
      .select({ email: users.email, role: caseMembers.role })
      .from(caseMembers)
      .innerJoin(users, eq(users.id, caseMembers.userId));
    expect(Object.fromEntries(members.map((m) => [m.email.split("@")[0], m.role]))).toEqual({
      coordinator: "observer",
      voorzitter: "chair",
      veiligthuis: "professional",
      wijkteam: "caseDirector",
      politie: "professional",
      ervaringsdeskundige: "expertByExperience",
    });
    const confidential = await database.db
      .select({ email: users.email })
      .from(sectionAccess)
      .innerJoin(users, eq(users.id, sectionAccess.userId));
    expect(confidential.map((r) => r.email).sort()).toEqual([
      "politie@demo.eenplan.nl",
      "veiligthuis@demo.eenplan.nl",
    ]);
    const [snapshots] = await database.db.select({ n: count() }).from(yjsSnapshots);
    expect(snapshots.n).toBe(13);
  });

  it("keep the audit log append-only in the database itself", async () => {
    const { writeAudit } = await import("../../server/audit/log");
    await writeAudit(
      database.db,
      null,
      { action: "read", objectType: "test", outcome: "success" },
      new Date(),
    );
    await expect(database.db.execute("update audit_log set outcome = 'failure'" as never)).rejects.toThrow();
    await expect(database.db.execute("delete from audit_log" as never)).rejects.toThrow();
  });
});
