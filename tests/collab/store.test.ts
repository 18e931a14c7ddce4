/** The raw update store: what goes in comes back byte for byte, in order, whatever the name. */
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runPrepared } from "../../db/client";
import { auditLog, yjsUpdates } from "../../db/schema";
import { binaryText } from "../../db/wire";
import {
  type AuditItem,
  appendChained,
  insertEntriesSql,
  verifyAuditChain,
  writeAudit,
  writeAuditEntries,
} from "../../server/audit/log";
import { appendHoldingChainLock, appendUpdates, readStoredDocs } from "../../server/collab/store";
import { useMigratedDatabase } from "../helpers/database";

const t = useMigratedDatabase();

/** Every byte value, at an offset inside a larger buffer (as ws hands frames over). */
function everyByte(seed: number): Uint8Array {
  const backing = new Uint8Array(300);
  for (let i = 0; i < backing.length; i++) backing[i] = (i * 7 + seed) % 256;
  return backing.subarray(20, 276);
}

describe("stored updates", () => {
  it("come back byte for byte and in order, several documents in one append", async () => {
    const a = "case:00000000-0000-4000-8000-000000000011:goals";
    const b = "case:00000000-0000-4000-8000-000000000011:care";
    const rows = [
      { docName: a, update: everyByte(1) },
      { docName: b, update: everyByte(2) },
      { docName: a, update: everyByte(3) },
      { docName: a, update: new Uint8Array([0, 39, 92, 0]) }, // NUL, quote, backslash
    ];
    await appendUpdates(t.database.db, rows);
    const stored = await readStoredDocs(t.database.db, [a, b]);
    expect(stored.get(a)?.updates.map((u) => [...u.update])).toEqual([
      [...everyByte(1)],
      [...everyByte(3)],
      [0, 39, 92, 0],
    ]);
    expect(stored.get(b)?.updates.map((u) => [...u.update])).toEqual([[...everyByte(2)]]);
  });

  it("store a name with quotes, backslashes or letters outside ASCII as it is, and nothing else", async () => {
    const odd = "case:'); delete from yjs_updates; --\\ Zoë";
    const plain = "case:00000000-0000-4000-8000-000000000012:goals";
    await appendUpdates(t.database.db, [{ docName: plain, update: everyByte(4) }]);
    await appendUpdates(t.database.db, [
      { docName: odd, update: everyByte(5) },
      { docName: plain, update: everyByte(6) },
    ]);
    const stored = await readStoredDocs(t.database.db, [odd, plain]);
    expect(stored.get(odd)?.updates.map((u) => [...u.update])).toEqual([[...everyByte(5)]]);
    expect(stored.get(plain)?.updates).toHaveLength(2);
  });

  it("wait for a transaction in progress and stay stored when it rolls back", async () => {
    const name = "case:00000000-0000-4000-8000-000000000013:goals";
    let appended: Promise<void> | undefined;
    const rolledBack = t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into yjs_updates (doc_name, update) values (${name}, '\\x01'::bytea)`);
        // An append from another caller while this transaction is open: never part of it.
        appended = appendUpdates(t.database.db, [{ docName: name, update: new Uint8Array([2]) }]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("roll back");
      })
      .catch((err: Error) => err.message);
    expect(await rolledBack).toBe("roll back");
    await appended;
    const stored = await readStoredDocs(t.database.db, [name]);
    expect(stored.get(name)?.updates.map((u) => [...u.update])).toEqual([[2]]);
  });

  it("refuse a batch the database rejects, storing none of it, and store the next", async () => {
    const name = "case:00000000-0000-4000-8000-000000000014:goals";
    await appendUpdates(t.database.db, [{ docName: name, update: new Uint8Array([1]) }]);
    // A NUL is no valid text in PostgreSQL: the whole statement fails.
    await expect(
      appendUpdates(t.database.db, [
        { docName: name, update: new Uint8Array([2]) },
        { docName: "case:\0", update: new Uint8Array([3]) },
      ]),
    ).rejects.toThrow();
    await appendUpdates(t.database.db, [{ docName: name, update: new Uint8Array([4]) }]);
    const stored = await readStoredDocs(t.database.db, [name]);
    expect(stored.get(name)?.updates.map((u) => [...u.update])).toEqual([[1], [4]]);
  });
});

/** How an update goes in with its audit entries: in one statement, or holding the chain lock. */
const appenders = [
  ["in one statement", appendUpdates, "00000000-0000-4000-8000-0000000000ab"],
  ["holding the chain lock", appendHoldingChainLock, "00000000-0000-4000-8000-0000000000ac"],
] as const;

describe.each(appenders)("stored updates with their audit entries, %s", (_label, append, caseId) => {
  const entry = (objectId: string, n: number): AuditItem => ({
    actor: {
      userId: "00000000-0000-4000-8000-000000000001",
      role: "caseDirector",
      organisationId: null,
      clientAddress: "127.0.0.1",
    },
    entry: {
      action: "update",
      objectType: "section",
      objectId,
      caseId,
      outcome: "success",
      details: { n, note: 'l\'été — "x" \\ ü' },
    },
    at: new Date(Date.UTC(2026, 10, 23, 18, 0, 0, n)),
  });

  it("go in together with every field, on an intact chain, beside other writers of the log", async () => {
    const name = (i: number) => `case:${caseId}:s${i}'ë`;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 2
          ? writeAuditEntries(t.database.db, [entry(`other-${i}`, i)])
          : append(t.database.db, [{ docName: name(i), update: new Uint8Array([i]) }], [entry(name(i), i)]),
      ),
    );
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.caseId, caseId))
      .orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(12);
    const first = rows.find((r) => r.objectId === name(0));
    expect(first).toMatchObject({
      userId: "00000000-0000-4000-8000-000000000001",
      userRole: "caseDirector",
      organisationId: null,
      clientAddress: "127.0.0.1",
      action: "update",
      outcome: "success",
      breakGlass: false,
      details: { n: 0, note: 'l\'été — "x" \\ ü' },
    });
    expect(first?.at.toISOString()).toBe("2026-11-23T18:00:00.000Z");
    const stored = await readStoredDocs(
      t.database.db,
      Array.from({ length: 12 }, (_, i) => name(i)),
    );
    for (let i = 0; i < 12; i++)
      expect(stored.get(name(i))?.updates.map((u) => [...u.update])).toEqual(i % 3 === 2 ? [] : [[i]]);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it("go in not at all when the entry cannot be written, and the next ones go in", async () => {
    const db = t.database.db;
    const name = `case:${caseId}:refused`;
    await db.execute(sql`create function refuse_entries() returns trigger language plpgsql as $$
      begin raise exception 'audit log unavailable'; end $$`);
    await db.execute(sql`create trigger refuse_entries before insert on audit_log
      for each row execute function refuse_entries()`);
    await expect(
      append(db, [{ docName: name, update: new Uint8Array([1]) }], [entry(name, 100)]),
    ).rejects.toThrow();
    await db.execute(sql`drop trigger refuse_entries on audit_log`);
    await db.execute(sql`drop function refuse_entries()`);
    expect((await readStoredDocs(db, [name])).get(name)?.updates).toEqual([]);

    await append(db, [{ docName: name, update: new Uint8Array([2]) }], [entry(name, 101)]);
    expect((await readStoredDocs(db, [name])).get(name)?.updates.map((u) => [...u.update])).toEqual([[2]]);
    const entries = await db.select().from(auditLog).where(eq(auditLog.objectId, name));
    expect(entries.map((e) => e.details)).toEqual([{ n: 101, note: 'l\'été — "x" \\ ü' }]);
  });
});

describe("an update's audit entries when another writer moved the chain end", () => {
  const caseId = "00000000-0000-4000-8000-0000000000ad";
  const name = `case:${caseId}:moved`;
  const item = (objectId: string): AuditItem => ({
    actor: null,
    entry: { action: "update", objectType: "section", objectId, caseId, outcome: "success" },
    at: new Date(),
  });
  /** An entry written inside a caller's transaction, as the routes write theirs. */
  const writeInTransaction = (objectId: string) =>
    t.database.db.transaction((tx) => writeAudit(tx, null, item(objectId).entry, new Date()));
  const entriesOfCase = async () =>
    (
      await t.database.db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.id))
    ).map((r) => r.objectId);

  it("are hashed again onto the end it moved to, and go in once, with their update", async () => {
    const db = t.database.db;
    await appendUpdates(db, [{ docName: name, update: new Uint8Array([1]) }], [item("first")]);
    await writeInTransaction("between");
    await appendUpdates(db, [{ docName: name, update: new Uint8Array([2]) }], [item("second")]);
    expect((await readStoredDocs(db, [name])).get(name)?.updates.map((u) => [...u.update])).toEqual([
      [1],
      [2],
    ]);
    expect(await entriesOfCase()).toEqual(["first", "between", "second"]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("are written with their change by a writer that holds the lock when the end moves before every attempt", async () => {
    const db = t.database.db;
    const fallbackDoc = `${name}-fallback`;
    const guarded = `with chain as materialized (select audit_chain_end() as hash),
      entries as (${insertEntriesSql("$1::text", "(select hash from chain) = $2")})
      select hash from chain`;
    let attempts = 0;
    await appendChained(
      db,
      [item("after-two-misses")],
      async (entries, expectedEnd) => {
        attempts++;
        await writeInTransaction(`moved-${attempts}`);
        const [row] = await runPrepared(db, "test_guarded_entries", guarded, [
          binaryText(entries),
          binaryText(expectedEnd),
        ]);
        return String(row?.[0]);
      },
      (tx) => tx.insert(yjsUpdates).values({ docName: fallbackDoc, update: new Uint8Array([9]) }),
    );
    expect(attempts).toBe(2);
    expect((await entriesOfCase()).slice(-3)).toEqual(["moved-1", "moved-2", "after-two-misses"]);
    expect(
      (await readStoredDocs(db, [fallbackDoc])).get(fallbackDoc)?.updates.map((u) => [...u.update]),
    ).toEqual([[9]]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
