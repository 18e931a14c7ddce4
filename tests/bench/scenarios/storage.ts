/**
 * Storage figures of Eén Plan alone (the reference server stores nothing): cold load of a section
 * with many stored updates before and after compaction, compaction time, stored bytes, and durable
 * updates per second through the real endpoint, on PGlite and on PostgreSQL (tests/bench/run.ts
 * picks the server).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import * as Y from "yjs";
import { type Database, openDatabase } from "../../../db/client";
import { cases, users, yjsSnapshots, yjsUpdates } from "../../../db/schema";
import { demoEmail, demoPassword } from "../../../db/seed/demo";
import type { AuditItem } from "../../../server/audit/log";
import { type CollabServer, createCollabAttach } from "../../../server/collab/endpoint";
import { appendUpdates, compactDoc } from "../../../server/collab/store";
import { createLogger } from "../../../server/logger";
import { startServer } from "../../../server/server";
import { createPostgresDatabase } from "../../helpers/postgres-database";
import { connectSection, waitForSync } from "../../helpers/yjs";
import { median, ms, sleep } from "../lib/stats";

/** A results row (same shape as run.ts's table). */
export interface StorageRow {
  scenario: string;
  metric: string;
  reference: string;
  eenPlan: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

/** `count` realistic updates: one client typing a character at a time into a paragraph. */
function typingUpdates(count: number): { updates: Uint8Array[]; finalSize: number } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const p = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  p.insert(0, [text]);
  doc.getXmlFragment("prosemirror").insert(0, [p]);
  const words = "Oma haalt de kinderen van school op dinsdag en donderdag. ";
  while (updates.length < count) {
    const i = updates.length;
    // Mostly typing, now and then a correction, as in a real plan.
    if (i % 17 === 16 && text.length > 2) text.delete(text.length - 2, 1);
    else text.insert(text.length, words[i % words.length]);
  }
  const finalSize = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  return { updates: updates.slice(0, count), finalSize };
}

/** Starts the real server in this process with access to the endpoint's internals. */
async function inProcessServer(database: Database) {
  let collab: CollabServer | undefined;
  const server = await startServer({
    database,
    logger: createLogger("warn"),
    port: 0,
    host: "127.0.0.1",
    seedDemo: true,
    attachments: [createCollabAttach({ unloadGraceMs: 200, onStart: (c) => (collab = c) })],
    config: {
      session: { idleMs: 3_600_000, absoluteMs: 3_600_000 },
      demo: true,
      secureCookies: false,
      maxBodyBytes: 1024 * 1024,
    },
  });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: demoEmail("wijkteam"), password: demoPassword }),
  });
  const cookie = res.headers.getSetCookie()[0].split(";")[0];
  const [c] = await database.db.select({ id: cases.id }).from(cases).limit(1);
  return { server, cookie, caseId: c.id, collab: () => collab as CollabServer };
}

/** Time from opening a provider until it has synced a section (the section not in server memory). */
async function coldLoad(url: string, cookie: string, docName: string, collab: CollabServer): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    while (collab.loadedDocs().includes(docName)) await sleep(50);
    const t0 = performance.now();
    const client = connectSection(url, cookie, docName);
    await waitForSync(client, 60_000);
    times.push(performance.now() - t0);
    client.destroy();
  }
  return median(times);
}

/** Durable updates per second through the endpoint: providers typing as fast as they can. */
async function durableRate(
  url: string,
  cookie: string,
  caseId: string,
  collab: CollabServer,
  seconds: number,
) {
  const sections = ["household", "concerns", "goals", "signals", "care", "monitoring"];
  const clients = sections.flatMap((s) =>
    Array.from({ length: 4 }, () => connectSection(url, cookie, `case:${caseId}:${s}`)),
  );
  await Promise.all(clients.map((c) => waitForSync(c, 60_000)));
  const before = collab.stats().updates;
  const t0 = performance.now();
  let sent = 0;
  while (performance.now() - t0 < seconds * 1000) {
    for (const c of clients) {
      c.doc.getMap("load").set(`k${sent % 50}`, sent);
      sent++;
    }
    await sleep(0);
  }
  await collab.flush();
  const elapsed = (performance.now() - t0) / 1000;
  const stored = collab.stats().updates - before;
  for (const c of clients) c.destroy();
  return { perSecond: stored / elapsed, sent, stored };
}

/**
 * What storing one update costs, back to back and after the process sat idle for 50 ms (as between
 * the keystrokes of a small meeting, 20 updates/s): the median time of `appendUpdates` with one row,
 * and with one audit entry beside it (a connection's first update, then one per interval).
 */
async function commitCost(
  db: Database["db"],
  docName: string,
  audit?: Omit<AuditItem, "at">,
): Promise<{ warm: number; idle: number }> {
  // Real updates (one keystroke each) on a section no other figure uses.
  const { updates } = typingUpdates(600);
  let next = 0;
  const run = async (gapMs: number) => {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      if (gapMs > 0) await sleep(gapMs);
      const update = updates[next++];
      const t0 = performance.now();
      await appendUpdates(db, [{ docName, update }], audit ? [{ ...audit, at: new Date() }] : []);
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  await run(0); // warm-up
  return { warm: await run(0), idle: await run(50) };
}

async function figuresFor(label: string, database: Database, quick: boolean): Promise<StorageRow[]> {
  const rows: StorageRow[] = [];
  const add = (metric: string, value: string, target = "", met: boolean | null = null) => {
    rows.push({
      scenario: `storage (${label})`,
      metric,
      reference: "—",
      eenPlan: value,
      ratio: "",
      target,
      met,
    });
    process.stdout.write(`  storage (${label}) · ${metric}: ${value}\n`);
  };
  const { server, cookie, caseId, collab } = await inProcessServer(database);
  try {
    const db = database.db;
    const loadCount = quick ? 2000 : 10_000;
    const docName = `case:${caseId}:stable_safety`;
    // Store the updates raw, as the endpoint would have, but without compaction on the way.
    await db.delete(yjsSnapshots).where(eq(yjsSnapshots.docName, docName));
    const { updates } = typingUpdates(loadCount);
    await appendUpdates(
      db,
      updates.map((update) => ({ docName, update })),
    );
    add(`cold load, ${loadCount} stored updates`, ms(await coldLoad(server.url, cookie, docName, collab())));
    // (The load itself may have compacted past the threshold; compact whatever is left.)
    await compactDoc(db, docName);
    const after = await coldLoad(server.url, cookie, docName, collab());
    add(`cold load after compaction`, ms(after), "< 50 ms", after < 50);

    const compactCount = quick ? 5000 : 20_000;
    const doc2 = `case:${caseId}:care`;
    await db.delete(yjsSnapshots).where(eq(yjsSnapshots.docName, doc2));
    const big = typingUpdates(compactCount);
    await appendUpdates(
      db,
      big.updates.map((update) => ({ docName: doc2, update })),
    );
    const t0 = performance.now();
    const { merged } = await compactDoc(db, doc2);
    const compactMs = performance.now() - t0;
    add(`compaction of ${merged} updates`, ms(compactMs), "< 300 ms", compactMs < 300);
    const [bytes] = await db
      .select({
        snap: sql<number>`coalesce((select sum(length(state)) from ${yjsSnapshots} where doc_name = ${doc2}), 0)::int`,
        upd: sql<number>`coalesce((select sum(length(update)) from ${yjsUpdates} where doc_name = ${doc2}), 0)::int`,
      })
      .from(users)
      .limit(1);
    const stored = Number(bytes.snap) + Number(bytes.upd);
    add(
      "stored bytes after compaction / encoded document",
      `${stored} B / ${big.finalSize} B (${(stored / big.finalSize).toFixed(2)}×)`,
      "≤ 2×",
      stored <= 2 * big.finalSize,
    );

    const commit = await commitCost(db, `case:${caseId}:conditions`);
    add(
      "one update stored: back to back / after 50 ms idle (median)",
      `${commit.warm.toFixed(2)} ms / ${commit.idle.toFixed(2)} ms`,
    );
    const audited = await commitCost(db, `case:${caseId}:risk`, {
      actor: { userId: null, role: "caseDirector", organisationId: null, clientAddress: "127.0.0.1" },
      entry: {
        action: "update",
        objectType: "section",
        objectId: `case:${caseId}:risk`,
        caseId,
        outcome: "success",
      },
    });
    add(
      "one update with its audit entry stored: back to back / after 50 ms idle (median)",
      `${audited.warm.toFixed(2)} ms / ${audited.idle.toFixed(2)} ms`,
    );

    const rate = await durableRate(server.url, cookie, caseId, collab(), quick ? 3 : 8);
    const target = label === "PGlite" ? 2000 : 5000;
    add(
      "durable updates/s through the endpoint (24 providers)",
      `${rate.perSecond.toFixed(0)}/s (${rate.stored} of ${rate.sent} stored)`,
      `≥ ${target}/s`,
      rate.perSecond >= target,
    );
  } finally {
    await server.close();
  }
  return rows;
}

/** All storage rows: PGlite always, PostgreSQL when a URL is given. */
export async function storageFigures(options: {
  quick: boolean;
  databaseUrl?: string;
}): Promise<StorageRow[]> {
  process.stdout.write("storage: cold load, compaction, stored bytes, durable updates/s\n");
  const dir = await mkdtemp(join(tmpdir(), "eenplan-bench-store-"));
  const rows = await figuresFor("PGlite", await openDatabase({ dataDir: dir }), options.quick);
  await rm(dir, { recursive: true, force: true });
  if (options.databaseUrl) {
    const pgDb = await createPostgresDatabase(options.databaseUrl, "bench");
    // Whether PostgreSQL waits for the disk at each commit decides its figures: say which it was.
    const c = new pg.Client({ connectionString: pgDb.url });
    await c.connect();
    const setting = async (name: string) =>
      ((await c.query(`show ${name}`)).rows[0] as Record<string, string>)[name];
    const durability = `fsync ${await setting("fsync")}, synchronous_commit ${await setting("synchronous_commit")}`;
    await c.end();
    const label = `PostgreSQL, ${durability}`;
    rows.push(...(await figuresFor(label, await openDatabase({ url: pgDb.url }), options.quick)));
    await pgDb.drop();
  }
  return rows;
}
