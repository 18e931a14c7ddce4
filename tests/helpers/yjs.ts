/** Real y-websocket providers in Node against the server, authenticated with a session cookie. */
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { renderFragment } from "../../server/collab/render";

/** The ws:// base of a server's Yjs endpoint. */
export function yjsBase(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, "ws")}/yjs`;
}

/** A WebSocket class that sends the given cookie (and optional extra headers) on the upgrade. */
export function cookieWebSocket(
  cookie: string | null,
  headers: Record<string, string> = {},
): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    }
  } as typeof WebSocket;
}

/** One editing client: its doc and its provider. */
export interface SectionClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The section as readable text. */
  text(): string;
  destroy(): void;
}

/** Connects a provider (BroadcastChannel off: two providers in one process must talk via the server). */
export function connectSection(
  serverUrl: string,
  cookie: string | null,
  docName: string,
  options: { connect?: boolean; doc?: Y.Doc; maxBackoffTime?: number } = {},
): SectionClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(yjsBase(serverUrl), docName, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: options.maxBackoffTime ?? 200,
  });
  return {
    doc,
    provider,
    text: () => renderFragment(doc.getXmlFragment("prosemirror")),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Connects and waits until the first sync with the server is done. */
export async function openSection(
  serverUrl: string,
  cookie: string | null,
  docName: string,
  timeoutMs = 10_000,
): Promise<SectionClient> {
  const client = connectSection(serverUrl, cookie, docName);
  await waitForSync(client, timeoutMs);
  return client;
}

/** Resolves when the provider has synced with the server. */
export function waitForSync(client: SectionClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        client.provider.off("sync", onSync);
        resolve();
      };
      client.provider.on("sync", onSync);
    }),
    timeoutMs,
    "sync",
  );
}

/** Appends a paragraph at the end of the section, as the editor would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment("prosemirror");
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}

/** Resolves once the doc satisfies the predicate, checked after every change (no polling). */
export function waitForDoc(
  doc: Y.Doc,
  predicate: () => boolean,
  timeoutMs = 10_000,
  what = "doc",
): Promise<void> {
  if (predicate()) return Promise.resolve();
  let listener: (() => void) | undefined;
  return withTimeout(
    new Promise<void>((resolve) => {
      listener = () => {
        if (predicate()) resolve();
      };
      doc.on("update", listener);
    }),
    timeoutMs,
    what,
  ).finally(() => {
    if (listener) doc.off("update", listener);
  });
}

/** Waits until the client's text contains every snippet. */
export function waitForText(client: SectionClient, snippets: string[], timeoutMs = 10_000): Promise<void> {
  return waitForDoc(
    client.doc,
    () => snippets.every((s) => client.text().includes(s)),
    timeoutMs,
    `text ${snippets.join(", ")}`,
  );
}

/** The HTTP status an upgrade is answered with (101 when it is accepted). */
export function upgradeStatus(
  serverUrl: string,
  docName: string,
  cookie: string | null,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${yjsBase(serverUrl)}/${docName}`, {
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", (err) => reject(err));
  });
}

/** A raw socket to a section, for sending frames the provider would never send. */
export function rawSocket(serverUrl: string, docName: string, cookie: string | null): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${yjsBase(serverUrl)}/${docName}`, { headers: cookie ? { cookie } : {} });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** Resolves with the close code of a socket. */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once("close", (code) => resolve(code)));
}

/** Resolves with the code of the provider's next connection close. */
export function providerCloseCode(client: SectionClient, timeoutMs = 10_000): Promise<number> {
  return withTimeout(
    new Promise<number>((resolve) => {
      const onClose = (event: CloseEvent | null) => {
        client.provider.off("connection-close", onClose);
        resolve(event?.code ?? 0);
      };
      client.provider.on("connection-close", onClose);
    }),
    timeoutMs,
    "connection close",
  );
}

/** Rejects when the promise takes longer than the timeout. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Resolves when the server has handled every frame this client sent so far: the server handles a
 * connection's frames in order and echoes the client's own awareness back to it.
 */
export function roundTrip(client: SectionClient, timeoutMs = 10_000): Promise<void> {
  const ws = client.provider.ws as unknown as WebSocket | null;
  if (!ws) return Promise.reject(new Error("not connected"));
  const me = client.doc.clientID;
  let onMessage: ((data: Buffer) => void) | undefined;
  return withTimeout(
    new Promise<void>((resolve) => {
      onMessage = (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== 1) return;
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const count = decoding.readVarUint(update);
        for (let i = 0; i < count; i++) {
          const id = decoding.readVarUint(update);
          decoding.readVarUint(update);
          decoding.readVarString(update);
          if (id === me) resolve();
        }
      };
      ws.on("message", onMessage);
      client.provider.awareness.setLocalStateField("ping", Math.random());
    }),
    timeoutMs,
    "awareness echo",
  ).finally(() => {
    if (onMessage) ws.off("message", onMessage);
  });
}
