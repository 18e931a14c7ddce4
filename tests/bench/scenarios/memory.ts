/** Memory: open 1,000 documents (one client each, one edit), close them all, and see what stays. */
import { closeClients, connectClients } from "../lib/clients";
import type { BenchServer } from "../lib/servers";
import { sleep } from "../lib/stats";

export async function openAndClose(
  server: BenchServer,
  options: { docs: number; settleMs: number },
): Promise<{ baseline: number; peak: number; after: number; heap: boolean }> {
  const before = await server.memory();
  let peakRss = before.rss;
  for (let d = 0; d < options.docs; d += 100) {
    const batch = await Promise.all(
      server.docs.slice(d, Math.min(d + 100, options.docs)).map((n) => connectClients(server, n, 1)),
    );
    for (const [c] of batch) c.doc.getMap("mem").set("x", "y".repeat(200));
    await sleep(100);
    peakRss = Math.max(peakRss, (await server.memory()).rss);
    for (const b of batch) closeClients(b);
  }
  await sleep(options.settleMs);
  const after = await server.memory();
  const heap = before.heapUsed !== undefined && after.heapUsed !== undefined;
  return {
    baseline: heap ? (before.heapUsed as number) : before.rss,
    peak: peakRss,
    after: heap ? (after.heapUsed as number) : after.rss,
    heap,
  };
}
