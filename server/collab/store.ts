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

/** What `applyStored` left out: ids of stored updates, and "snapshot" for the snapshot. */
export type Skipped = number | "snapshot";

/**
 * Applies what is stored to a doc in one transaction. Something stored that does not apply (bytes
 * that are no Yjs update, as a faulty import or a hand edit might leave behind) is skipped, never
 * fatal: then everything is applied again one by one, so that a single bad row cannot keep a
 * section from opening, and the result names what was left out. Everyone who reads a section (the
 * live document, its text, a plan version, compaction) thus sees the same content.
 */
export function applyStored(doc: Y.Doc, stored: StoredDoc): Skipped[] {
  const snapshot = stored.snapshot && stored.snapshot.byteLength > 0 ? stored.snapshot : null;
  try {
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u.update);
    });
    return [];
  } catch {
    // Applying an update twice changes nothing, so what the failed transaction applied may stay.
    const skipped: Skipped[] = [];
    if (snapshot && !tryApply(doc, snapshot)) skipped.push("snapshot");
    for (const u of stored.updates) if (!tryApply(doc, u.update)) skipped.push(u.id);
    return skipped;
  }
}

/** Applies one update; false when it does not apply. */
export function tryApply(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    Y.applyUpdate(doc, update);
    return true;
  } catch {
    return false;
  }
}

/** The merged state of what is stored (encoded through a fresh doc: linear, unlike flat mergeUpdates). */
export function mergedState(stored: StoredDoc): Uint8Array {
  return mergeStored(stored).state;
}

/** The merged state and what did not apply (`applyStored`). */
function mergeStored(stored: StoredDoc): { state: Uint8Array; skipped: Skipped[] } {
  const doc = serverDoc("merge");
  try {
    const skipped = applyStored(doc, stored);
    return { state: Y.encodeStateAsUpdate(doc), skipped };
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
 * nor the entry without the edit). This is the hot path of every edit, so it goes to the driver
 * directly: Drizzle's query building costs more than the insert itself. It is one prepared statement with two array
 * parameters in binary format, whatever the number of rows (`runPrepared`): parsed and planned once
 * per connection, no bind-parameter limit, no case data in the statement's text, and on PGlite, which
 * computes on this thread, one call into it.
 * A batch that carries audit entries (a connection's first update, then one per interval) is one
 * such statement too, which takes the chain lock itself (`appendChained`); only when other writers
 * keep moving the chain end does it fall back to a transaction that holds the lock (as
 * `appendHoldingChainLock` does, which the tests run directly). On PGlite 0.3 / 1.25 ms back to
 * back / after a pause, against 0.6–0.9 / 1.9–2.7 ms for the three round trips it replaced
 * (tests/bench, storage).
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
 * same bytes in one value). An update that does not apply is put back with its id, as it was: the
 * others are merged, so one bad row does not stop the document's compaction for good. A snapshot
 * that does not apply is never replaced (that would drop what it holds): the compaction fails.
 * Returns the number of updates merged and the ids of the rows kept.
 */
export async function compactDoc(db: Db, docName: string): Promise<{ merged: number; kept: number[] }> {
  return db.transaction(async (tx) => {
    // One compaction per document at a time, across processes: the snapshot is read and rewritten.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`yjs:${docName}`}))`);
    const taken = rowsOf<{ n: number; updates: string | null }>(
      await tx.execute(sql`
        with taken as (
          delete from ${yjsUpdates} where ${yjsUpdates.docName} = ${docName}
          returning ${yjsUpdates.id} as id, ${yjsUpdates.update} as update
        )
        select count(*)::int as n, encode(string_agg(
          int8send(id) || int4send(length(update)) || update, ''::bytea order by id), 'base64') as updates
        from taken`),
    )[0];
    if (!taken || taken.n === 0 || taken.updates === null) return { merged: 0, kept: [] };
    const updates = splitStoredUpdates(Buffer.from(taken.updates, "base64"));
    if (updates.length !== taken.n) throw new Error("compaction read an inconsistent update list");
    const [existing] = await tx
      .select({ state: yjsSnapshots.state })
      .from(yjsSnapshots)
      .where(eq(yjsSnapshots.docName, docName));
    const { state, skipped } = mergeStored({ snapshot: existing?.state ?? null, updates });
    if (skipped.includes("snapshot")) throw new Error("the stored snapshot does not apply");
    const bad = new Set(skipped);
    const keep = updates.filter((u) => bad.has(u.id)).map((u) => ({ ...u, docName }));
    if (keep.length > 0) await tx.insert(yjsUpdates).values(keep);
    await tx
      .insert(yjsSnapshots)
      .values({ docName, state })
      .onConflictDoUpdate({ target: yjsSnapshots.docName, set: { state, updatedAt: sql`now()` } });
    return { merged: updates.length - keep.length, kept: keep.map((k) => k.id) };
  });
}

/** Splits `[8-byte id][4-byte length][bytes]…` (big-endian) into ids and views on the buffer (no copies). */
function splitStoredUpdates(buf: Uint8Array): { id: number; update: Uint8Array }[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: { id: number; update: Uint8Array }[] = [];
  let at = 0;
  while (at + 12 <= buf.byteLength) {
    const id = Number(view.getBigInt64(at));
    const len = view.getUint32(at + 8);
    at += 12;
    if (at + len > buf.byteLength) throw new Error("truncated update list");
    out.push({ id, update: buf.subarray(at, at + len) });
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
