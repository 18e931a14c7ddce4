/**
 * Compaction merges a document's stored updates into its snapshot and deletes exactly the rows it
 * merged: updates that arrive while it runs (from this process or another) are never lost.
 */
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { yjsSnapshots, yjsUpdates } from "../../db/schema";
import { appendUpdates, compactDoc, mergedState, readStoredDocs } from "../../server/collab/store";
import { createTestDatabase, type TestDatabase, testDbKind } from "../helpers/database";

let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await testDb.open();
  await migrate(database);
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

/** A writer whose every update sets its own key in the map `k`, so a lost update is a missing key. */
function writer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  let n = 0;
  return {
    /** The next `count` updates, one key each. */
    next(count: number): Uint8Array[] {
      updates.length = 0;
      for (let i = 0; i < count; i++) {
        doc.getMap("k").set(`key-${n}`, n);
        n++;
      }
      return updates.splice(0);
    },
    get written() {
      return n;
    },
  };
}

/** The keys the stored document holds (snapshot plus remaining updates). */
async function storedKeys(docName: string): Promise<Set<string>> {
  const stored = (await readStoredDocs(database.db, [docName])).get(docName);
  const doc = new Y.Doc();
  if (stored) Y.applyUpdate(doc, mergedState(stored));
  const keys = new Set(doc.getMap("k").keys());
  doc.destroy();
  return keys;
}

async function updateRows(docName: string): Promise<number> {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.docName, docName));
  return row.n;
}

describe("compaction", () => {
  it("merges every stored update into the snapshot and leaves no rows behind", async () => {
    const docName = "case:00000000-0000-4000-8000-000000000001:goals";
    const w = writer();
    await appendUpdates(
      database.db,
      w.next(3000).map((update) => ({ docName, update })),
    );
    expect(await compactDoc(database.db, docName)).toBe(3000);
    expect(await updateRows(docName)).toBe(0);
    // A second round merges into the existing snapshot.
    await appendUpdates(
      database.db,
      w.next(50).map((update) => ({ docName, update })),
    );
    expect(await compactDoc(database.db, docName)).toBe(50);
    expect(await compactDoc(database.db, docName)).toBe(0);
    const keys = await storedKeys(docName);
    expect(keys.size).toBe(3050);
    expect(keys.has("key-3049")).toBe(true);
  });

  it("touches no other document", async () => {
    const a = "case:00000000-0000-4000-8000-000000000002:goals";
    const b = "case:00000000-0000-4000-8000-000000000002:care";
    const wa = writer();
    const wb = writer();
    await appendUpdates(database.db, [
      ...wa.next(20).map((update) => ({ docName: a, update })),
      ...wb.next(30).map((update) => ({ docName: b, update })),
    ]);
    expect(await compactDoc(database.db, a)).toBe(20);
    expect(await updateRows(b)).toBe(30);
    const [snapB] = await database.db.select().from(yjsSnapshots).where(eq(yjsSnapshots.docName, b));
    expect(snapB).toBeUndefined();
  });

  it("keeps every update that is appended while compactions run", async () => {
    const docName = "case:00000000-0000-4000-8000-000000000003:goals";
    const w = writer();
    await appendUpdates(
      database.db,
      w.next(2000).map((update) => ({ docName, update })),
    );
    // Appends keep arriving (in small batches, as group commit writes them) while compaction repeats.
    let appending = true;
    const appends = (async () => {
      for (let i = 0; i < 60; i++) {
        await appendUpdates(
          database.db,
          w.next(1 + (i % 7)).map((update) => ({ docName, update })),
        );
      }
      appending = false;
    })();
    let merged = 0;
    let rounds = 0;
    while (appending || rounds === 0) {
      merged += await compactDoc(database.db, docName);
      rounds++;
    }
    await appends;
    merged += await compactDoc(database.db, docName);
    expect(merged).toBe(w.written);
    expect(await updateRows(docName)).toBe(0);
    const keys = await storedKeys(docName);
    expect(keys.size).toBe(w.written);
  });

  it.skipIf(testDbKind !== "postgres")(
    "leaves an update that another connection has written but not yet committed",
    async () => {
      const docName = "case:00000000-0000-4000-8000-000000000004:goals";
      const w = writer();
      await appendUpdates(
        database.db,
        w.next(10).map((update) => ({ docName, update })),
      );
      const [late] = w.next(1);
      // Another process: its id is taken before the later rows below, its commit comes after compaction.
      const other = new pg.Client({ connectionString: testDb.location.url });
      await other.connect();
      try {
        await other.query("begin");
        await other.query("insert into yjs_updates (doc_name, update) values ($1, $2)", [
          docName,
          Buffer.from(late),
        ]);
        await appendUpdates(
          database.db,
          w.next(5).map((update) => ({ docName, update })),
        );
        expect(await compactDoc(database.db, docName)).toBe(15);
        await other.query("commit");
      } finally {
        await other.end();
      }
      expect(await updateRows(docName)).toBe(1);
      expect((await storedKeys(docName)).size).toBe(16);
      expect(await compactDoc(database.db, docName)).toBe(1);
      expect((await storedKeys(docName)).size).toBe(16);
    },
  );
});
