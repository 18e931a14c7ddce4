/** The NEN 7513 audit log: every access to case data, refusals too, in a hash chain. */
import { createHash } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AuditAction, GlobalRole } from "../../shared/domain";
import { admissionGatherMs, batched } from "../batching";
import { roleActedIn } from "./acting-role";
import { withGrantPurposes } from "./break-glass";

/** Who did it, from where. */
export interface AuditActor {
  userId: string | null;
  /** The case role when the person has one on the case, else their global role. */
  role: string | null;
  organisationId: string | null;
  clientAddress: string | null;
  /**
   * The global role of `userId`, when the writer knows it: with it the log records the role actually
   * used (`roleActedIn`), the global one where the case role did not allow the act.
   */
  globalRole?: { userId: string; role: GlobalRole } | null;
}

/** What happened. Details hold identifiers and codes only, never plan text, names or tokens. */
export interface AuditEntry {
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  caseId?: string | null;
  /** Why; left out on a flagged (break-glass) entry, the log records the grant's reason (`break-glass.ts`). */
  purpose?: string | null;
  outcome: "success" | "refused" | "failure";
  breakGlass?: boolean;
  details?: Record<string, string | number | boolean | null>;
}

const genesis = "0".repeat(64);

type AuditRow = typeof auditLog.$inferSelect;
type HashedFields = Omit<AuditRow, "id" | "hash">;

/**
 * The hash of one row: SHA-256 over its fields in a fixed order (JSON, UTF-8), chained to the
 * previous hash. Node's own SHA-256: a reconnect storm right after a restart writes a thousand
 * entries while the JIT has not yet compiled a JavaScript one (@oslojs, 10 µs a row once warm).
 */
export function hashAuditRow(row: HashedFields): string {
  const canonical = JSON.stringify([
    row.prevHash,
    row.at.toISOString(),
    row.userId,
    row.userRole,
    row.organisationId,
    row.action,
    row.caseId,
    row.objectType,
    row.objectId,
    row.purpose,
    row.outcome,
    row.clientAddress,
    row.breakGlass,
    row.details ? Object.entries(row.details).sort(([a], [b]) => a.localeCompare(b)) : null,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/**
 * Takes the chain lock, which serialises the log's writers across processes so that the chain never
 * forks and is held until the transaction ends, and reads the newest hash (the genesis hash when the
 * log is empty), in one statement: the function `audit_chain_end` (db/migrations/0006) reads in a
 * snapshot of its own, taken after the lock, so it sees what the lock's last holder committed.
 */
export const chainEndSql = "select audit_chain_end() as hash";

/** Takes the chain lock and returns the hash of the newest entry. */
async function lockChainEnd(tx: Db | Tx): Promise<string> {
  const [last] = rowsOf<{ hash: string }>(await tx.execute(sql.raw(chainEndSql)));
  return last?.hash ?? genesis;
}

/**
 * The newest hash each database's log had when a writer in this process last committed to it: the
 * guess with which `appendChained` hashes its entries before it knows the chain end. Only a guess;
 * the statement checks it under the chain lock.
 */
const chainEnds = new WeakMap<Db | Tx, string>();

/** Appends audit entries, inside the caller's transaction when one is given. */
export async function writeAudit(
  db: Db | Tx,
  actor: AuditActor | null,
  entries: AuditEntry | AuditEntry[],
  at: Date,
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  await writeAuditEntries(
    db,
    list.map((entry) => ({ actor, entry, at })),
  );
}

/** One entry to append, with its own actor and time. */
export interface AuditItem {
  actor: AuditActor | null;
  entry: AuditEntry;
  at: Date;
}

/** The rows for the entries, each hashed onto the one before, starting from `prevHash`. */
function chainRows(prevHash: string, items: AuditItem[]): Omit<AuditRow, "id">[] {
  let prev = prevHash;
  return items.map(({ actor, entry: e, at }) => {
    const fields: Omit<HashedFields, "prevHash"> = {
      at,
      userId: actor?.userId ?? null,
      userRole: actor ? roleActedIn(actor, e) : null,
      organisationId: actor?.organisationId ?? null,
      action: e.action,
      caseId: e.caseId ?? null,
      objectType: e.objectType,
      objectId: e.objectId ?? null,
      purpose: e.purpose ?? null,
      outcome: e.outcome,
      clientAddress: actor?.clientAddress ?? null,
      breakGlass: e.breakGlass ?? false,
      details: e.details ?? null,
    };
    const hash = hashAuditRow({ ...fields, prevHash: prev });
    const row = { ...fields, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

/**
 * Appends entries of several actors and times in one transaction: one chain lock and one INSERT
 * (`insertEntriesSql`). For writers that collect many entries, like the Yjs endpoint. With
 * `change`, the change the entries record is written first in the same transaction.
 */
export async function writeAuditEntries(
  db: Db | Tx,
  items: AuditItem[],
  change?: (tx: Tx) => Promise<unknown>,
): Promise<void> {
  if (items.length === 0) return;
  // Looked up before the chain lock is taken, so that no writer waits on it.
  const recorded = await withGrantPurposes(db, items);
  // Inside a caller's transaction this is a savepoint, and the chain lock is held until the outer
  // commit; the chain end noted for a transaction is never read (`appendChained` asks with the
  // database).
  const end = await db.transaction(async (tx) => {
    await change?.(tx);
    const rows = entryRows(await lockChainEnd(tx), recorded);
    await tx.execute(sql`${sql.raw(insertEntriesHead)}${rows.json}${sql.raw(insertEntriesTail)}`);
    return rows.end;
  });
  chainEnds.set(db, end);
}

/**
 * Appends entries with the change they record, in one statement and one round trip when it can.
 * `run(entries, expectedEnd)` runs the writer's statement, which must insert its change and the
 * entries (`insertEntriesSql`, as one JSON text) only when the chain end under the lock
 * (`audit_chain_end()`) is `expectedEnd`, and answer the chain end it found. The entries are hashed
 * onto the chain end the last writer in this process left; when another writer came in between, the
 * statement inserts nothing and they are hashed again onto the end it found. When that happened
 * twice (other writers keep the chain busy), `change` and the entries are written in a transaction
 * that holds the lock (`writeAuditEntries`): either way both are stored, or neither and it throws.
 */
export async function appendChained(
  db: Db,
  items: AuditItem[],
  run: (entries: string, expectedEnd: string) => Promise<string>,
  change: (tx: Tx) => Promise<unknown>,
): Promise<void> {
  const recorded = await withGrantPurposes(db, items);
  let expected = chainEnds.get(db) ?? genesis;
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = entryRows(expected, recorded);
    const found = await run(rows.json, expected);
    if (found === expected) {
      chainEnds.set(db, rows.end);
      return;
    }
    expected = found;
    chainEnds.set(db, found);
  }
  await writeAuditEntries(db, recorded, change);
}

/**
 * An INSERT of the entries whose rows come as one JSON text (`entryRows`) in the SQL expression
 * `json`, in the order given (ordinality, so the ids follow the chain), and only where the SQL
 * condition `onlyIf` holds, when one is given. One value for all rows: a many-row INSERT with 15
 * bind parameters a row costs ten times more on PGlite.
 */
export function insertEntriesSql(json: string, onlyIf?: string): string {
  return `${insertEntriesHead}${json}${insertEntriesFrom}${onlyIf ? ` where ${onlyIf}` : ""}${insertEntriesOrder}`;
}

const insertEntriesHead = `insert into audit_log (at, user_id, user_role, organisation_id, action, case_id,
    object_type, object_id, purpose, outcome, client_address, break_glass, details, prev_hash, hash)
  select at, user_id, user_role, organisation_id, action, case_id, object_type,
    object_id, purpose, outcome, client_address, break_glass, details, prev_hash, hash
  from rows from (jsonb_to_recordset(`;
const insertEntriesFrom = `::jsonb) as (at timestamptz, user_id uuid, user_role text,
    organisation_id uuid, action text, case_id uuid, object_type text, object_id text, purpose text,
    outcome text, client_address text, break_glass boolean, details jsonb, prev_hash text, hash text))
  with ordinality as r`;
const insertEntriesOrder = " order by ordinality";
const insertEntriesTail = `${insertEntriesFrom}${insertEntriesOrder}`;

/** The entries hashed onto `prevHash`, as the JSON text the INSERT reads, and the last hash. */
function entryRows(prevHash: string, items: AuditItem[]): { json: string; end: string } {
  const rows = chainRows(prevHash, items);
  const json = JSON.stringify(
    rows.map((r) => ({
      at: r.at.toISOString(),
      user_id: r.userId,
      user_role: r.userRole,
      organisation_id: r.organisationId,
      action: r.action,
      case_id: r.caseId,
      object_type: r.objectType,
      object_id: r.objectId,
      purpose: r.purpose,
      outcome: r.outcome,
      client_address: r.clientAddress,
      break_glass: r.breakGlass,
      details: r.details,
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  );
  return { json, end: rows.length > 0 ? rows[rows.length - 1].hash : prevHash };
}

/**
 * Group commit for audit entries that are written on their own (not as part of a change): entries
 * arriving together are written in one transaction. Each caller's promise settles when its entry
 * is stored, so "audited before access" still holds.
 */
export function createAuditBatcher(
  db: Db,
  maxBatch = 200,
): (actor: AuditActor | null, entry: AuditEntry, at: Date) => Promise<void> {
  const write = batched(
    async (items: AuditItem[]) => {
      await writeAuditEntries(db, items);
      return items.map(() => undefined);
    },
    { maxBatch, busyDelayMs: admissionGatherMs },
  );
  return (actor, entry, at) => write({ actor, entry, at });
}

/** The result of checking the chain: intact, or the id of the first row that does not match. */
export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenAtId: number };

/** Recomputes every hash in order and reports the first broken link. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainCheck> {
  let prevHash = genesis;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.id} > ${lastId}`)
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, count };
    for (const row of rows) {
      const { id, hash, ...fields } = row;
      if (row.prevHash !== prevHash || hashAuditRow(fields) !== hash) {
        return { ok: false, count, brokenAtId: id };
      }
      prevHash = hash;
      lastId = id;
      count++;
    }
  }
}
