/** The NEN 7513 audit log: every access to case data, refusals too, in a hash chain. */
import { createHash } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { type Db, rowsOf, type ScriptRunner, type Tx } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AuditAction } from "../../shared/domain";
import { admissionGatherMs, batched } from "../batching";

/** Who did it, from where. */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  organisationId: string | null;
  clientAddress: string | null;
}

/** What happened. Details hold identifiers and codes only, never plan text, names or tokens. */
export interface AuditEntry {
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  caseId?: string | null;
  purpose?: string | null;
  outcome: "success" | "refused" | "failure";
  breakGlass?: boolean;
  details?: Record<string, string | number | boolean | null>;
}

const genesis = "0".repeat(64);
/** Serialises writers across processes so the chain never forks. */
const chainLock = 7513;

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
 * The chain lock (held until commit) and the read of the newest hash: two statements, so that the
 * read, in its own snapshot, sees what the lock's last holder committed. Both writers use these.
 */
const lockChainSql = `select pg_advisory_xact_lock(${chainLock})`;
const chainEndSql = "select hash from audit_log order by id desc limit 1";

/** Takes the chain lock and returns the hash of the newest entry. */
async function lockChainEnd(tx: Db | Tx): Promise<string> {
  await tx.execute(sql.raw(lockChainSql));
  const [last] = rowsOf<{ hash: string }>(await tx.execute(sql.raw(chainEndSql)));
  return last?.hash ?? genesis;
}

/** Appends audit entries, inside the caller's transaction when one is given. */
export async function writeAudit(
  db: Db | Tx,
  actor: AuditActor | null,
  entries: AuditEntry | AuditEntry[],
  at: Date,
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const run = async (tx: Db | Tx) => {
    const rows = chainRows(
      await lockChainEnd(tx),
      list.map((entry) => ({ actor, entry, at })),
    );
    await tx.insert(auditLog).values(rows);
  };
  // A nested transaction is a savepoint; the advisory lock is held until the outer commit.
  await db.transaction(run);
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
      userRole: actor?.role ?? null,
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
 * (`insertEntriesSql`). For writers that collect many entries, like the Yjs endpoint.
 */
export async function writeAuditEntries(db: Db | Tx, items: AuditItem[]): Promise<void> {
  if (items.length === 0) return;
  await db.transaction(async (tx) => {
    const rows = entryRows(await lockChainEnd(tx), items);
    await tx.execute(sql`${sql.raw(insertEntriesHead)}${rows}${sql.raw(insertEntriesTail)}`);
  });
}

/**
 * For a writer in a script session (db/client.ts) whose entries commit with the change they
 * record: begins the transaction, takes the chain lock and reads the chain end. Returns the entries'
 * rows as one JSON text, for the caller's statement that inserts them (`insertEntriesSql`).
 */
export async function beginChainedScript(run: ScriptRunner, items: AuditItem[]): Promise<string> {
  const [end] = await run(`begin; ${lockChainSql}; ${chainEndSql}`);
  return entryRows(typeof end?.[0] === "string" ? end[0] : genesis, items);
}

/**
 * An INSERT of the entries whose rows come as one JSON text (`entryRows`) in the SQL expression
 * `json`, in the order given (ordinality, so the ids follow the chain). One value for all rows: a
 * many-row INSERT with 15 bind parameters a row costs ten times more on PGlite.
 */
export function insertEntriesSql(json: string): string {
  return `${insertEntriesHead}${json}${insertEntriesTail}`;
}

const insertEntriesHead = `insert into audit_log (at, user_id, user_role, organisation_id, action, case_id,
    object_type, object_id, purpose, outcome, client_address, break_glass, details, prev_hash, hash)
  select at, user_id, user_role, organisation_id, action, case_id, object_type,
    object_id, purpose, outcome, client_address, break_glass, details, prev_hash, hash
  from rows from (jsonb_to_recordset(`;
const insertEntriesTail = `::jsonb) as (at timestamptz, user_id uuid, user_role text,
    organisation_id uuid, action text, case_id uuid, object_type text, object_id text, purpose text,
    outcome text, client_address text, break_glass boolean, details jsonb, prev_hash text, hash text))
  with ordinality as r
  order by ordinality`;

/** The entries hashed onto `prevHash`, as the JSON text the INSERT reads. */
function entryRows(prevHash: string, items: AuditItem[]): string {
  return JSON.stringify(
    chainRows(prevHash, items).map((r) => ({
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
