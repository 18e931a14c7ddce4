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
first from one scenario to the next. The latency and many-documents scenarios (since 2026-11-23,
late) run twice per server, in the order A B B A, each run on a freshly started server with fresh
connections, and their percentiles are taken over both runs' updates together (server CPU and
memory: the mean of the two): one 15-second run at 20 updates/s has 300 updates, so its p99 is the
third-worst, and single runs of the same code gave ratios from 1.00× to 1.45× an hour apart.

- **Reference**: \`y-websocket@2\`'s \`bin/server.cjs\` — documents in memory, no authentication, no
  storage (package alias \`y-websocket-reference\`, a dev dependency used only here).
- **Eén Plan**: the real server, bundled with esbuild and run with plain Node as \`npm start\` runs it
  (\`tests/bench/een-plan-server.ts\` starts \`server/server.ts\` on a fresh PGlite folder with the demo
  data): every connection authenticated with a session cookie and authorised by the policy, every
  update stored in the database before it is broadcast (a connection's first update together with
  its audit entry, in one transaction), reads audited.
- **Propagation latency**: one update per \`Y.Map\` key, sent round-robin by the clients at the given
  total rate; the latency of an update is the time until *every other* client has applied it.
  "Lost" counts updates that did not reach every client within 10 s after the last send.
- **Many documents**: 3 clients per section, each sending 1 update/s; server CPU from /proc (user +
  system time over wall time), RSS at the end. The row "p99 after each client's first update"
  (since 2026-11-24) leaves out every client's first update, all 1,500 of which come in the first
  second; on Eén Plan each carries its connection's audit entry.
- **Burst**: 30 clients each append 10 paragraphs (10 transactions) at the same moment; time until
  every client holds all 300 and the state vectors agree.
- **Warm-up** (latency, many documents, burst; since 2026-11-23 night): before the measured round
  each server serves 10 clients on a document of its own, which the round does not use, at 20
  updates/s for five seconds. The round then meets a server whose code the JIT has compiled, as a
  meeting meets a server that has been running; its clients still connect afresh, so every
  connection's first update, with its audit entry, is measured. What a just-started server costs
  is the restart storm's to measure. Until then these scenarios met a server started seconds
  before (see the small rooms below for what that changed).
- **Restart storm**: client i of every section of a case is that case's participant i, signed in with
  a session of their own (about 72 cases × 3 participants: 216 sessions of about 7 connections
  each, as browsers with the whole plan open). Every client writes one entry; the server is killed
  (SIGKILL) and started again
  on the same port (Eén Plan on the same data). The clients are held back while it is down and all
  reconnect at once when it listens; the time is from then until every provider is connected and
  synced, the median of three rounds. Left to their own backoff, when clients come back depends on
  how long the server was down (a server up in 0.3 s meets clients retrying every few hundred
  milliseconds, one up in 3 s meets clients retrying once a second): single runs of the reference
  differed by a factor of seven. "Kill to listening" is the restart itself. The CPU rows are the
  time both processes spent computing while the clients resynced (the server's from /proc, all its
  threads, V8's compilers and collector included), medians of the rounds. "Content kept": after
  one more kill, a fresh client per section, connected before the old clients (which hold every
  entry and would send it again), finds every entry.
- **Memory**: documents opened by one client each, edited, closed; memory after the idle-unload
  grace period against the idle baseline (Eén Plan: heap after a forced GC; the reference offers no
  GC hook, so RSS).
- **Storage**: Eén Plan alone, in the bench process, on a fresh PGlite folder and on a fresh
  PostgreSQL database: on the server \`BENCH_DATABASE_URL\` names, else (since 2026-11-23) on a
  private PostgreSQL the benchmark starts in a temporary folder on this machine's disk with
  PostgreSQL's default durability, when PostgreSQL is installed. The table names the durability
  settings. "Stored" means committed: PostgreSQL with fsync on waits for the disk at each commit;
  PGlite writes its write-ahead log to the file system at each commit without fsync, so a stored
  edit survives a killed server process (the reliability tests kill it) but not a power cut of the
  machine; the README advises PostgreSQL for a real region.

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

- **Latency in small rooms (10 and 30 clients; with the warm-up, four runs of 2026-11-23 night:
  p50 1.2–1.8×, p99 1.0–1.7×, the 10-client p99 met in two; before it, on a server started seconds before, p50 1.1–1.7×, p99
  0.6–2.2× over that day's runs).** Eén Plan commits each update to the database before anyone else sees it.
  Measured inside the server during this scenario (10 clients, runs of 2026-11-23 evening), an
  update waited 0.05 ms for its batch, storing it took 0.6–0.8 ms at the median, and applying it
  and sending it to the 9 others 1.1–2.0 ms, almost all of it the nine socket writes (the reference
  server makes the same writes). The row "one update stored" above shows why the store costs what
  it does: on PGlite the same insert takes about 0.15 ms back to back and about 0.7 ms when the
  process sat idle for 50 ms before it, which is the pace of a small meeting. The pause need not be idle: after half a millisecond of spinning in
  JavaScript a \`select 1\` took 0.63 ms against 0.45 ms back to back, after 20 ms 0.86 ms, whether
  the process slept or spun. Measured again on its own (2026-11-23, late; PGlite in memory and on
  disk alike, so not the file system): after 50 ms asleep or spinning one append took 0.57–0.73 ms
  against 0.09–0.14 ms back to back, \`select 1\` 0.36 against 0.03–0.06 ms, an insert into a table
  without indexes 0.46 ms, and with \`synchronous_commit\` off 0.50–0.58 ms; and a small JavaScript
  task (a Yjs document built and encoded) 0.37 against 0.09 ms. The pause slows all code on this
  virtual machine, most likely in the CPU caches; PGlite's per-query path (large code, large memory)
  is long, so it loses most, and neither fewer indexes (0.1 ms at most) nor another commit setting
  would close the gap. Keeping PGlite busy instead (2026-11-24, a script of its own: a \`select 1\`
  every 1 or 5 ms beside the 50 ms pauses) brought an append after the pause from 0.65–0.68 to
  0.35–0.42 ms, half the gap at best, for a timer that never sleeps while anyone edits; not adopted,
  as it would not bring the ratio within 1.1× and costs CPU a meeting gains nothing from.
  Nor does a thread of its own escape the pause (2026-11-24, a script of its own, three runs in a worker and four in the main thread,
  alternating): PGlite in a worker thread took 0.72–0.82 ms for an insert after 50 ms idle, timed
  inside the worker, and 0.95–1.10 ms with the messages to and from it, against 0.75–0.88 ms in the
  main thread (0.33–0.43 against 0.25–0.35 ms back to back); the worker's own code is cold after the
  pause just the same, and the messages add 0.2–0.3 ms. Not built.
  Starting the write at once when nothing waits, without the turn of the event loop that lets the
  rest of a tick's messages join the batch, was measured the same day (one run each): 10 clients
  p50 1.45× against 1.51×, but at 500 sections × 3 the server's CPU went from 43 % to 54 % and the
  p99 from 10.8 to 95.8 ms. PGlite commits inside the message's own callback, so no other message is
  read meanwhile and every update became a commit of its own. Not adopted (server/collab/group-commit.ts).
  The reference server stores
  nothing. Making this 1.1× would mean broadcasting before the commit, which the architecture rules
  out. How much of the gap is the commit was measured on 2026-11-24, afternoon (\`--only=latency\`,
  two runs in the same hour on a quiet host): with the write switched off by a temporary edit (not
  a mode of the server), 10 clients gave p50 1.09× (1.5 against 1.4 ms) and p99 1.09×, 30 clients
  1.08× / 1.16×, 200 clients 1.09× / 0.95×; the real code right after 1.59× / 1.14×, 1.34× / 1.23×
  and 1.13× / 0.93×. The rest of Eén Plan's way (an authenticated connection, the update checked
  before it is stored, the turn that lets a tick's updates share a commit) already takes most of
  the 10 % allowance, and at 10 clients the commit is 0.8 ms of a 0.9 ms gap. A cheaper write of
  its own before the broadcast was weighed the same day: appending each update to a journal file in
  the data folder (\`write(2)\`, the guarantee PGlite's own log write gives: it survives a killed
  process, not a power cut) took 0.05 ms after 50 ms idle (0.003 ms back to back) against the
  commit's 0.6–0.8 ms; the table insert would follow the broadcast and the journal be replayed at
  start. That would land near 1.1× on PGlite only, while on PostgreSQL, the database the README
  advises for a region, a journal without fsync would be weaker than the commit it replaced. Not
  built: a second store beside the database, for under a millisecond that no participant notices,
  in the mode a region should not run.
  What was cut on the way (2026-11-23): Drizzle's PGlite driver made PGlite copy its ~320 type
  parsers for every query (0.3–0.5 ms each; now installed once, db/client.ts), and the update
  insert is one prepared statement, bound, executed and committed in one call into PGlite
  (store.ts, db/client.ts). Much of the p99 here is each connection's first update, which
  carries its audit entry in the same transaction; 10 of the 300 updates at 10 clients, 30 at 30
  clients are such first updates. It was a Drizzle transaction of six calls (begin, insert, chain
  lock, chain end, entry, commit), then (2026-11-23 evening) three round trips on one connection.
  Since 2026-11-23 night it is one statement: the database function \`audit_chain_end\` takes the
  chain lock and reads the chain end in a snapshot of its own (db/migrations/0006), and the update
  and its entry go in only if that end is the one the server hashed the entry onto, the end the
  last writer in this process left; when another writer came in between, the statement inserts
  nothing and the entry is hashed again onto the end it answered (\`appendChained\`,
  server/audit/log.ts). The row "one update with its audit entry stored" above measures it: in two
  alternating runs 0.26–0.36 / 1.24–1.25 ms back to back / after a pause, against 0.59–0.90 /
  1.94–2.68 ms for the three round trips (PostgreSQL 0.67–0.70 / 1.82–2.03 against 0.92–1.35 /
  2.02–2.79 ms). Timed update by update at 10 clients, on a server started seconds before (the
  method until then), a first update took 4.6–7.0 ms from the edit to the last peer at the median,
  the others 2.5–3.2 ms (the reference: 2.4–2.9 and 1.7–2.3 ms); the one-statement store hardly
  moved that (4.7–5.7 against 5.2–5.5 ms in two alternating runs): most of it was the server's code
  not yet compiled, every first update coming in the first half second of the measurement. After
  100 updates on another document the first updates took 3.7–4.0 ms and the p99 was 7.0–7.1 ms
  against the reference's 6.4–6.5 ms; hence the warm-up in the method. With the warm-up, at 30
  clients the first updates no longer set the p99: every update arrives about 1.1 ms later than on
  the reference (median 4.1–4.2 against 2.9–3.1 ms; p99 of the updates after the first 7.8–8.3
  against 6.2–6.6 ms, two runs timed update by update), which is the commit before the broadcast
  again.
- **200 clients (with the warm-up, four runs: p50 1.05–1.18×, met in two, p99 0.4–1.5×, met in
  three; before it p50 0.7–1.5×, p99 0.7–1.5×).** Updates of one tick are merged
  into one broadcast, so each of the 199 receivers gets one message instead of several. The p50 is
  met in most runs, the p99 in about half; the tails move with the load generator, which runs 200 providers
  on the same two cores. Here 200 of the 300 updates are their connection's first, with its audit
  entry (above), so the p50 includes that statement.
- **500 sections × 3 clients (p50 2.2–2.6× a median of 0.5–0.6 ms, p99 1.0–3.5× in the runs of
  2026-11-23 morning; in nine quiet runs that evening (steal under 1 %) 1.5–1.9× and 0.5–3.8×,
  the code before and after that evening's changes alike; with the warm-up, 2026-11-23 night,
  2.00× / 3.12× and 1.47× / 1.92× in two full runs and 1.68–1.72× / 2.1–4.5× in two runs of this
  scenario alone, beside
  1.42–1.43× / 2.0–2.1× for the code before the one-statement first update, alternating with it:
  Eén Plan's median was 0.6–0.7 ms in all four, and the ratios moved with the reference's 0.4–0.5
  ms).** 1,500 updates/s spread over 500 documents. Two runs in which the host took 2–5 % of the CPU (steal)
  gave 1.1–1.3× and p99 0.8–1.1×: not because Eén Plan was faster (1.3–1.6 ms) but because the
  reference's median rose to 1.0–1.4 ms; read such a run as noise, not as the target met. A CPU profile of the server child
  (\`BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=…" npm run bench -- --only=manydocs\`)
  showed where the time went, and each of these is changed: (1) every connection's first update
  wrote its audit entry in its own chain-locked transaction; the endpoint now queues them and writes
  100 at a time, after the waiting updates; (2) Drizzle's query building and PGlite's per-query
  parser set-up cost more than the insert itself; updates go to the driver directly, as one
  prepared statement; (3) the no-op check decoded every update three times, now once; (4) a fixed
  2 ms commit delay under load halved the server's CPU but added those 2 ms to every update (p50
  3.3–3.9 ms); it is gone, and batches grow by themselves when commits take longer. The server now
  uses 80 % of a core against the reference's 30 % at this rate. Since 2026-11-23 a connection's
  first update carries its audit entry in the same transaction (before, the entry followed in a
  batch of its own and a kill in between lost it); here all 1,500 first updates come in the first
  second, and the p99 was 42–87 ms in three runs against 33–47 ms in two runs just before: part of
  the tail is that entry. What is left at the median is the
  commit itself (see small rooms) and one turn of the event loop; the p99 is set by the first
  seconds, when all 1,500 clients start typing at once, and by moments when both cores are busy.
  Split by round (2026-11-23 late, two runs of this scenario): in the first second, when every
  client's first update carries its audit entry, Eén Plan p50 1.4–3.1 ms and p99 18–33 ms against
  the reference's 0.6 and 4.8–18.7 ms; in the next two seconds p99 4.8–8.2 against 5.4–5.9 ms;
  after them 12.8–15.0 against 8.2–11.0 ms. Timed inside the server, a batch held 1.4 updates and
  took 0.21 ms to store on average (0.5 ms with audit entries), about a quarter of a core, and the
  slowest store of each second took 1–9 ms. PGlite alone at the same pace in a script of its own stalled
  like that about once a second too, whether or not PostgreSQL zero-fills new WAL segments
  (\`wal_init_zero\`; a segment fills only every 50 s here).
  Timed second by second (2026-11-24, early; four runs per server): on both servers the p99 of a
  run is set by a few seconds in which 50–200 updates at once come late, in different seconds from
  run to run and on the reference as often as on Eén Plan (most likely the load generator, one
  process for all 1,500 clients, or the machine pausing); on Eén Plan also by the first second (p50 2.3–3.9 ms,
  19–188 updates above the run's p99, against the reference's 0.5–1.7 ms). A warm-up with 300 first
  updates instead of 10 brought that second's p50 to 2.3–2.4 ms, not to the reference's. The
  audited statement, taken apart on PGlite: 0.29 ms for an update with its entry against 0.09 ms
  without; reading the entry from its JSON text (\`jsonb_to_recordset\`, 15 typed columns) takes
  0.07–0.09 ms of it, the chain lock and end too little to tell from the noise (0.02 ms). The server's young-generation garbage
  collections came every 250 ms (12 MB allocated between them) and paused it 3–9 ms each; a young
  generation four times larger (\`--max-semi-space-size=64\`) gave a p99 of 2.04–2.12× against
  the default's 1.97–2.79× in two alternating runs, so those pauses are not what sets the p99: not
  adopted. The row "p99 after each client's first update" shows the p99 without the first updates.
  An experiment that skipped the database write altogether (not a mode of the server) brought the
  server's CPU to 37–39 % and the p50 to 0.6 ms in two runs of three: the commits are the gap.
  Writing each update with one call into PGlite instead of \`exec\` (its internal locks, one
  protocol message, no result parsing) saved 0.07–0.09 ms of a 0.3–0.9 ms commit and was left out;
  a named prepared statement with the rows as two binary array parameters, bound, executed and
  synced in that one call (no parsing or planning, no hex text), was kept (2026-11-23 evening): in
  two alternating runs of this scenario the server's CPU went from 58–62 % to 52–53 % and the p50
  from 0.9–1.0 to 0.8 ms; one update stored 0.14 / 0.67 ms against 0.16 / 0.85 ms (back to back /
  after 50 ms idle), durable updates/s 6,197 against 5,081 in the same hour. PostgreSQL gets the
  same statement prepared once per connection (0.38 / 1.31 against 0.43 / 1.49 ms, 9,586 against
  8,648 updates/s).
  The server's RSS here (no target; read after a forced full collection) is mostly PGlite: opened on an
  existing folder, PGlite alone is about 280 MiB resident, about 200 MiB of it its WebAssembly memory
  (2026-11-24). A server whose start created its folder holds about 400 MiB more until its first full
  collection (an idle one ran it 40–60 s after the start); the figure here is unaffected, as it is read
  after one.
- **Restart storm (every client reconnecting at once; with a session per participant, the runs of
  2026-11-23 after the changes below gave 1.15–1.63×, Eén Plan 2.0–2.8 s against the reference's
  1.6–2.0 s, two full runs that evening 1.22× and 1.11×; that night, with 1–2 % steal, 1.26–1.47×
  in four runs of the scenario alone and 1.26× in a full run, and an hour later, on a quieter
  host, 0.94–1.16× in four runs (one met the target), the code before the one-statement audit
  writes 1.02–1.14× in two runs alternating with them, then 1.24× in a full run; with one session for all clients,
  before them: 1.5–1.7×; one run on PostgreSQL with one session: 1.14×).** Every reconnect is an upgrade that must be
  authenticated, authorised and audited, and its document loaded from the database, before the
  document is sent. Connections that arrive together share that work: one session query for all
  their sessions, one access query for all of them (whatever the users and cases), their read audits in
  one transaction (each connection still waits until its entry is stored), their documents in one
  read; under load each waits up to 25 ms for more (fewer, larger batches: 10 ms gave 3.5–4.1 s,
  25 ms 2.8–3.0 s). No answer is cached: each lookup starts after the connections sharing it
  arrived. Changed on 2026-11-23: the scenario gives every participant a session of their own
  (until then all 1,500 clients shared one session, which hid one query per session: with 216
  sessions the server as it was took 3.2–4.3 s, 1.6–2.2×), and sessions that arrive together are
  validated with one query (\`validateSessionTokens\`, 2.0–2.8 s since); the listen backlog is 4,096 instead of
  Node's 511 (one storm overflowed the accept queue about 2,900 times, and each dropped handshake
  was retried only after Linux's one-second SYN timeout); the access lookups became one query per
  batch (twenty answers cost 1.5 ms against 20 ms one by one); the audit hash uses Node's native
  SHA-256. Where the time goes, timing each batch in one round: the database work of the four
  lookups took about 1 s of a 2.3 s storm (sessions 0.16–0.21 s, access 0.13–0.17 s, read audits
  0.41–0.57 s, document reads 0.18–0.23 s), all of it on the event loop thread with PGlite. Beyond that: the server is measured seconds after it started, so its code is cold. In
  the first seconds V8's background threads (compiling and collecting) used about as much CPU as
  the main thread, and PGlite's WebAssembly runs on its baseline tier until the optimised code is
  ready. The rows "CPU while resyncing" show it: in rounds measured on 2026-11-23 the server used 3.4–4.8 s
  of CPU, all threads, in 2.4–3.3 s; held to PGlite's baseline tier (\`--liftoff-only\`, no setting
  for production: the steady-state medians were then 1.4 to 5 times slower) 2.4–3.0 s, so 1–2 s
  of it is V8 compiling PGlite's optimised code after the start. A tiering budget five times V8's
  default gave 2.5–2.7 s and 1.19× in two runs, within the noise of the default's 1.2–2.0× that day; not
  adopted. That evening, on a quiet host, the default gave 0.98–1.34× in six runs (server CPU
  2.0–2.4 s in 1.5–1.8 s; in a profile of the last round the main thread was busy only about 60 %
  of the resync after its first half second); one compilation task for WebAssembly instead of V8's
  default (\`--wasm-num-compilation-tasks=1\`) gave 1.26× and 1.15× beside the default's 0.98× and
  1.13×: not adopted either. That night, timing only the time spent inside PGlite in one round:
  about 0.4 s of a 1.7 s storm (read audits 0.15 s, access 0.1 s, sessions 0.05 s, document reads
  0.05 s, chain lock and commits 0.04 s), against about 0.4 s of socket writes and upgrades, which
  the reference makes too; a young generation of 32 MB (\`--max-semi-space-size=32\`, fewer
  collections) gave 1.37× beside the default's 1.47×: not adopted. With the load generator's 0.8–1.4 s both cores are nearly full during a storm, so
  running PGlite in a worker thread would not find a free core for it (not done).
  In runs with the earlier method (clients left to their backoff) the server used 4.6–7.5 s
  of CPU, all threads, for the storm on PGlite and 1.6–2.4 s on PostgreSQL; the reference 1.3–1.4 s. The load generator, on the same two cores, runs the other side
  of all 1,500 connections and is the reference's own limit. "Kill to listening" (1.6–1.9 s against
  0.2–0.4 s) is mostly opening PGlite and importing the packages, about 0.6 s each in a profile of
  one start; it was 2.7–3.5 s while \`npm start\` ran the sources through tsx, whose loader hooks
  every import passed through. Opening PGlite after a kill also replays the write-ahead log since its
  last checkpoint, and PGlite, one PostgreSQL process without a checkpointer, never wrote one
  between starts: 256 MB of log (a busy week) added 2.3 s to the start, and the log grew without
  end. Since 2026-11-23 the server writes a checkpoint after 32 MB of log or 5 minutes of writing
  (\`db/checkpoints.ts\`, 80–90 ms each on the event loop), so the replay stays within about 0.3 s.
- **Run to run (2026-11-24).** The full run of 09:06 UTC gave 500 sections × 3 1.66× (p50) and
  2.17× (p99) and the restart storm 1.06×; the full run of 06:24 that day 1.47×, 1.75× and 0.95×.
  Alternating the code of both runs right after (\`--only=manydocs,storm\`, the earlier code first):
  1.70×, 2.29× and 1.06× for the earlier code against 1.72×, 2.57× and 1.06× for the later. What
  changed between them (a cap on connections per session at the upgrade, the origin check) did not
  move these figures; the hour did.
  The full run of 13:21 UTC gave 200 clients 1.25× (p50), against 1.05–1.18× in the runs
  before. Alternating right after (\`--only=latency\`), the code from the start of that afternoon's
  work (d46fe59) and the final code: 200 clients p50 1.08× and 1.05× (p99 1.18× and 1.25×),
  10 clients 1.58× and 1.60× (p99 1.33× and 1.12×), 30 clients 1.31× and 1.52× (p99 1.05× and
  1.34×). Nothing on the update path changed between them (notifications by e-mail, the login's way
  back, a lock on the data folder); the two runs of the same hour differ as much as the two codes.
- **The same scenarios on PostgreSQL** (\`BENCH_SERVER_DATABASE_URL\`, PostgreSQL 15 with fsync on,
  one run on 2026-11-23): 10 clients p50 1.31× (3.9 ms against 3.0 ms), 30 clients p50 1.23×,
  200 clients p50 1.41× and p99 0.79×, 500 sections × 3 p50 2.53× (2.0 ms against 0.8 ms) and p99
  0.85×, server CPU 49 % against 35 % (the commits run in PostgreSQL's own processes). Before the
  pool connected with \`jit=off\`, 200 clients had a p50 of 4.5 s on PostgreSQL. A later run
  (12:40 UTC, with a session per participant): 10 clients p50 1.43×, 30 clients 1.36×, 500 × 3 p50
  3.68× (2.5 ms against 0.7 ms, each commit waits for the disk) and p99 2.04×, and the **restart
  storm met its target on PostgreSQL**: 0.85×, 0.84× and 0.73× in three runs (1.22–1.27 s against
  1.46–1.66 s), kill to listening 0.75 s. There the admission's queries run in PostgreSQL's own
  processes, on the other core, and stay warm across the Eén Plan restart; on PGlite the same work
  runs cold, compiled by V8 after each start, on the server's own process.
- **Storage (all met in the latest runs).** Compaction takes its rows with one \`DELETE …
  RETURNING\` inside the transaction, so the rows it deletes are exactly the rows it merges, and
  receives them as one aggregated value instead of 20,000 rows; merging goes through a fresh Y.Doc
  (flat \`Y.mergeUpdates\` takes 15 s for these 20,000 updates). Since 2026-11-24 the value carries
  each row's id too, so that an update that does not apply can be put back as it was; timed against
  the code before, alternating, on PGlite: 88–159 ms against 85–198 ms for 20,000 updates. The PostgreSQL pool connects with
  \`jit=off\`: compiling queries whose estimated cost passed \`jit_above_cost\` took 100–170 ms
  each. Earlier full runs gave half the durable updates/s of a storage run alone; the runs of
  2026-11-23 after the changes above did not (PGlite 3,000–4,100/s, PostgreSQL 4,900–6,400/s), and
  the earlier ones ran on a machine the host was taking CPU time from (see "steal" above).
  Writing a second group-commit batch on another pooled connection while the first commits was
  tried and gave less, so it was not kept.
`;
}
