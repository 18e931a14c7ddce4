/** docs/BENCHMARKS.md: the method and the latest figures. */
import { cpus, totalmem } from "node:os";

export function benchmarksPage(table: string, at: Date): string {
  return `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts) on ${at.toISOString().slice(0, 16).replace("T", " ")} UTC,
on ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.

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
pays for the other side's CPU. Read absolute numbers beside the ratios: in small rooms the whole
difference is one or two milliseconds.

- **Latency in small rooms (10 and 30 clients, p50 1.3–1.5×).** Eén Plan commits each update to the
  database before anyone else sees it; on PGlite one commit costs about 1–1.5 ms, which is the whole
  gap (2.8 → 4.2 ms). The reference server stores nothing. Making this 1.1× would mean broadcasting
  before the commit, which the architecture rules out; a faster commit (PGlite \`relaxedDurability\`,
  or PostgreSQL with synchronous_commit on a local disk) is the lever left.
- **200 clients, p50.** The same commit latency queues at 20 updates/s × 199 receivers; the
  merged broadcast keeps p99 better than the reference (0.67×), the median pays the commit.
- **500 sections × 3 clients (p99 far above the reference).** 1,500 updates/s spread over 500
  documents: each update is decoded, checked for being a no-op, stored, applied and broadcast, on
  one core next to the load generator, and PGlite is a single connection, so write batches queue
  behind each other; server CPU is 2.4× the reference's. Nothing is lost. Next steps: profile the
  per-message path (the no-op check encodes the document's state vector and decodes every update twice), and on PostgreSQL let two batches be in
  flight at once.
- **Restart storm (4×).** Every reconnect is a new upgrade: the session is validated, the policy
  loads the member's access (three queries), an audit entry is written (the hash chain serialises
  writers) and the document is loaded from the database, on PGlite's single connection. The
  reference accepts anyone and has nothing to load. Batching the audit entries of one tick and
  caching access per session for a few seconds would take most of it away.
- **Compaction of 20,000 updates (PGlite 620 ms, PostgreSQL 350 ms; target 300 ms).** Merging itself
  is linear (a fresh Y.Doc, about 130 ms); the rest is reading 20,000 rows and deleting exactly those
  ids in 10,000-id \`IN\` lists. One array parameter (\`id = any($1)\`) instead of 10,000 bind
  parameters is the next step. Compaction runs in the background, past 500 updates per document, so
  a section never reaches 20,000 stored updates in normal use.
- **Durable updates/s on PostgreSQL (3,600/s; target 5,000/s).** One group-commit batch is in flight
  at a time; with a connection pool a second batch could be written while the first commits.
  PGlite reaches 2,500/s (target 2,000/s).
`;
}
