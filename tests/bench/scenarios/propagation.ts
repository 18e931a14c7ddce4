/** Propagation latency: time from one client's edit until every other client in the doc applied it. */
import type * as Y from "yjs";
import { type BenchClient, closeClients, connectClients } from "../lib/clients";
import type { BenchServer } from "../lib/servers";
import { sleep } from "../lib/stats";

/** Latency figures of one run. */
export interface PropagationResult {
  /** Each delivered update's latency (run.ts takes the percentiles over a server's runs). */
  latencies: number[];
  /**
   * The same for the updates after each client's first. A connection's first update carries its
   * audit entry on Eén Plan; in many documents all of those come in the first second.
   */
  laterLatencies: number[];
  sent: number;
  lost: number;
  cpuPercent: number;
  rss: number;
}

/**
 * Tracks, per document, when each update key reached all other clients. Every update is a new key
 * in the Y.Map `bench`; an update counts as delivered when `clientsPerDoc - 1` peers observed it.
 */
class Tracker {
  private sentAt = new Map<string, number>();
  private arrivals = new Map<string, number>();
  /** Keys sent as their client's first update. */
  private firsts = new Set<string>();
  private senders = new Set<BenchClient>();
  readonly latencies: number[] = [];
  readonly laterLatencies: number[] = [];

  constructor(private readonly peers: number) {}

  watch(client: BenchClient): void {
    const map = client.doc.getMap("bench") as Y.Map<number>;
    map.observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const seen = (this.arrivals.get(key) ?? 0) + 1;
        this.arrivals.set(key, seen);
        if (seen !== this.peers) continue;
        const latency = now - (this.sentAt.get(key) ?? now);
        this.latencies.push(latency);
        if (!this.firsts.has(key)) this.laterLatencies.push(latency);
      }
    });
  }

  send(client: BenchClient, key: string): void {
    if (!this.senders.has(client)) {
      this.senders.add(client);
      this.firsts.add(key);
    }
    this.sentAt.set(key, performance.now());
    (client.doc.getMap("bench") as Y.Map<number>).set(key, 1);
  }

  get sent(): number {
    return this.sentAt.size;
  }
}

async function drain(tracker: Tracker, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (tracker.latencies.length < tracker.sent && Date.now() < end) await sleep(20);
}

/** `clients` in one document; `rate` updates per second in total, round-robin over the clients. */
export async function oneDocument(
  server: BenchServer,
  options: { clients: number; rate: number; seconds: number },
): Promise<PropagationResult> {
  const clients = await connectClients(server, server.docs[0], options.clients);
  const tracker = new Tracker(options.clients - 1);
  for (const c of clients) tracker.watch(c);
  await sleep(300);
  const cpu0 = await server.cpuSeconds();
  const t0 = performance.now();
  const total = options.rate * options.seconds;
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    tracker.send(clients[k % clients.length], `${Date.now()}-${k}`);
  }
  await drain(tracker, 10_000);
  const wall = (performance.now() - t0) / 1000;
  const cpu = (await server.cpuSeconds()) - cpu0;
  const { rss } = await server.memory();
  closeClients(clients);
  return {
    latencies: tracker.latencies,
    laterLatencies: tracker.laterLatencies,
    sent: tracker.sent,
    lost: tracker.sent - tracker.latencies.length,
    cpuPercent: (cpu / wall) * 100,
    rss,
  };
}

/** Many documents with a few clients each; every client sends `ratePerClient` updates per second. */
export async function manyDocuments(
  server: BenchServer,
  options: { docs: number; clientsPerDoc: number; ratePerClient: number; seconds: number },
): Promise<PropagationResult> {
  const groups: BenchClient[][] = [];
  const trackers: Tracker[] = [];
  for (let d = 0; d < options.docs; d += 50) {
    const batch = await Promise.all(
      server.docs
        .slice(d, Math.min(d + 50, options.docs))
        .map((name) => connectClients(server, name, options.clientsPerDoc)),
    );
    groups.push(...batch);
  }
  for (const g of groups) {
    const t = new Tracker(options.clientsPerDoc - 1);
    for (const c of g) t.watch(c);
    trackers.push(t);
  }
  await sleep(500);
  const cpu0 = await server.cpuSeconds();
  const t0 = performance.now();
  const all = groups.flatMap((g, i) => g.map((c) => ({ c, t: trackers[i] })));
  const perTick = all.length * options.ratePerClient; // sends per second overall
  const total = perTick * options.seconds;
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / perTick;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const { c, t } = all[k % all.length];
    t.send(c, `${k}`);
  }
  const end = Date.now() + 15_000;
  const delivered = () => trackers.reduce((n, t) => n + t.latencies.length, 0);
  while (delivered() < total && Date.now() < end) await sleep(50);
  const wall = (performance.now() - t0) / 1000;
  const cpu = (await server.cpuSeconds()) - cpu0;
  const { rss } = await server.memory();
  for (const g of groups) closeClients(g);
  const latencies = trackers.flatMap((t) => t.latencies);
  return {
    latencies,
    laterLatencies: trackers.flatMap((t) => t.laterLatencies),
    sent: total,
    lost: total - latencies.length,
    cpuPercent: (cpu / wall) * 100,
    rss,
  };
}
