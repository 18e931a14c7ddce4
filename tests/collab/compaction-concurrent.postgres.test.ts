/**
 * Compaction beside another PostgreSQL connection: a row whose id was taken before compaction but
 * whose transaction commits after it must stay. PostgreSQL only (PGlite has one connection), so this
 * file runs in the postgres project alone.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { appendUpdates, compactDoc, countUpdates } from "../../server/collab/store";
import { useMigratedDatabase } from "../helpers/database";
import { storedKeys, writer } from "./compaction-fixture";

const t = useMigratedDatabase();

describe("compaction beside another connection", () => {
  it("leaves an update that another connection has written but not yet committed", async () => {
    const docName = "case:00000000-0000-4000-8000-000000000004:goals";
    const w = writer();
    await appendUpdates(
      t.database.db,
      w.next(10).map((update) => ({ docName, update })),
    );
    const [late] = w.next(1);
    // Another process: its id is taken before the later rows below, its commit comes after compaction.
    const other = new pg.Client({ connectionString: t.testDb.location.url });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("insert into yjs_updates (doc_name, update) values ($1, $2)", [
        docName,
        Buffer.from(late),
      ]);
      await appendUpdates(
        t.database.db,
        w.next(5).map((update) => ({ docName, update })),
      );
      expect(await compactDoc(t.database.db, docName)).toEqual({ merged: 15, kept: [] });
      await other.query("commit");
    } finally {
      await other.end();
    }
    expect(await countUpdates(t.database.db, docName)).toBe(1);
    expect((await storedKeys(t.database.db, docName)).size).toBe(16);
    expect(await compactDoc(t.database.db, docName)).toEqual({ merged: 1, kept: [] });
    expect((await storedKeys(t.database.db, docName)).size).toBe(16);
  });
});
