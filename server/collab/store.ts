/** Durable Yjs storage: an append-only table of raw updates plus one compacted snapshot per document. */
import { asc, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, Tx } from "../../db/client";
import { yjsSnapshots, yjsUpdates } from "../../db/schema";

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

/** Applies what is stored to a doc in one transaction. */
export function applyStored(doc: Y.Doc, stored: StoredDoc, origin: unknown = null): void {
  doc.transact(() => {
    if (stored.snapshot && stored.snapshot.byteLength > 0) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  }, origin);
}

/** The merged state of what is stored (encoded through a fresh doc: linear, unlike flat mergeUpdates). */
export function mergedState(stored: StoredDoc): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    applyStored(doc, stored);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** Rows per INSERT: keeps well under the 65,535 bind parameters of the Postgres protocol. */
const rowsPerInsert = 2000;

/** Appends raw updates, in order, in one transaction. */
export async function appendUpdates(db: Db, rows: { docName: string; update: Uint8Array }[]): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length <= rowsPerInsert) {
    await db.insert(yjsUpdates).values(rows);
    return;
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += rowsPerInsert) {
      await tx.insert(yjsUpdates).values(rows.slice(i, i + rowsPerInsert));
    }
  });
}

/**
 * Merges a document's stored updates into its snapshot in one transaction and deletes exactly the
 * rows it merged (by id), so updates written meanwhile, by this or another process, survive.
 * Returns the number of updates merged.
 */
export async function compactDoc(db: Db, docName: string): Promise<number> {
  return db.transaction(async (tx) => {
    // One compaction per document at a time, across processes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`yjs:${docName}`}))`);
    const stored = (await readStoredDocs(tx, [docName])).get(docName) as StoredDoc;
    if (stored.updates.length === 0) return 0;
    const state = mergedState(stored);
    await tx
      .insert(yjsSnapshots)
      .values({ docName, state })
      .onConflictDoUpdate({ target: yjsSnapshots.docName, set: { state, updatedAt: sql`now()` } });
    const ids = stored.updates.map((u) => u.id);
    for (let i = 0; i < ids.length; i += 10_000) {
      await tx.delete(yjsUpdates).where(inArray(yjsUpdates.id, ids.slice(i, i + 10_000)));
    }
    return ids.length;
  });
}

/** The number of stored updates of a document (compaction threshold on load). */
export async function countUpdates(db: Db, docName: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.docName, docName));
  return row?.n ?? 0;
}
