/** Opens the database: embedded PGlite by default, PostgreSQL when a URL is given. */
import { mkdirSync } from "node:fs";
import { PGlite, type QueryOptions, type Results, type Transaction, types } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import {
  type CheckpointPolicy,
  type CheckpointReport,
  defaultCheckpointPolicy,
  scheduleCheckpoints,
} from "./checkpoints";
import * as schema from "./schema";
import { bindExecuteSync, closeStatement, parse } from "./wire";

/** The Drizzle database both drivers offer. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle, usable wherever a `Db` is. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** An open database with its kind and a way to close it. */
export interface Database {
  db: Db;
  kind: "embedded" | "postgres";
  /** Cheap round trip, used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Where the database lives: a Postgres URL, or an embedded data folder (undefined = in memory). */
export interface DatabaseOptions {
  url?: string;
  dataDir?: string;
  /**
   * Embedded only: a new database starts as this copy of an initialised one (`PGlite.dumpDataDir`)
   * instead of running initdb, which takes three times as long. The test suite starts every
   * in-memory database from one.
   */
  loadDataDir?: Blob;
  /** Embedded only: when to write checkpoints (PostgreSQL's own checkpointer does it there). */
  checkpoints?: CheckpointPolicy;
  /** Embedded only: hears of each checkpoint and each failed one. */
  onCheckpoint?: (report: CheckpointReport) => void;
}

/** Opens the database the options name. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    // node-postgres, not postgres.js: postgres.js 3.4.9 throws an uncatchable TypeError from a
    // setImmediate when a connection drops with a write pending (porsager/postgres#1154, #1208),
    // which would take the server down whenever the database goes away.
    const pool = new pg.Pool({
      connectionString: options.url,
      // No JIT compilation: it cost 100–170 ms on every overview count (the planner prices the
      // visibility subqueries per row, far above jit_above_cost) and short queries never gain from it.
      options: "-c jit=off",
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A client whose server went away emits 'error': idle ones on the pool, checked-out ones (inside
    // a Drizzle transaction) on themselves. Unheard, either would crash the process; the query in
    // flight still fails and pg-pool discards the broken client when it is released.
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await pool.query("select 1");
      },
      close: () => pool.end(),
    };
  }
  const client = await EmbeddedClient.open(options.dataDir, options.loadDataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const checkpoints = scheduleCheckpoints(
    client,
    options.checkpoints ?? defaultCheckpointPolicy,
    options.onCheckpoint,
  );
  return {
    db,
    kind: "embedded",
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      await checkpoints.stop();
      await client.close();
    },
  };
}

/**
 * Runs `text` as the named prepared statement `name`, its parameters in binary format (db/wire.ts):
 * parsed and planned once per connection. On PGlite one call into it (`EmbeddedClient.runPrepared`).
 * Answers the rows it returns, each an array of values in text format.
 */
export async function runPrepared(
  db: Db,
  name: string,
  text: string,
  params: readonly Uint8Array[],
): Promise<unknown[][]> {
  const client = driverOf(db);
  if (client instanceof EmbeddedClient) return client.runPrepared(name, text, params);
  return (await client.query({ name, text, values: asBinaryValues(params), rowMode: "array" })).rows;
}

/** The rows of Drizzle's raw `execute` (PGlite and node-postgres both answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The driver's own client under Drizzle. */
function driverOf(db: Db): EmbeddedClient | pg.Pool {
  return (db as unknown as { $client: EmbeddedClient | pg.Pool }).$client;
}

/** Parameters as node-postgres sends them in binary format: as Buffers. */
function asBinaryValues(params: readonly Uint8Array[]): Buffer[] {
  return params.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
}

/**
 * The parsers Drizzle's PGlite driver hands to every query: date, time and interval values (and
 * their arrays) stay text, which Drizzle maps itself.
 */
const keepText = (value: string) => value;
const drizzleParsers: Record<number, (value: string) => string> = {
  [types.TIMESTAMP]: keepText,
  [types.TIMESTAMPTZ]: keepText,
  [types.INTERVAL]: keepText,
  [types.DATE]: keepText,
  1231: keepText, // numeric[]
  1115: keepText, // timestamp[]
  1185: keepText, // timestamptz[]
  1187: keepText, // interval[]
  1182: keepText, // date[]
};
const drizzleParserTypes = new Set(Object.keys(drizzleParsers));

/** The options without Drizzle's parsers, which the client already has installed. */
function withoutDrizzleParsers(options: QueryOptions | undefined): QueryOptions | undefined {
  const parsers = options?.parsers;
  if (!parsers) return options;
  const keys = Object.keys(parsers);
  if (keys.length !== drizzleParserTypes.size || !keys.every((k) => drizzleParserTypes.has(k)))
    return options;
  const { parsers: _, ...rest } = options;
  return rest;
}

/**
 * PGlite for Drizzle, without a cost Drizzle's driver adds to every query: a query that brings its
 * own parsers makes PGlite copy all of its ~320 type parsers into a new object, about 0.3 ms, which
 * is more than a simple indexed query takes. The client installs Drizzle's parsers once and drops
 * them from each query, in and outside transactions; results are the same.
 */
class EmbeddedClient extends PGlite {
  /** A started client (in memory without a folder) with Drizzle's parsers installed. */
  static async open(dataDir?: string, loadDataDir?: Blob): Promise<EmbeddedClient> {
    // PGlite creates the data folder itself, but not the folders above it.
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const client = new EmbeddedClient({ dataDir, loadDataDir });
    await client.waitReady;
    // After start-up, which (re)builds the array-type parsers: these must stay as Drizzle wants them.
    Object.assign(client.parsers, drizzleParsers);
    return client;
  }

  /** Names of the statements prepared on this client's one session. */
  private readonly prepared = new Set<string>();

  /**
   * Runs `text` as the named prepared statement `name` with binary parameters: bind, execute and
   * sync in one buffer, one call into PGlite, no parsing or planning after the first run (PGlite's
   * `query` sends each protocol message on its own and parses the text every time; for the append
   * of one update 0.07 against 0.13–0.2 ms back to back, 0.53 against 0.7–0.8 ms after a pause).
   * It waits for any transaction in progress (`exclusively`). The first run (and the first after a
   * failed one) closes and prepares the statement in the same buffer.
   * Throws PGlite's DatabaseError.
   */
  runPrepared(name: string, text: string, params: readonly Uint8Array[]): Promise<unknown[][]> {
    return this.exclusively(async () => {
      const run = bindExecuteSync(name, params);
      const isPrepared = this.prepared.has(name);
      // Until this run succeeds it is not known whether the Parse took: prepare afresh next time.
      this.prepared.delete(name);
      // NODEFS writes through to the data folder: there is nothing for `syncToFs` to do.
      const { messages } = await this.execProtocol(
        isPrepared ? run : Buffer.concat([closeStatement(name), parse(name, text), run]),
        { syncToFs: false },
      );
      this.prepared.add(name);
      return messages.flatMap((m) =>
        m.name === "dataRow" ? [(m as unknown as { fields: unknown[] }).fields] : [],
      );
    });
  }

  /**
   * Runs `fn` holding both of PGlite's locks, as its own `query` and `describeQuery` do: its public
   * `runExclusive` takes only the query lock, and a statement sent under it would land inside
   * another caller's open transaction.
   */
  private exclusively<T>(fn: () => Promise<T>): Promise<T> {
    return this._runExclusiveTransaction(() => this._runExclusiveQuery(fn));
  }

  override query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return super.query<T>(query, params, withoutDrizzleParsers(options));
  }

  override transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.transaction((tx) =>
      callback(
        Object.create(tx, {
          query: {
            value: <R>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<R>> =>
              tx.query<R>(query, params, withoutDrizzleParsers(options)),
          },
        }) as Transaction,
      ),
    );
  }
}

export { schema };
