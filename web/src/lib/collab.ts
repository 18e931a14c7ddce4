/** The collaboration primitive: one Y.Doc per plan section, synced over y-websocket and kept in IndexedDB. */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closeCodes } from "../../../shared/close-codes";
import { sessionEnded } from "./api";
import { localName, markUnsent } from "./local-copies";
import { checkSessionSoon, sessionLost } from "./session";

/** Connections in a row that end before syncing, after which the page asks whether its session holds. */
const failuresBeforeSessionCheck = 3;

/** Connection state of one section document, in the words the UI uses. */
export type ConnectionStatus =
  | "connecting"
  | "connected"
  | "disconnected"
  | "refused"
  | "sessionEnded"
  | "rejected";

/** What another person is doing, as their awareness state tells. */
export interface PeerState {
  clientId: number;
  user: { id: string; name: string; color: string };
  sectionKey: string;
}

/** One live section document with its provider and reactive state. */
export interface SectionDoc {
  key: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: Accessor<ConnectionStatus>;
  /** True once the server's state has been received (the text shown is the shared text). */
  synced: Accessor<boolean>;
  /** True once the copy kept in this browser has been loaded. */
  localLoaded: Accessor<boolean>;
  /** Other people with this section open. */
  peers: Accessor<PeerState[]>;
  /** The current plain text (for warnings), updated on every change. */
  text: Accessor<string>;
}

/** The WebSocket base address of the Yjs endpoint on this host. */
export function yjsServerUrl(): string {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${location.host}/yjs`;
}

/** Plain text of a ProseMirror fragment: one line per block, so phrases match across marks. */
export function fragmentText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as { insert: unknown }[])
        .map((d) => (typeof d.insert === "string" ? d.insert : ""))
        .join("");
    }
    let inner = "";
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement && ["paragraph", "heading", "listItem"].includes(child.nodeName)) {
        const text = walk(child);
        if (text) lines.push(text);
      } else if (child instanceof Y.XmlElement || child instanceof Y.XmlText) {
        inner += walk(child);
      }
    }
    return inner;
  };
  const rest = walk(fragment);
  if (rest) lines.push(rest);
  return lines.join("\n");
}

function readPeers(provider: WebsocketProvider): PeerState[] {
  const own = provider.awareness.clientID;
  const peers: PeerState[] = [];
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = state?.user as PeerState["user"] | undefined;
    if (clientId === own || !user?.name || typeof state?.sectionKey !== "string") continue;
    peers.push({ clientId, user, sectionKey: state.sectionKey });
  }
  return peers;
}

/**
 * Opens the live document of one section of one case. Call inside a component or root: the
 * provider, the local copy and the document are destroyed when that owner is cleaned up.
 * The local copy (IndexedDB) keeps edits made while offline, so a reload loses nothing.
 */
export function createSectionDoc(caseId: string, key: string, userId: string): SectionDoc {
  const doc = new Y.Doc();
  const room = `case:${caseId}:${key}`;
  // One local copy per user: on a shared computer, someone else's unsent edits are never sent
  // under your name, and you never open a copy of a section you were not given.
  const local = new IndexeddbPersistence(localName(userId, room), doc);
  const provider = new WebsocketProvider(yjsServerUrl(), room, doc, {
    disableBc: true,
    maxBackoffTime: 5000,
  });
  // Nobody is "in" a section until the workspace shows it: no presence for background documents.
  provider.awareness.setLocalState(null);

  const [status, setStatus] = createSignal<ConnectionStatus>("connecting");
  const [synced, setSynced] = createSignal(false);
  const [localLoaded, setLocalLoaded] = createSignal(false);
  const [peers, setPeers] = createSignal<PeerState[]>([]);
  const fragment = doc.getXmlFragment("prosemirror");
  const [text, setText] = createSignal(fragmentText(fragment));

  const onStatus = (e: { status: "connected" | "disconnected" | "connecting" }) => {
    if (status() === "refused" || status() === "sessionEnded" || status() === "rejected") return;
    // While offline the provider retries (connecting, disconnected, …): keep saying "disconnected"
    // until a connection is really back, instead of flickering between the two.
    if (e.status === "connecting" && status() === "disconnected") return;
    setStatus(e.status);
  };
  /** Connections in a row that ended before they synced. */
  let failures = 0;
  // Once synced, the server has everything this copy holds (the provider answered its sync step).
  const onSync = (s: boolean) => {
    setSynced(s);
    if (!s) return;
    markUnsent(userId, room, false);
    failures = 0;
  };
  // An edit made here without a synced connection may not have reached the server yet.
  const onLocalUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return;
    if (!(provider.wsconnected && provider.synced)) markUnsent(userId, room, true);
  };
  // A terminal close (4400–4499) means retrying would not help: say why (shared/close-codes.ts).
  const onClosed = (e: { code: number }) => {
    setStatus(
      e.code === closeCodes.sessionEnded
        ? "sessionEnded"
        : e.code === closeCodes.accessRevoked
          ? "refused"
          : "rejected",
    );
    if (e.code === closeCodes.sessionEnded) sessionEnded();
  };
  // A connection that never opened emits no "disconnected" status, only a close: count it as lost.
  // One that keeps ending before it synced may meet a session that ended meanwhile (answered 401).
  const onConnectionClose = () => {
    if (status() === "connecting") setStatus("disconnected");
    if (!provider.synced && ++failures >= failuresBeforeSessionCheck) checkSessionSoon();
  };
  // The session ended: retrying cannot help until the person logs in again (the edits stay here).
  createEffect(
    on(sessionLost, (lost) => {
      if (!lost || status() === "connected") return;
      provider.disconnect();
      setStatus("sessionEnded");
    }),
  );
  const onAwareness = () => setPeers(readPeers(provider));
  const onDocUpdate = () => setText(fragmentText(fragment));
  provider.on("status", onStatus);
  provider.on("sync", onSync);
  provider.on("closed", onClosed);
  provider.on("connection-close", onConnectionClose);
  provider.awareness.on("change", onAwareness);
  doc.on("update", onDocUpdate);
  doc.on("update", onLocalUpdate);
  local.whenSynced.then(() => setLocalLoaded(true)).catch(() => setLocalLoaded(true));

  onCleanup(() => {
    provider.off("status", onStatus);
    provider.off("sync", onSync);
    provider.off("closed", onClosed);
    provider.off("connection-close", onConnectionClose);
    provider.awareness.off("change", onAwareness);
    doc.off("update", onDocUpdate);
    doc.off("update", onLocalUpdate);
    provider.destroy();
    void local.destroy();
    doc.destroy();
  });

  return { key, doc, provider, status, synced, localLoaded, peers, text };
}

/** Marks this browser as present in one section (name, colour, id) and absent from the others. */
export function setPresence(section: SectionDoc, user: PeerState["user"] | null): void {
  section.provider.awareness.setLocalState(user ? { user, sectionKey: section.key } : null);
}
