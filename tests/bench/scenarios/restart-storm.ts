/**
 * Restart storm: many clients on many documents; the server dies and returns, and every client
 * reconnects at once; time until all are synced again.
 *
 * The clients are held back while the server is down and released together once it listens. Left to
 * their own backoff (y-websocket waits 100 ms doubling up to `maxBackoffTime` between attempts),
 * when they come back depends on how long the server was down, not on the server: a server that
 * starts in 0.2 s meets clients still retrying every few hundred milliseconds, one that starts in
 * 4 s meets clients retrying once a second, and single runs then differed by a factor of seven.
 *
 * Client i of every section of a case is that case's participant i, with a session of their own,
 * as browsers that each have the whole plan open: 500 sections × 3 are about 72 cases × 3
 * participants, each session with about 7 connections.
 */
import { type BenchClient, closeClients, connectClients } from "../lib/clients";
import type { BenchServer } from "../lib/servers";
import { median, sleep } from "../lib/stats";

export async function restartStorm(
  server: BenchServer,
  options: { docs: number; clientsPerDoc: number; rounds: number },
): Promise<{
  resyncMs: number;
  restartMs: number;
  /** CPU time (all threads) the server and the load generator used while the clients resynced. */
  serverCpuMs: number;
  benchCpuMs: number;
  synced: number;
  total: number;
  contentKept: boolean;
}> {
  const groups = await connectInChunks(server, server.docs.slice(0, options.docs), options.clientsPerDoc);
  // Each client writes one entry, so every document has something to keep.
  for (const [g, clients] of groups.entries()) {
    for (const [i, c] of clients.entries()) c.doc.getMap("storm").set(`c${i}`, g);
  }
  // Before the kill: every client holds every entry of its document, so the server, which stores
  // before it broadcasts, has stored them all.
  const complete = () =>
    groups.every((cs) => cs.every((c) => c.doc.getMap("storm").size === options.clientsPerDoc));
  for (const end = Date.now() + 120_000; !complete() && Date.now() < end; ) await sleep(50);
  const all = groups.flat();
  const resync: number[] = [];
  const restart: number[] = [];
  const serverCpu: number[] = [];
  const benchCpu: number[] = [];
  let synced = 0;
  for (let round = 0; round < options.rounds; round++) {
    const killed = performance.now();
    await restartHoldingBack(server, all);
    const serverCpuBefore = await server.cpuSeconds();
    const benchCpuBefore = process.cpuUsage();
    const t0 = performance.now();
    restart.push(t0 - killed);
    for (const c of all) c.provider.connect();
    const end = Date.now() + 120_000;
    while (Date.now() < end && !all.every((c) => c.provider.synced && c.provider.wsconnected))
      await sleep(10);
    resync.push(performance.now() - t0);
    const benchCpuUsed = process.cpuUsage(benchCpuBefore);
    benchCpu.push((benchCpuUsed.user + benchCpuUsed.system) / 1000);
    serverCpu.push(((await server.cpuSeconds()) - serverCpuBefore) * 1000);
    synced = all.filter((c) => c.provider.synced).length;
    if (synced < all.length) break;
  }
  // What the server kept: after one more kill, a fresh client per document reads it while the old
  // clients, which hold every entry themselves and would send them again, are still held back.
  await restartHoldingBack(server, all);
  const fresh = await connectInChunks(
    server,
    groups.map((g) => g[0].docName),
    1,
  );
  const contentKept = fresh.every(([c]) => c.doc.getMap("storm").size === options.clientsPerDoc);
  for (const g of [...groups, ...fresh]) closeClients(g);
  return {
    resyncMs: median(resync),
    restartMs: median(restart),
    serverCpuMs: median(serverCpu),
    benchCpuMs: median(benchCpu),
    synced,
    total: all.length,
    contentKept,
  };
}

/** Kills and restarts the server; once every client saw its connection drop, holds them all back. */
async function restartHoldingBack(server: BenchServer, clients: BenchClient[]): Promise<void> {
  const restarted = server.restart();
  const seenDown = new Set<BenchClient>();
  for (const end = Date.now() + 30_000; seenDown.size < clients.length && Date.now() < end; ) {
    for (const c of clients) if (!c.provider.wsconnected) seenDown.add(c);
    await sleep(5);
  }
  // A retry already scheduled now does nothing until `connect()`.
  for (const c of clients) c.provider.disconnect();
  await restarted;
}

/** Connects `perDoc` clients to each document, 50 documents at a time. */
async function connectInChunks(
  server: BenchServer,
  docs: string[],
  perDoc: number,
): Promise<BenchClient[][]> {
  const groups: BenchClient[][] = [];
  for (let d = 0; d < docs.length; d += 50) {
    groups.push(
      ...(await Promise.all(
        docs.slice(d, d + 50).map((n) => connectClients(server, n, perDoc, { asParticipants: true })),
      )),
    );
  }
  return groups;
}
