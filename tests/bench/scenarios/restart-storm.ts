/** Restart storm: many clients on many documents; the server dies and returns; time until all resync. */
import { type BenchClient, closeClients, connectClients } from "../lib/clients";
import type { BenchServer } from "../lib/servers";
import { sleep } from "../lib/stats";

export async function restartStorm(
  server: BenchServer,
  options: { docs: number; clientsPerDoc: number },
): Promise<{ resyncMs: number; synced: number; total: number; contentKept: boolean }> {
  const groups: BenchClient[][] = [];
  for (let d = 0; d < options.docs; d += 50) {
    groups.push(
      ...(await Promise.all(
        server.docs
          .slice(d, Math.min(d + 50, options.docs))
          .map((n) => connectClients(server, n, options.clientsPerDoc)),
      )),
    );
  }
  // Each client writes one entry, so every document has something to keep.
  for (const [g, clients] of groups.entries()) {
    for (const [i, c] of clients.entries()) c.doc.getMap("storm").set(`c${i}`, g);
  }
  // Before the kill: every client holds every entry of its document, so the server, which stores
  // before it broadcasts, has stored them all. What it keeps across the kill is then what is checked.
  const complete = () =>
    groups.every((cs) => cs.every((c) => c.doc.getMap("storm").size === options.clientsPerDoc));
  for (const end = Date.now() + 120_000; !complete() && Date.now() < end; ) await sleep(50);
  const all = groups.flat();
  await server.restart();
  const t0 = performance.now();
  const end = Date.now() + 120_000;
  // Wait until every provider has seen the socket drop and come back synced.
  await sleep(50);
  while (Date.now() < end && !all.every((c) => c.provider.synced && c.provider.wsconnected)) await sleep(20);
  const resyncMs = performance.now() - t0;
  const synced = all.filter((c) => c.provider.synced).length;
  const contentKept = groups.every((clients) =>
    clients.every((c) => c.doc.getMap("storm").size === options.clientsPerDoc),
  );
  for (const g of groups) closeClients(g);
  return { resyncMs, synced, total: all.length, contentKept };
}
