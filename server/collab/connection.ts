/** One client connection to a section: decodes its frames itself and answers per y-websocket. */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { type CloseCode, closeCodes } from "../../shared/close-codes";
import type { AuditActor } from "../audit/log";
import {
  awarenessMessage,
  type DocConnection,
  inspectUpdate,
  type LiveDoc,
  maxNesting,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from "./live-doc";

/**
 * Longest awareness state (JSON) one client may announce. A caret with its user's name and colour
 * takes a few hundred characters; a larger state would be sent to everyone on the document.
 */
const maxAwarenessStateChars = 16 * 1024;

/**
 * A presence as others will see it: the `user.name` the caret shows is the account's own name,
 * whatever the client wrote there. Anything else in the state is the client's.
 */
function withOwnName(parsed: unknown, raw: string, name: string): string {
  if (typeof parsed !== "object" || parsed === null) return raw;
  const user = (parsed as { user?: unknown }).user;
  if (typeof user !== "object" || user === null || Array.isArray(user)) return raw;
  if ((user as { name?: unknown }).name === name) return raw;
  return JSON.stringify({ ...parsed, user: { ...user, name } });
}

/** An awareness update of the given entries, as `encodeAwarenessUpdate` writes one. */
function encodeAwareness(entries: { clientId: number; clock: number; state: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

/** A frame that breaks the protocol; closes only its own connection. */
export class ProtocolError extends Error {
  constructor(
    readonly code: CloseCode,
    reason: string,
  ) {
    super(reason);
  }
}

/** What a connection asks of the endpoint. */
export interface ConnectionHost {
  /** Queues an update for storage; it is applied and broadcast after it commits (or fails). */
  store(conn: Connection, update: Uint8Array): Promise<void>;
  /** A read-only member tried to change the document. */
  readOnlyAttempt(conn: Connection): void;
  maxAwarenessClients: number;
}

/** A connected client. */
export class Connection implements DocConnection {
  readonly awarenessIds = new Set<number>();
  closed = false;
  readOnlyAudited = false;
  lastUpdateAuditAt: number | null = null;
  /** Sent an edit since the last session check (which then counts as activity). */
  editedSinceCheck = false;
  private chain: Promise<void>;
  /** Settles when this connection's latest update is stored and broadcast. */
  private lastStored: Promise<void> = Promise.resolve();
  /** Awareness changes, applied in order once the updates sent before them are out. */
  private awarenessChain: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    /** The account's name, put on this connection's presence (a client cannot pose as someone else). */
    readonly userName: string,
    readonly caseId: string,
    readonly docName: string,
    readonly canEdit: boolean,
    readonly auditActor: AuditActor,
    /** The Cookie header of the upgrade, to check later that the session still holds. */
    readonly cookie: string,
    private readonly live: Promise<LiveDoc>,
    private readonly host: ConnectionHost,
  ) {
    // Frames are handled in order, after the doc has loaded.
    this.chain = live.then(
      () => undefined,
      () => undefined,
    );
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(message, (err) => {
      if (err) this.close(closeCodes.goingAway, "send failed");
    });
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  /** Queues a received frame. */
  receive(data: Uint8Array): void {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      let live: LiveDoc;
      try {
        live = await this.live;
      } catch {
        return; // The doc did not load; the endpoint has closed this connection.
      }
      try {
        this.handle(live, data);
      } catch (err) {
        if (err instanceof ProtocolError) this.close(err.code, err.message);
        else this.close(closeCodes.malformed, "malformed message");
      }
    });
  }

  private handle(live: LiveDoc, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.writeSyncStep2(encoder, live.doc, stateVector);
        this.send(encoding.toUint8Array(encoder));
        return;
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        this.incomingUpdate(live, decoding.readVarUint8Array(decoder));
        return;
      }
      throw new ProtocolError(closeCodes.malformed, "unknown sync message");
    }
    if (type === messageAwareness) {
      this.incomingAwareness(live, decoding.readVarUint8Array(decoder));
      return;
    }
    if (type === messageQueryAwareness) {
      this.send(awarenessMessage(live.awareness, [...live.awareness.getStates().keys()]));
      return;
    }
    throw new ProtocolError(closeCodes.malformed, "unknown message type");
  }

  private incomingUpdate(live: LiveDoc, update: Uint8Array): void {
    // Throws for an update that does not decode (y-protocols' readSyncStep2 would swallow it).
    const { noop, nesting } = inspectUpdate(live.doc, update);
    if (noop) return;
    if (!this.canEdit) {
      this.host.readOnlyAttempt(this);
      return;
    }
    // Stored, it would break the section in every browser that opens it; nothing honest nests so.
    if (nesting > maxNesting) throw new ProtocolError(closeCodes.tooLarge, "nested too deep");
    this.lastStored = this.host.store(this, update);
  }

  private incomingAwareness(live: LiveDoc, update: Uint8Array): void {
    // Decode first: a bad entry must not half-apply, and one connection may introduce a few clients only.
    // The y-websocket client re-sends every awareness change it sees, the other participants' states
    // included, so entries for clients the server already knows are echoes and do not count.
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const ids = new Set(this.awarenessIds);
    const entries: { clientId: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      if (state.length > maxAwarenessStateChars) {
        throw new ProtocolError(closeCodes.tooLarge, "awareness state too large");
      }
      entries.push({ clientId, clock, state: withOwnName(JSON.parse(state), state, this.userName) });
      if (!live.awareness.meta.has(clientId)) ids.add(clientId);
      if (ids.size > this.host.maxAwarenessClients) {
        throw new ProtocolError(closeCodes.tooLarge, "too many awareness clients");
      }
    }
    // A cursor may point at text sent just before it: apply it once that text is out.
    const after = this.lastStored;
    this.awarenessChain = this.awarenessChain
      .then(() => after)
      .then(() => {
        if (this.closed || live.destroyed) return;
        // Only states this connection controls, or no one does yet, or the same person's earlier
        // connection did (a reconnect before the old socket closed): an echo of someone else's state
        // changes nothing, and neither can a forged one (a higher clock) rename or remove them.
        const own = entries.filter((e) => {
          const owner = live.awarenessOwners.get(e.clientId);
          return owner === undefined || owner === this || owner.userId === this.userId;
        });
        if (own.length === 0) return;
        try {
          awarenessProtocol.applyAwarenessUpdate(live.awareness, encodeAwareness(own), this);
        } catch {
          this.close(closeCodes.malformed, "malformed awareness");
        }
      });
  }

  /** Resolves when every frame received so far is handled. */
  settled(): Promise<void> {
    return this.chain.then(() => this.awarenessChain);
  }
}

/** Encodes an update message (used by tests and tools). */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
