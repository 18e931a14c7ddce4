/** A fresh database per test file: in-memory PGlite, or a new database on the real PostgreSQL. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type Database, openDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { copyTemplate, templateDump } from "./pglite-template";
import { createPostgresDatabase } from "./postgres-database";

/** Which database this test run uses (set per vitest project). */
export const testDbKind: "pglite" | "postgres" = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

/** A database for one test file, with the URL it lives at (postgres only) and a way to drop it. */
export interface TestDatabase {
  /** Opens a connection to it (a server restart opens a new one). */
  open(): Promise<Database>;
  /** The Postgres URL, or the PGlite data folder, of this database. */
  location: { url?: string; dataDir?: string };
  /** Removes it. */
  drop(): Promise<void>;
}

/**
 * Creates a new empty database. PGlite gets a data folder when `persistent` (for restart tests); it
 * starts from the suite's initialised template (pglite-template.ts).
 */
export async function createTestDatabase(options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  if (testDbKind === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
    const created = await createPostgresDatabase(adminUrl, "t");
    return {
      location: { url: created.url },
      open: () => openDatabase({ url: created.url }),
      drop: created.drop,
    };
  }
  if (options.persistent) {
    const dataDir = await mkdtemp(join(tmpdir(), "eenplan-test-"));
    await copyTemplate(dataDir);
    return {
      location: { dataDir },
      open: () => openDatabase({ dataDir }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  let memory: Database | undefined;
  return {
    location: {},
    open: async () => {
      memory = await openDatabase({ loadDataDir: templateDump() });
      return memory;
    },
    drop: async () => {},
  };
}

/**
 * A fresh, migrated database for the tests of one file: created and migrated before them, closed
 * and dropped after them.
 */
export function useMigratedDatabase(): { readonly database: Database; readonly testDb: TestDatabase } {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await testDb.open();
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });
  return {
    get database() {
      if (!database) throw new Error("the database opens in beforeAll");
      return database;
    },
    get testDb() {
      if (!testDb) throw new Error("the database opens in beforeAll");
      return testDb;
    },
  };
}
