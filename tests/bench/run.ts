/**
 * `npm run bench`: Eén Plan (authenticated, durable, audited) side by side with the y-websocket
 * reference server (in memory, no auth), same harness, same machine, alternating which goes first.
 * Prints a table and writes docs/BENCHMARKS.md. Flags: --quick (smaller runs), --only=NAME[,NAME].
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Cluster, postgresBin, startCluster } from "../helpers/postgres-cluster";
import { createPostgresDatabase } from "../helpers/postgres-database";
import { type BenchServer, startEenPlan, startReference } from "./lib/servers";
import { mib, ms, percentile, ratio } from "./lib/stats";
import { burst } from "./scenarios/burst";
import { openAndClose } from "./scenarios/memory";
import { manyDocuments, oneDocument, type PropagationResult } from "./scenarios/propagation";
import { restartStorm } from "./scenarios/restart-storm";
import { storageFigures } from "./scenarios/storage";

// Every Node WebsocketProvider adds a process "exit" listener; thousands are expected here.
process.setMaxListeners(0);

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const wanted = (name: string) => !only || only.includes(name);
const serverDatabaseUrl = process.env.BENCH_SERVER_DATABASE_URL;
const scale = (full: number, small: number) => (quick ? small : full);

/** One row of the results table. */
interface Row {
  scenario: string;
  metric: string;
  reference: string;
  eenPlan: string;
  ratio: string;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];

function row(
  scenario: string,
  metric: string,
  ref: number,
  ours: number,
  fmt: (v: number) => string,
  limit?: number,
) {
  const r = ours / ref;
  rows.push({
    scenario,
    metric,
    reference: fmt(ref),
    eenPlan: fmt(ours),
    ratio: ratio(ours, ref),
    target: limit ? `≤ ${limit}×` : "",
    met: limit ? r <= limit : null,
  });
  process.stdout.write(
    `  ${scenario} · ${metric}: reference ${fmt(ref)}, Eén Plan ${fmt(ours)} (${ratio(ours, ref)})\n`,
  );
}

/**
 * Warms a server up before a steady-state scenario: 10 clients on a document of their own (one the
 * scenario does not use) send updates at 20/s for five seconds, then leave. The scenario then meets
 * a server whose code the JIT has compiled, as a meeting meets a server that has been running; what
 * a just-started server costs is the restart storm's to measure. Both servers get the same.
 */
async function warmUp(server: BenchServer, docName: string): Promise<void> {
  await oneDocument({ ...server, docs: [docName] }, { clients: 10, rate: 20, seconds: scale(5, 2) });
}

/**
 * Runs a scenario on one freshly started server; with `warm`, the server is warmed up first
 * (`warmUp`) on one document more than the scenario's.
 */
async function runOn<T>(
  which: "ref" | "ours",
  docs: number,
  run: (s: BenchServer) => Promise<T>,
  warm: boolean,
): Promise<T> {
  // BENCH_SERVER_DATABASE_URL: Eén Plan on a fresh database on that PostgreSQL server instead of PGlite.
  const pgDb =
    which === "ours" && serverDatabaseUrl
      ? await createPostgresDatabase(serverDatabaseUrl, "bench")
      : undefined;
  const docsStarted = docs + (warm ? 1 : 0);
  const server =
    which === "ref" ? await startReference(docsStarted) : await startEenPlan(docsStarted, pgDb?.url);
  try {
    if (warm) await warmUp(server, server.docs[docs]);
    return await run({ ...server, docs: server.docs.slice(0, docs) });
  } finally {
    await server.stop();
    await pgDb?.drop();
  }
}

/** Which server goes first in a round: alternating from one scenario to the next. */
const orderOf = (round: number): ("ref" | "ours")[] => (round % 2 === 0 ? ["ref", "ours"] : ["ours", "ref"]);

/** Runs the same scenario once on each server (see `runOn`). */
async function sideBySide<T>(
  round: number,
  docs: number,
  run: (s: BenchServer) => Promise<T>,
  { warm = false } = {},
): Promise<{ ref: T; ours: T }> {
  const out: Partial<{ ref: T; ours: T }> = {};
  for (const which of orderOf(round)) out[which] = await runOn(which, docs, run, warm);
  return out as { ref: T; ours: T };
}

/**
 * Runs the same scenario twice on each server, in the order A B B A, so that a machine that grows
 * busier or quieter during the four runs weighs on both servers alike.
 */
async function twiceSideBySide<T>(
  round: number,
  docs: number,
  run: (s: BenchServer) => Promise<T>,
  { warm = false } = {},
): Promise<{ ref: T[]; ours: T[] }> {
  const [a, b] = orderOf(round);
  const out: { ref: T[]; ours: T[] } = { ref: [], ours: [] };
  for (const which of [a, b, b, a]) out[which].push(await runOn(which, docs, run, warm));
  return out;
}

/** Percentiles and losses over the updates of all runs of one server together; CPU and memory: the mean. */
function pooled(runs: PropagationResult[]) {
  const latencies = runs.flatMap((r) => r.latencies);
  const mean = (key: "cpuPercent" | "rss") => runs.reduce((n, r) => n + r[key], 0) / runs.length;
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    laterP99: percentile(
      runs.flatMap((r) => r.laterLatencies),
      99,
    ),
    lost: runs.reduce((n, r) => n + r.lost, 0),
    cpuPercent: mean("cpuPercent"),
    rss: mean("rss"),
  };
}

if (serverDatabaseUrl) process.stdout.write("Eén Plan runs on PostgreSQL (BENCH_SERVER_DATABASE_URL)\n");
const started = Date.now();
const cpuAtStart = cpuTicks();
let round = 0;

if (wanted("latency")) {
  for (const clients of [10, 30, 200]) {
    process.stdout.write(`propagation latency, ${clients} clients in one section\n`);
    const runs = await twiceSideBySide(
      round++,
      4,
      (s) => oneDocument(s, { clients, rate: 20, seconds: scale(15, 5) }),
      { warm: true },
    );
    const ref = pooled(runs.ref);
    const ours = pooled(runs.ours);
    row(`${clients} clients, 20 upd/s`, "p50", ref.p50, ours.p50, ms, 1.1);
    row(`${clients} clients, 20 upd/s`, "p99", ref.p99, ours.p99, ms, 1.1);
    row(`${clients} clients, 20 upd/s`, "updates lost", ref.lost, ours.lost, String);
  }
}

if (wanted("manydocs")) {
  const docs = scale(500, 100);
  process.stdout.write(`many documents: ${docs} sections × 3 clients at 1 update/s each\n`);
  const runs = await twiceSideBySide(
    round++,
    docs,
    (s) => manyDocuments(s, { docs, clientsPerDoc: 3, ratePerClient: 1, seconds: scale(20, 8) }),
    { warm: true },
  );
  const ref = pooled(runs.ref);
  const ours = pooled(runs.ours);
  row(`${docs} sections × 3`, "p50", ref.p50, ours.p50, ms, 1.5);
  row(`${docs} sections × 3`, "p99", ref.p99, ours.p99, ms, 1.5);
  row(`${docs} sections × 3`, "p99 after each client's first update", ref.laterP99, ours.laterP99, ms);
  row(`${docs} sections × 3`, "updates lost", ref.lost, ours.lost, String);
  row(`${docs} sections × 3`, "server CPU", ref.cpuPercent, ours.cpuPercent, (v) => `${v.toFixed(0)} %`);
  row(`${docs} sections × 3`, "server RSS", ref.rss, ours.rss, mib);
}

if (wanted("burst")) {
  process.stdout.write("burst convergence: 30 clients append 10 paragraphs each at once\n");
  const { ref, ours } = await sideBySide(round++, 4, (s) => burst(s, { clients: 30, paragraphs: 10 }), {
    warm: true,
  });
  row("burst, 30 clients", "time to converge", ref.convergeMs, ours.convergeMs, ms, 1 / 0.8);
}

if (wanted("storm")) {
  const docs = scale(500, 100);
  process.stdout.write(`restart storm: ${docs * 3} clients on ${docs} sections reconnect at once\n`);
  const rounds = scale(3, 1);
  const { ref, ours } = await sideBySide(round++, docs, (s) =>
    restartStorm(s, { docs, clientsPerDoc: 3, rounds }),
  );
  row(
    `restart storm, ${docs * 3} clients`,
    `time to resync (median of ${rounds})`,
    ref.resyncMs,
    ours.resyncMs,
    ms,
    1,
  );
  row(`restart storm, ${docs * 3} clients`, "kill to listening", ref.restartMs, ours.restartMs, ms);
  row(
    `restart storm, ${docs * 3} clients`,
    "server CPU while resyncing, all threads (median)",
    ref.serverCpuMs,
    ours.serverCpuMs,
    ms,
  );
  row(
    `restart storm, ${docs * 3} clients`,
    "load generator CPU while resyncing (median)",
    ref.benchCpuMs,
    ours.benchCpuMs,
    ms,
  );
  rows.push({
    scenario: `restart storm, ${docs * 3} clients`,
    metric: "synced / content kept",
    reference: `${ref.synced}/${ref.total}, ${ref.contentKept ? "kept" : "LOST"}`,
    eenPlan: `${ours.synced}/${ours.total}, ${ours.contentKept ? "kept" : "LOST"}`,
    ratio: "",
    target: "all",
    met: ours.synced === ours.total && ours.contentKept,
  });
}

if (wanted("memory")) {
  const docs = scale(1000, 200);
  process.stdout.write(`memory: ${docs} documents opened and closed\n`);
  const { ref, ours } = await sideBySide(round++, docs, (s) => openAndClose(s, { docs, settleMs: 10_000 }));
  rows.push({
    scenario: `${docs} documents opened and closed`,
    metric: "memory after / idle baseline",
    reference: `${mib(ref.after)} / ${mib(ref.baseline)} (RSS)`,
    eenPlan: `${mib(ours.after)} / ${mib(ours.baseline)} (${ours.heap ? "heap after GC" : "RSS"})`,
    ratio: ratio(ours.after, ours.baseline),
    target: "≤ 1.10× own baseline",
    met: ours.after <= ours.baseline * 1.1,
  });
}

if (wanted("storage")) {
  // PostgreSQL's figures too: on the server BENCH_DATABASE_URL names, else on a private one started
  // here with PostgreSQL's default durability (every commit waits for the disk), when it is installed.
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  let cluster: Cluster | null = null;
  if (!databaseUrl && postgresBin()) {
    process.stdout.write("starting a private PostgreSQL (fsync on) for the storage figures\n");
    try {
      cluster = await startCluster({ durable: true });
      databaseUrl = cluster.url;
    } catch (err) {
      // The rest of the run is worth keeping: say so, and the table shows PGlite's rows alone.
      process.stdout.write(`PostgreSQL did not start (${(err as Error).message}); storage on PGlite only\n`);
    }
  }
  try {
    for (const s of await storageFigures({ quick, databaseUrl })) rows.push(s);
  } finally {
    cluster?.destroy();
  }
}

const table = [
  "| scenario | metric | reference | Eén Plan | ratio | target | met |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.metric} | ${r.reference} | ${r.eenPlan} | ${r.ratio} | ${r.target} | ${r.met === null ? "" : r.met ? "yes" : "**no**"} |`,
  ),
].join("\n");
const stolen = stolenShare(cpuAtStart, cpuTicks());
process.stdout.write(
  `\n${table}\n\nTotal time: ${((Date.now() - started) / 1000).toFixed(0)} s` +
    (stolen === null ? "\n" : `; CPU time taken by the host (steal): ${(stolen * 100).toFixed(1)} %\n`),
);

// BENCHMARKS.md describes the full run on PGlite; a run on another database only prints.
if (!quick && !only && !serverDatabaseUrl) {
  const { benchmarksPage } = await import("./report");
  const path = fileURLToPath(new URL("../../docs/BENCHMARKS.md", import.meta.url));
  await writeFile(path, benchmarksPage(table, new Date(), stolenShare(cpuAtStart, cpuTicks())));
  process.stdout.write(`Wrote ${path}\n`);
}
process.exit(0);

/** The machine's CPU time counters from /proc/stat (all, and stolen by the hypervisor), if any. */
function cpuTicks(): { total: number; steal: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/** The share of CPU time the host took from this virtual machine between two readings. */
function stolenShare(a: ReturnType<typeof cpuTicks>, b: ReturnType<typeof cpuTicks>): number | null {
  if (!a || !b || b.total <= a.total) return null;
  return (b.steal - a.steal) / (b.total - a.total);
}
