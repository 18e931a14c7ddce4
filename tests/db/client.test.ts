import type { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { type Database, openDatabase, rowsOf, runPrepared } from "../../db/client";
import { cases } from "../../db/schema";
import { binaryTextArray } from "../../db/wire";
import { useMigratedDatabase } from "../helpers/database";
import { templateDump } from "../helpers/pglite-template";

const t = useMigratedDatabase();

/** The PGlite client under an embedded database's Drizzle. */
function pgliteOf(database: Database): PGlite {
  return (database.db as unknown as { $client: PGlite }).$client;
}

const literals = sql`select '2026-11-23 05:06:07.123+00'::timestamptz as at, '2026-11-23 05:06:07'::timestamp as local,
  '2026-11-23'::date as day, '3 days'::interval as span, array['2026-01-01 10:00'::timestamp] as stamps,
  array[1.5]::numeric[] as amounts`;

/** What both drivers must give Drizzle: dates, times and intervals as PostgreSQL's text. */
const asText = {
  at: "2026-11-23 05:06:07.123+00",
  local: "2026-11-23 05:06:07",
  day: "2026-11-23",
  span: "3 days",
  stamps: '{"2026-01-01 10:00:00"}',
};

describe("the database client", () => {
  it("hands dates, times and intervals to Drizzle as text, in and outside a transaction", async () => {
    type Rows = { rows: Record<string, unknown>[] };
    const outside = (await t.database.db.execute(literals)) as unknown as Rows;
    expect(outside.rows[0]).toMatchObject(asText);
    const inside = (await t.database.db.transaction((tx) => tx.execute(literals))) as unknown as Rows;
    expect(inside.rows[0]).toMatchObject(asText);
  });

  it("gives a stored moment back as the same Date, in and outside a transaction", async () => {
    const createdAt = new Date("2026-11-23T05:06:07.123Z");
    const [row] = await t.database.db
      .insert(cases)
      .values({
        reference: "CLIENT-1",
        title: "Client",
        region: "IJsselland",
        categories: ["overig"],
        createdAt,
      })
      .returning({ id: cases.id, createdAt: cases.createdAt });
    expect(row.createdAt).toEqual(createdAt);
    const read = () =>
      t.database.db.select({ createdAt: cases.createdAt }).from(cases).where(eq(cases.id, row.id));
    expect((await read())[0].createdAt).toEqual(createdAt);
    const [inTx] = await t.database.db.transaction((tx) =>
      tx.select({ createdAt: cases.createdAt }).from(cases).where(eq(cases.id, row.id)),
    );
    expect(inTx.createdAt).toEqual(createdAt);
  });

  it("still honours parsers a caller of the embedded client brings itself", async () => {
    const embedded = await openDatabase({ loadDataDir: templateDump() });
    onTestFinished(() => embedded.close());
    const client = pgliteOf(embedded);
    const result = await client.query<{ at: string }>("select now() as at", [], {
      parsers: { 1184: () => "own parser" },
    });
    expect(result.rows[0].at).toBe("own parser");
    const plain = await client.query<{ at: unknown }>("select now() as at");
    expect(typeof plain.rows[0].at).toBe("string");
  });
});

describe("a new embedded database", () => {
  it("starts as a copy of the dump it is given", async () => {
    const first = await openDatabase({ loadDataDir: templateDump() });
    onTestFinished(() => first.close());
    await first.db.execute(sql`create table notes (v text)`);
    await first.db.execute(sql`insert into notes values ('kept')`);
    const client = pgliteOf(first);
    const copy = await openDatabase({ loadDataDir: await client.dumpDataDir("none") });
    onTestFinished(() => copy.close());
    const rows = rowsOf<{ v: string }>(await copy.db.execute(sql`select v from notes`));
    expect(rows).toEqual([{ v: "kept" }]);
  });
});

describe("a prepared statement", () => {
  it("is prepared again when it was dropped behind the embedded client's back", async () => {
    const embedded = await openDatabase({ loadDataDir: templateDump() });
    onTestFinished(() => embedded.close());
    const db = embedded.db;
    await db.execute(sql`create table notes (v text)`);
    const insert = (v: string) =>
      runPrepared(db, "notes_insert", "insert into notes (v) select unnest($1::text[])", [
        binaryTextArray([v]),
      ]);
    await insert("a");
    await db.execute(sql`deallocate all`);
    // The run that finds it gone fails (its batch is retried by the client), the next one prepares.
    await expect(insert("b")).rejects.toThrow(/does not exist/);
    await insert("c");
    const rows = rowsOf<{ v: string }>(await db.execute(sql`select v from notes order by v`));
    expect(rows.map((r) => r.v)).toEqual(["a", "c"]);
  });
});
