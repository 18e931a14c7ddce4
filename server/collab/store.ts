/** Durable Yjs storage: an append-only table of raw updates plus one compacted snapshot per document. */
import { asc, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, rowsOf, runPrepared, type Tx } from "../../db/client";
import { yjsSnapshots, yjsUpdates } from "../../db/schema";
import { binaryByteaArray, binaryText, binaryTextArray } from "../../db/wire";
import { type AuditItem, appendChained, insertEntriesSql, writeAuditEntries } from "../audit/log";
import { admissionGatherMs, batched } from "../batching";
import { serverDoc } from "./ydoc";

/** What is stored for one document. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: { id: number; update: Uint8Array }[];
}

/** Reads the snapshot and later updates of each document (absent documents come back empty). */
export async function readStoredDocs(db: Db | Tx, docNames: string[]): Promise<Map<string, StoredDoc>> {
  const result = new Map<string, StoredDoc>(docNames.map((n) => [n, { snapshot: null, updates: [] }]));
  if (docNames.length === 0) return result;
  const [snapshots, updates] = await Promise.all([
    db.select().from(yjsSnapshots).where(inArray(yjsSnapshots.docName, docNames)),
    db
      .select({ id: yjsUpdates.id, docName: yjsUpdates.docName, update: yjsUpdates.update })
      .from(yjsUpdates)
      .where(inArray(yjsUpdates.docName, docNames))
      .orderBy(asc(yjsUpdates.id)),
  ]);
  for (const s of snapshots) {
    const entry = result.get(s.docName);
    if (entry) entry.snapshot = s.state;
  }
  for (const u of updates) result.get(u.docName)?.updates.push({ id: u.id, update: u.update });
  return result;
}

/**
 * Reads documents for the live endpoint in shared queries: documents asked for together (after a
 * restart, hundreds are opened at once) are read with one query.
 */
export function createDocReader(db: Db, maxBatch = 100): (docName: string) => Promise<StoredDoc> {
  return batched(
    async (names: string[]) => {
      const stored = await readStoredDocs(db, [...new Set(names)]);
      return names.map((n) => stored.get(n) ?? { snapshot: null, updates: [] });
    },
    { maxBatch, busyDelayMs: admissionGatherMs },
  );
}

/** Applies what is stored to a doc in one transaction. */
export function applyStored(doc: Y.Doc, stored: StoredDoc, origin: unknown = null): void {
  doc.transact(() => {
    if (stored.snapshot && stored.snapshot.byteLength > 0) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  }, origin);
}

/** The merged state of what is stored (encoded through a fresh doc: linear, unlike flat mergeUpdates). */
export function mergedState(stored: StoredDoc): Uint8Array {
  const doc = serverDoc("merge");
  try {
    applyStored(doc, stored);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const appendStatement = "yjs_append";
const appendSql = "insert into yjs_updates (doc_name, update) select * from unnest($1::text[], $2::bytea[])";

/**
 * The updates and their audit entries in one statement that extends the chain itself
 * (`appendChained`): the chain lock and end first, then both inserts, each only if the chain end is
 * the one the entries were hashed onto ($4); answers the chain end it found.
 */
const appendChainedStatement = "yjs_append_chained";
const appendChainedSql = `with chain as materialized (select audit_chain_end() as hash),
  updates as (${appendSql} where (select hash from chain) = $4),
  entries as (${insertEntriesSql("$3::text", "(select hash from chain) = $4")})
  select hash from chain`;

/** The parameters of the append statements: the names and the updates, as binary arrays. */
function appendParams(rows: { docName: string; update: Uint8Array }[]): Uint8Array[] {
  return [binaryTextArray(rows.map((r) => r.docName)), binaryByteaArray(rows.map((r) => r.update))];
}

/**
 * Appends raw updates, in order, in one statement, and with them the audit entries due for them
 * (then in the same statement, or the same transaction: an edit is never stored without its entry,
 * nor the entry without the edit). This is the hot path of every edit, so it goes to the driver directly: Drizzle's query
 * building costs more than the insert itself. It is one prepared statement with two array
 * parameters in binary format, whatever the number of rows (`runPrepared`): parsed and planned once
 * per connection, no bind-parameter limit, no case data in the statement's text, and on PGlite, which
 * computes on this thread, one call into it.
 * A batch that carries audit entries (a connection's first update, then one per interval) is one
 * such statement too, which takes the chain lock itself (`appendChained`); only when other writers
 * keep moving the chain end does it fall back to a transaction that holds the lock (as
 * `appendHoldingChainLock` does, which the tests run directly). On
 * PGlite 0.3 / 1.25 ms back to back / after a pause, against 0.6–0.9 / 1.9–2.7 ms for the three
 * round trips it replaced (tests/bench, storage).
 */
export async function appendUpdates(
  db: Db,
  rows: { docName: string; update: Uint8Array }[],
  audits: AuditItem[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const params = appendParams(rows);
  if (audits.length === 0) {
    await runPrepared(db, appendStatement, appendSql, params);
    return;
  }
  await appendChained(
    db,
    audits,
    async (entries, expectedEnd) => {
      const [row] = await runPrepared(db, appendChainedStatement, appendChainedSql, [
        ...params,
        binaryText(entries),
        binaryText(expectedEnd),
      ]);
      return String(row?.[0]);
    },
    insertUpdates(rows),
  );
}

/** The updates as a change inside a Drizzle transaction (`appendChained`'s fallback). */
function insertUpdates(rows: { docName: string; update: Uint8Array }[]) {
  return (tx: Tx) => tx.insert(yjsUpdates).values(rows);
}

/**
 * `appendUpdates` with audit entries the way `appendChained` falls back to when other writers keep
 * moving the chain end: in a Drizzle transaction that holds the chain lock from before the entries
 * are hashed until they commit (four round trips).
 */
export async function appendHoldingChainLock(
  db: Db,
  rows: { docName: string; update: Uint8Array }[],
  audits: AuditItem[],
): Promise<void> {
  await writeAuditEntries(db, audits, insertUpdates(rows));
}

/**
 * Merges a document's stored updates into its snapshot in one transaction. The rows are taken with
 * one `DELETE … RETURNING`: exactly the rows it deletes are the rows it merges, so an update written
 * meanwhile (not yet committed, or committed after the statement began), by this or another process,
 * is neither merged nor deleted and stays for the next compaction. The returned updates come back
 * as one aggregated value instead of a row each (on PGlite 20,000 rows cost ten times more than the
 * same bytes in one value). Returns the number of updates merged.
 */
export async function compactDoc(db: Db, docName: string): Promise<number> {
  return db.transaction(async (tx) => {
    // One compaction per document at a time, across processes: the snapshot is read and rewritten.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`yjs:${docName}`}))`);
    const taken = rowsOf<{ n: number; updates: string | null }>(
      await tx.execute(sql`
        with taken as (
          delete from ${yjsUpdates} where ${yjsUpdates.docName} = ${docName}
          returning ${yjsUpdates.id} as id, ${yjsUpdates.update} as update
        )
        select count(*)::int as n,
          encode(string_agg(int4send(length(update)) || update, ''::bytea order by id), 'base64') as updates
        from taken`),
    )[0];
    if (!taken || taken.n === 0 || taken.updates === null) return 0;
    const updates = splitLengthPrefixed(Buffer.from(taken.updates, "base64"));
    if (updates.length !== taken.n) throw new Error("compaction read an inconsistent update list");
    const [existing] = await tx
      .select({ state: yjsSnapshots.state })
      .from(yjsSnapshots)
      .where(eq(yjsSnapshots.docName, docName));
    const state = mergedState({
      snapshot: existing?.state ?? null,
      updates: updates.map((update, id) => ({ id, update })),
    });
    await tx
      .insert(yjsSnapshots)
      .values({ docName, state })
      .onConflictDoUpdate({ target: yjsSnapshots.docName, set: { state, updatedAt: sql`now()` } });
    return updates.length;
  });
}

/** Splits `[4-byte big-endian length][bytes]…` into views on the buffer (no copies). */
function splitLengthPrefixed(buf: Uint8Array): Uint8Array[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at + 4 <= buf.byteLength) {
    const len = view.getUint32(at);
    at += 4;
    if (at + len > buf.byteLength) throw new Error("truncated update list");
    out.push(buf.subarray(at, at + len));
    at += len;
  }
  if (at !== buf.byteLength) throw new Error("truncated update list");
  return out;
}

/** The number of stored updates of a document (compaction threshold on load). */
export async function countUpdates(db: Db, docName: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.docName, docName));
  return row?.n ?? 0;
}
