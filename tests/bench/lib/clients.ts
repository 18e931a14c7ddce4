/** Real y-websocket providers in Node, as many as a scenario needs, against either server. */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { BenchServer } from "./servers";

/** One simulated participant: a Y.Doc synced through a real WebsocketProvider. */
export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  docName: string;
}

/** A WebSocket class that sends the session cookie, as a browser would. */
function socketClass(cookie: string | undefined): typeof WebSocket {
  if (!cookie) return WebSocket;
  return class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as unknown as typeof WebSocket;
}

/** Resolves when the provider has synced (or rejects after the timeout). */
export function whenSynced(provider: WebsocketProvider, timeoutMs = 60_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("sync timeout")), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
}

/**
 * Connects `count` clients to one document. With `asParticipants`, client i signs in as the case's
 * participant i (a session of their own) on a server that has participants (not the reference);
 * otherwise all share one session.
 */
export async function connectClients(
  server: BenchServer,
  docName: string,
  count: number,
  options: { asParticipants?: boolean } = {},
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i++) {
    const cookie =
      options.asParticipants && server.participantCookie ? participant(server, docName, i) : server.cookie;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.wsBase, docName, doc, {
      WebSocketPolyfill: socketClass(cookie) as unknown as typeof globalThis.WebSocket,
      disableBc: true, // clients in one process must only meet through the server
      maxBackoffTime: 1000,
    });
    clients.push({ doc, provider, docName });
  }
  await Promise.all(clients.map((c) => whenSynced(c.provider)));
  return clients;
}

/** Disconnects and destroys clients. */
export function closeClients(clients: BenchClient[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}

/** The Cookie header of a case's participant; a missing one is an error, not a quiet shared session. */
function participant(server: BenchServer, docName: string, index: number): string {
  const cookie = server.participantCookie?.(docName, index);
  if (!cookie) throw new Error(`no participant ${index} for ${docName}`);
  return cookie;
}
