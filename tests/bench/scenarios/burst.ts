/** Burst convergence: every client appends paragraphs at once; time until all clients agree. */
import * as Y from "yjs";
import { closeClients, connectClients } from "../lib/clients";
import type { BenchServer } from "../lib/servers";
import { sleep } from "../lib/stats";

/** Appends `paragraphs` paragraphs per client, each its own transaction, all clients at once. */
export async function burst(
  server: BenchServer,
  options: { clients: number; paragraphs: number; docIndex?: number },
): Promise<{ convergeMs: number; converged: boolean }> {
  const clients = await connectClients(server, server.docs[options.docIndex ?? 1], options.clients);
  await sleep(300);
  const expected = clients[0].doc.getXmlFragment("prosemirror").length + options.clients * options.paragraphs;
  const t0 = performance.now();
  for (const [i, c] of clients.entries()) {
    const fragment = c.doc.getXmlFragment("prosemirror");
    for (let p = 0; p < options.paragraphs; p++) {
      const para = new Y.XmlElement("paragraph");
      para.insert(0, [new Y.XmlText(`Alinea ${p} van deelnemer ${i}`)]);
      fragment.push([para]);
    }
  }
  const agree = () =>
    clients.every((c) => c.doc.getXmlFragment("prosemirror").length === expected) &&
    clients.every(
      (c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(clients[0].doc).toString(),
    );
  const end = Date.now() + 30_000;
  while (!agree() && Date.now() < end) await sleep(2);
  const convergeMs = performance.now() - t0;
  const converged = agree();
  closeClients(clients);
  return { convergeMs, converged };
}
