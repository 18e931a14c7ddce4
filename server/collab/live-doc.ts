/** A section document held in memory while clients are connected: Y.Doc, awareness, connections. */
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { applyStored, type Skipped, type StoredDoc, tryApply } from "./store";
import { serverDoc } from "./ydoc";

/** y-websocket message types. */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;

/** What a live doc needs to know about a connection. */
export interface DocConnection {
  /** Whose connection it is. */
  readonly userId: string;
  send(message: Uint8Array): void;
  /** Awareness client ids this connection controls. */
  awarenessIds: Set<number>;
}

/** One loaded section document. */
export class LiveDoc {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns = new Set<DocConnection>();
  /** Which connection controls each awareness client id: only it may change or remove that state. */
  readonly awarenessOwners = new Map<number, DocConnection>();
  /** Updates stored for this doc beyond its snapshot (compaction trigger). */
  storedCount = 0;
  /** Updates queued for storage and not yet applied. */
  pending = 0;
  compacting: Promise<void> | null = null;
  /** Stored updates at which the next compaction may start (raised after a compaction failed). */
  compactAt = 0;
  unloadTimer: NodeJS.Timeout | null = null;
  destroyed = false;

  constructor(readonly name: string) {
    this.doc = serverDoc(name);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on(
      "update",
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        const conn = origin as DocConnection | null;
        if (conn && this.conns.has(conn)) {
          for (const id of [...added, ...updated]) {
            const previous = this.awarenessOwners.get(id);
            if (previous && previous !== conn) previous.awarenessIds.delete(id);
            conn.awarenessIds.add(id);
            this.awarenessOwners.set(id, conn);
          }
          for (const id of removed) {
            conn.awarenessIds.delete(id);
            this.awarenessOwners.delete(id);
          }
        }
        // To everyone, the sender too: the y-websocket v3 client counts its own echoed renewal as keep-alive.
        this.broadcast(awarenessMessage(this.awareness, changed));
      },
    );
  }

  /** Fills the doc from storage; what does not apply is skipped, never fatal, and answered (`applyStored`). */
  load(stored: StoredDoc): Skipped[] {
    this.storedCount = stored.updates.length;
    return applyStored(this.doc, stored);
  }

  /** Applies committed updates in one transaction and broadcasts the result once. */
  applyCommitted(updates: Uint8Array[], sender: DocConnection | null): void {
    const emitted: Uint8Array[] = [];
    const collect = (u: Uint8Array) => emitted.push(u);
    this.doc.on("update", collect);
    try {
      this.doc.transact(() => {
        for (const u of updates) tryApply(this.doc, u);
      }, sender);
    } finally {
      this.doc.off("update", collect);
    }
    if (emitted.length === 0) return;
    const update = emitted.length === 1 ? emitted[0] : Y.mergeUpdates(emitted);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeUpdate(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder), sender);
  }

  /** Sends one encoded message to every connection (except one, when given). */
  broadcast(message: Uint8Array, except: DocConnection | null = null): void {
    for (const c of this.conns) if (c !== except) c.send(message);
  }

  /** The first messages a new connection gets: our sync step 1, and who is here. */
  greeting(): Uint8Array[] {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    const messages: Uint8Array[] = [encoding.toUint8Array(encoder)];
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) messages.push(awarenessMessage(this.awareness, states));
    return messages;
  }

  /** Drops a connection and the awareness states it controlled. */
  remove(conn: DocConnection): void {
    if (!this.conns.delete(conn)) return;
    const owned = [...conn.awarenessIds].filter((id) => this.awarenessOwners.get(id) === conn);
    for (const id of owned) this.awarenessOwners.delete(id);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** An encoded awareness message for the given clients. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * How deep the plan's blocks may nest (a list in a list item in a list …): far more than anyone
 * writes, far less than what makes the browser's editor overflow its stack while drawing the
 * section (it did at a few thousand levels, for everyone who opened it, for good).
 */
export const maxNesting = 100;

/** What the server needs to know of an incoming update before storing it. */
export interface UpdateInspection {
  /** Everything in it is already known: nothing to store. */
  noop: boolean;
  /** The deepest level of anything new in it (0: directly in the section); 0 for a no-op. */
  nesting: number;
}

/**
 * Looks at an update once: whether it would change nothing in the doc, and how deep it nests.
 * Throws when the update does not decode. The update is decoded once (structs and delete set) and
 * its struct ranges are compared with the doc's clocks; only an update that brings no new structs
 * has its deletions checked item by item: a reconnecting client's sync step 2 repeats the whole
 * delete set, which must not count as new.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateInspection {
  const { structs, ds } = Y.decodeUpdate(update);
  const noop = bringsNothingNew(doc, structs, ds);
  return { noop, nesting: noop ? 0 : deepestNesting(doc, structs) };
}

function bringsNothingNew(
  doc: Y.Doc,
  structs: ReturnType<typeof Y.decodeUpdate>["structs"],
  ds: ReturnType<typeof Y.decodeUpdate>["ds"],
): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  for (const [client, ranges] of ds.clients) {
    const clientStructs = doc.store.clients.get(client);
    if (!clientStructs) return false;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock + len > known) return false;
      let i = Y.findIndexSS(clientStructs, clock);
      while (i < clientStructs.length && clientStructs[i].id.clock < clock + len) {
        if (!clientStructs[i].deleted) return false;
        i++;
      }
    }
  }
  return true;
}

/**
 * The level of the deepest new item of an update: the number of types it sits in below the
 * section's root. An item names its parent item (one level down from it), or, when it sits beside
 * an item, only that neighbour (the same level); either may be in the update or in the doc. Walked
 * without recursion and each item once, so a crafted chain of any length costs linear time.
 */
function deepestNesting(doc: Y.Doc, structs: ReturnType<typeof Y.decodeUpdate>["structs"]): number {
  const fresh = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = fresh.get(s.id.client);
    if (list) list.push(s);
    else fresh.set(s.id.client, [s]);
  }
  /** The new item holding that id (items of one client come in clock order). */
  const freshItem = (id: Y.ID): Y.Item | undefined => {
    const list = fresh.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid];
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return undefined;
  };
  /** The level of an item already in the doc: how many types its own type sits in. */
  const knownLevel = (id: Y.ID): number => {
    let item: Y.Item | undefined;
    try {
      const found = Y.getItem(doc.store, id);
      item = found instanceof Y.Item ? found : undefined;
    } catch {
      return 0; // Not there (yet): Yjs keeps such an update pending until it is.
    }
    let level = 0;
    for (let t = item?.parent as Y.AbstractType<unknown> | null; t?._item && level <= maxNesting; level++) {
      t = t._item.parent as Y.AbstractType<unknown> | null;
    }
    return level;
  };
  const levels = new Map<Y.Item, number>();
  let deepest = 0;
  for (const start of structs) {
    if (!(start instanceof Y.Item) || levels.has(start)) continue;
    const path: { item: Y.Item; step: number }[] = [];
    let current = start;
    let level = 0;
    for (;;) {
      const known = levels.get(current);
      if (known !== undefined) {
        level = known;
        break;
      }
      const parent = current.parent;
      const next =
        parent instanceof Y.ID ? parent : parent === null ? (current.origin ?? current.rightOrigin) : null;
      const step = parent instanceof Y.ID ? 1 : 0;
      const nextItem = next ? freshItem(next) : undefined;
      if (!next || !nextItem || path.length > structs.length) {
        // The root (a named type), or an item in the doc: the walk ends here.
        level = next ? knownLevel(next) + step : 0;
        levels.set(current, level);
        break;
      }
      path.push({ item: current, step });
      current = nextItem;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      level += path[i].step;
      levels.set(path[i].item, level);
    }
    deepest = Math.max(deepest, levels.get(start) ?? 0);
  }
  return deepest;
}
