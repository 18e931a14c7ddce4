/**
 * Compaction merges a document's stored updates into its snapshot and deletes exactly the rows it
 * merged: updates that arrive while it runs (from this process or another) are never lost.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { yjsSnapshots, yjsUpdates } from "../../db/schema";
import { appendUpdates, compactDoc, countUpdates } from "../../server/collab/store";
import { useMigratedDatabase } from "../helpers/database";
import { storedKeys, writer } from "./compaction-fixture";

const t = useMigratedDatabase();

describe("compaction", () => {
  it("merges every stored update into the snapshot and leaves no rows behind", async () => {
    const docName = "case:00000000-0000-4000-8000-000000000001:goals";
    const w = writer();
    await appendUpdates(
      t.database.db,
      w.next(3000).map((update) => ({ docName, update })),
    );
    expect(await compactDoc(t.database.db, docName)).toEqual({ merged: 3000, kept: [] });
    expect(await countUpdates(t.database.db, docName)).toBe(0);
    // A second round merges into the existing snapshot.
    await appendUpdates(
      t.database.db,
      w.next(50).map((update) => ({ docName, update })),
    );
    expect(await compactDoc(t.database.db, docName)).toEqual({ merged: 50, kept: [] });
    expect(await compactDoc(t.database.db, docName)).toEqual({ merged: 0, kept: [] });
    const keys = await storedKeys(t.database.db, docName);
    expect(keys.size).toBe(3050);
    expect(keys.has("key-3049")).toBe(true);
  });

  it("merges around a stored update that does not apply and keeps that row as it was", async () => {
    const db = t.database.db;
    const docName = "case:00000000-0000-4000-8000-000000000004:goals";
    const w = writer();
    await appendUpdates(
      db,
      w.next(10).map((update) => ({ docName, update })),
    );
    // Bytes that are no Yjs update, as a faulty import or a hand edit might leave behind.
    const garbage = new Uint8Array([255, 255, 255, 255, 1, 2, 3]);
    const [bad] = await db
      .insert(yjsUpdates)
      .values({ docName, update: garbage })
      .returning({ id: yjsUpdates.id });
    await appendUpdates(
      db,
      w.next(10).map((update) => ({ docName, update })),
    );
    expect(await compactDoc(db, docName)).toEqual({ merged: 20, kept: [bad.id] });
    const rows = await db.select().from(yjsUpdates).where(eq(yjsUpdates.docName, docName));
    expect(rows.map((r) => [r.id, [...r.update]])).toEqual([[bad.id, [...garbage]]]);
    expect((await storedKeys(db, docName)).size).toBe(20);
    // The next compaction merges what came since and keeps the row again.
    await appendUpdates(
      db,
      w.next(5).map((update) => ({ docName, update })),
    );
    expect(await compactDoc(db, docName)).toEqual({ merged: 5, kept: [bad.id] });
    expect(await countUpdates(db, docName)).toBe(1);
    expect((await storedKeys(db, docName)).size).toBe(25);
  });

  it("never replaces a snapshot that does not apply: the compaction fails and changes nothing", async () => {
    const db = t.database.db;
    const docName = "case:00000000-0000-4000-8000-000000000005:goals";
    const broken = new Uint8Array([255, 255, 255, 255, 9]);
    await db.insert(yjsSnapshots).values({ docName, state: broken });
    const w = writer();
    await appendUpdates(
      db,
      w.next(10).map((update) => ({ docName, update })),
    );
    await expect(compactDoc(db, docName)).rejects.toThrow(/snapshot/);
    expect(await countUpdates(db, docName)).toBe(10);
    const [snapshot] = await db.select().from(yjsSnapshots).where(eq(yjsSnapshots.docName, docName));
    expect([...snapshot.state]).toEqual([...broken]);
  });

  it("touches no other document", async () => {
    const a = "case:00000000-0000-4000-8000-000000000002:goals";
    const b = "case:00000000-0000-4000-8000-000000000002:care";
    const wa = writer();
    const wb = writer();
    await appendUpdates(t.database.db, [
      ...wa.next(20).map((update) => ({ docName: a, update })),
      ...wb.next(30).map((update) => ({ docName: b, update })),
    ]);
    expect(await compactDoc(t.database.db, a)).toEqual({ merged: 20, kept: [] });
    expect(await countUpdates(t.database.db, b)).toBe(30);
    const [snapB] = await t.database.db.select().from(yjsSnapshots).where(eq(yjsSnapshots.docName, b));
    expect(snapB).toBeUndefined();
  });

  it("keeps every update that is appended while compactions run", async () => {
    const docName = "case:00000000-0000-4000-8000-000000000003:goals";
    const w = writer();
    await appendUpdates(
      t.database.db,
      w.next(2000).map((update) => ({ docName, update })),
    );
    // Appends keep arriving (in small batches, as group commit writes them) while compaction repeats.
    let appending = true;
    const appends = (async () => {
      for (let i = 0; i < 60; i++) {
        await appendUpdates(
          t.database.db,
          w.next(1 + (i % 7)).map((update) => ({ docName, update })),
        );
      }
      appending = false;
    })();
    let merged = 0;
    let rounds = 0;
    while (appending || rounds === 0) {
      merged += (await compactDoc(t.database.db, docName)).merged;
      rounds++;
    }
    await appends;
    merged += (await compactDoc(t.database.db, docName)).merged;
    expect(merged).toBe(w.written);
    expect(await countUpdates(t.database.db, docName)).toBe(0);
    const keys = await storedKeys(t.database.db, docName);
    expect(keys.size).toBe(w.written);
  });
});
