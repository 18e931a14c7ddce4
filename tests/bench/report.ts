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

## Notes

See the section below the table for what limits any figure that falls short.
`;
}
