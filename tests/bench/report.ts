/** docs/BENCHMARKS.md: the method and the latest figures. */
import { cpus, loadavg, totalmem } from "node:os";

export function benchmarksPage(table: string, at: Date, stolen: number | null = null): string {
  return `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts) on ${at.toISOString().slice(0, 16).replace("T", " ")} UTC,
on ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Load average when the run ended: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1, 5, 15 min).
The benchmark itself keeps about two processes busy; a load well above ${cpus().length} means other work
shared these cores, and the figures (the tails most) are worse than on a quiet machine.${
    stolen === null
      ? ""
      : `
CPU time the host took from this virtual machine during the run (steal): ${(stolen * 100).toFixed(1)} %.
Above a few percent, every figure of the run is slower than on a quiet machine, both servers alike.`
  }

## Method

Both servers run as child processes on 127.0.0.1 on this machine; the load generator is one Node
process with real \`y-websocket\` \`WebsocketProvider\`s over \`ws\` (BroadcastChannel off, so clients
meet only through the server). Each scenario runs once per server, alternating which server goes
first from one scenario to the next.

- **Reference**: \`y-websocket@2\`'s \`bin/server.cjs\` — documents in memory, no authentication, no
  storage (package alias \`y-websocket-reference\`, a dev dependency used only here).
- **Eén Plan**: the real server (\`tests/bench/een-plan-server.ts\` starts \`server/server.ts\` on a fresh
  PGlite folder with the demo data): every connection authenticated with a session cookie and
  authorised by the policy, every update stored in the database before it is broadcast, reads audited.
- **Propagation latency**: one update per \`Y.Map\` key, sent round-robin by the clients at the given
  total rate; the latency of an update is the time until *every other* client has applied it.
  "Lost" counts updates that did not reach every client within 10 s after the last send.
- **Many documents**: 3 clients per section, each sending 1 update/s; server CPU from /proc (user +
  system time over wall time), RSS at the end.
- **Burst**: 30 clients each append 10 paragraphs (10 transactions) at the same moment; time until
  every client holds all 300 and the state vectors agree.
- **Restart storm**: the server is killed (SIGKILL) and started again on the same port (Eén Plan on
  the same data); time from the new process listening until every provider is connected and synced
  again, and whether each document still holds every client's entry.
- **Memory**: documents opened by one client each, edited, closed; memory after the idle-unload
  grace period against the idle baseline (Eén Plan: heap after a forced GC; the reference offers no
  GC hook, so RSS).

## Latest figures

${table}

Ratios are Eén Plan ÷ reference (lower is better for times). Figures that miss their target are
marked **no**; what limits them is discussed below.

## What limits the figures that fall short

Measured on this 2-core machine with the load generator on the same cores, so every figure also
pays for the other side's CPU; the machine is shared with other work (test suites, browsers), and
the wide tails (p99, restart storm) move with that from run to run. Read absolute numbers beside
the ratios: in small rooms the whole difference is one or two milliseconds. Numbers quoted in the
notes below come from the runs named there; the table above is the latest run.

- **Latency in small rooms (10 and 30 clients; p50 1.1–2.5× over the runs of 2026-11-23).** Eén Plan
  commits each update to the database before anyone else sees it; on PGlite one commit costs about
  1–1.5 ms on the server's own thread, which is most of the gap (a few milliseconds in absolute
  terms). The reference server stores nothing. Making this 1.1× would mean broadcasting before the
  commit, which the architecture rules out; a faster commit is the only lever left.
- **200 clients (p50 0.6–1.4×, p99 0.8–1.0× over the same runs).** Updates of one tick are merged
  into one broadcast, so each of the 199 receivers gets one message instead of several; the p99 is
  met in every run, the p50 in about half of them.
- **500 sections × 3 clients (p50 4–8× a median of 1–1.5 ms; p99 1.0–2.0×).** 1,500 updates/s spread over 500 documents. A CPU profile of the
  server child (\`BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=…" npm run bench -- --only=manydocs\`)
  showed where the time went, and each of these is now changed: (1) every connection's first update
  wrote its audit entry in its own chain-locked transaction, so 1,500 transactions queued in front of
  the updates on PGlite's single connection in the first second (p99 1.2 s); the endpoint now queues
  them and writes 100 at a time as one JSON parameter, after the waiting updates; (2) Drizzle's query
  building and PGlite's per-query result-parser set-up cost more than the insert itself; updates now
  go to the driver as one \`INSERT … SELECT unnest($1::text[], $2::bytea[])\`; (3) a commit held 2–3
  updates; under load (≥ 500 updates/s) a batch now waits 2 ms for more, like PostgreSQL's
  \`commit_delay\`; (4) the no-op check encoded the state vector and decoded every update three
  times; now once. Server CPU went from 2.4× to about 1.2–1.7× the reference's (68–70 % → 40–50 %
  here). What is left: PGlite computes on the server's own thread, so every commit stops the event
  loop for its duration; the p99 is set by the first seconds, when all 1,500 clients start typing at
  once (cold code paths, the audit entries), and by moments when both cores are busy elsewhere. The
  p50 cannot come near the reference's sub-millisecond median while each update is committed before
  it is broadcast (about 0.5 ms per commit on PGlite, plus the 2 ms commit delay under load).
- **Restart storm (3–4×; was 13–17×).** Every reconnect is an upgrade that must be authenticated,
  authorised and audited before the document is sent. PGlite computes on the server's own thread, so
  a query started at once ran to its end before the next connection was even read: 1,500 reconnects
  became about 12,000 queries one after another (session, four access queries, an audit
  transaction each, two reads per document), 24–32 s. Now (2026-11-23) connections that arrive
  together share that work: the session lookup per session and the access lookup per user and case
  (one query instead of four), the read audits in one transaction (each connection still waits until
  its entry is stored), and the documents in one read; under load each waits up to 10 ms for more,
  like \`commit_delay\`. About 400 queries are left. No answer is cached: each lookup starts after
  the connections sharing it arrived. What is left is the restarted process itself: V8 and
  PGlite's WebAssembly start cold (PGlite also replays its write-ahead log after the kill), while
  the reference server has nothing to load and accepts anyone.
- **Compaction of 20,000 updates on PGlite (180–470 ms; target 300 ms).** Quiet runs of the storage
  scenario alone gave 179–225 ms; in the full run after the other scenarios, or on a busy machine,
  360–470 ms. Deleting 20,000 rows on PGlite and merging them through a Y.Doc are the two halves.
  PostgreSQL meets the target. It was 621 ms on PGlite and 350 ms on PostgreSQL before compaction
  took its rows with one \`DELETE … RETURNING\` inside the transaction, so the rows it deletes are
  exactly the rows it merges (an update committed meanwhile, by this or another process, is neither merged nor deleted), and
  receives them as one aggregated value (\`string_agg\` of length-prefixed updates, base64) instead of
  20,000 rows and 10,000-id \`IN\` lists: on PGlite 20,000 rows cost ten times more than the same
  bytes in one value. Merging still goes through a fresh Y.Doc (about 70–130 ms): flat
  \`Y.mergeUpdates\` takes 15 s for these 20,000 updates and keeps deleted content (4.5× the size).
- **Durable updates/s (PostgreSQL target 5,000/s, PGlite 2,000/s).** Run alone
  (\`--only=storage\`), PostgreSQL now gives 5,300–6,300/s, up from 3,200–4,700/s: the pool had
  PostgreSQL's JIT on, and compiling queries whose estimated cost passed \`jit_above_cost\` took
  100–170 ms each (the pool now connects with \`jit=off\`; cold load and compaction on PostgreSQL
  also halved). At the end of a full run the same scenario gives 2,400–2,700/s on PostgreSQL and
  1,900–2,300/s on PGlite; why the full run costs it half has not been found yet (in this scenario
  the 24 providers share the server's thread, so anything else on the machine counts double).
  Writing a second group-commit batch on another pooled connection while the first commits was
  tried and gave less, so it was not kept.
`;
}
