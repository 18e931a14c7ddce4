import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asc, count, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, rowsOf } from "../../db/client";
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

/** Applies the committed migrations up to and including `lastTag`, as an older release did. */
async function migrateUpTo(database: Database, lastTag: string): Promise<void> {
  const source = fileURLToPath(new URL("../../db/migrations", import.meta.url));
  const folder = await mkdtemp(join(tmpdir(), "eenplan-migrations-"));
  try {
    await cp(source, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((e) => e.tag === lastTag);
    expect(last).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, last + 1);
    await writeFile(journalPath, JSON.stringify(journal));
    if (database.kind === "postgres") {
      await migratePostgres(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
    } else {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe("upgrading an existing database", () => {
  it("keeps one case director per case: the first added stays, the others become professionals", async () => {
    const older = await createTestDatabase();
    const db = await older.open();
    try {
      await migrateUpTo(db, "0006_audit_chain_end");
      const [first, second, third] = await db.db
        .insert(users)
        .values(
          ["een", "twee", "drie"].map((n) => ({
            email: `${n}@example.org`,
            name: n,
            region: "ijsselland",
            passwordHash: "x",
          })),
        )
        .returning();
      // Written as that release's schema had it (today's schema has columns added since).
      const inserted = await db.db.execute(
        sql`insert into cases (reference, title, region) values ('MDA-OUD-1', 'Oud', 'ijsselland') returning id`,
      );
      const theCase = { id: rowsOf<{ id: string }>(inserted)[0].id };
      await db.db.insert(caseMembers).values([
        { caseId: theCase.id, userId: second.id, role: "caseDirector", addedAt: new Date("2026-03-02") },
        { caseId: theCase.id, userId: first.id, role: "caseDirector", addedAt: new Date("2026-03-01") },
        { caseId: theCase.id, userId: third.id, role: "observer", addedAt: new Date("2026-03-03") },
      ]);
      await migrate(db);
      const members = await db.db
        .select({ userId: caseMembers.userId, role: caseMembers.role })
        .from(caseMembers)
        .orderBy(asc(caseMembers.addedAt));
      expect(members).toEqual([
        { userId: first.id, role: "caseDirector" },
        { userId: second.id, role: "professional" },
        { userId: third.id, role: "observer" },
      ]);
    } finally {
      await db.close();
      await older.drop();
    }
  });
});
