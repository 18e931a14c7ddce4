/**
 * The Yjs endpoint `/yjs/case:<caseId>:<sectionKey>` on the shared http server: upgrade checks,
 * durable group-committed updates, awareness, unloading idle documents, cutting off revoked access.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { closeCodes } from "../../shared/close-codes";
import { type AuditEntry, type AuditItem, createAuditBatcher } from "../audit/log";
import { connectionsWithEndedSession, sessionIdOfCookie } from "../auth/request-auth";
import type { AppDeps } from "../deps";
import { loggableError } from "../logger";
import { can, loadCaseAccess } from "../policy";
import type { Attach, Attachment } from "../server";
import { Connection, type ConnectionHost } from "./connection";
import { GroupCommit } from "./group-commit";
import { LiveDoc } from "./live-doc";
import { appendUpdates, compactDoc, createDocReader } from "./store";
import {
  type Admit,
  type AdmittedConnection,
  createAdmission,
  docNameOf,
  writeRefusal,
  yjsPathPrefix,
} from "./upgrade";

/** Tunables; the defaults suit production, tests shorten the timers. */
export interface CollabOptions {
  /** Largest frame accepted; ws closes larger ones with 1009. */
  maxPayloadBytes: number;
  /** How long a document stays in memory after its last client left. */
  unloadGraceMs: number;
  /** Stored updates past which a document's updates are merged into its snapshot. */
  compactThreshold: number;
  /** At most one `update` audit entry per connection in this interval. */
  auditUpdateIntervalMs: number;
  /** Awareness clients one connection may speak for. */
  maxAwarenessClients: number;
  /** How often open connections' sessions are checked (logout, expiry): closed with 4401. */
  sessionCheckMs: number;
  /** Called with the running endpoint (tests and benchmarks look inside). */
  onStart?: (collab: CollabServer) => void;
}

export const defaultCollabOptions: CollabOptions = {
  maxPayloadBytes: 2 * 1024 * 1024,
  unloadGraceMs: 30_000,
  compactThreshold: 500,
  auditUpdateIntervalMs: 10 * 60_000,
  maxAwarenessClients: 4,
  sessionCheckMs: 60_000,
};

/** The running endpoint. */
export interface CollabServer extends Attachment {
  /** Names of the documents in memory. */
  loadedDocs(): string[];
  /** Open connections. */
  connectionCount(): number;
  /** Batches and updates stored so far. */
  stats(): { batches: number; updates: number };
  /** Resolves when every queued update is stored and applied. */
  flush(): Promise<void>;
  /**
   * A case is about to be destroyed: closes every connection to its sections, stores what they
   * had sent, and drops its documents from memory, so nothing of it is written afterwards.
   */
  forgetCase(caseId: string): Promise<void>;
}

const running = new WeakMap<AppDeps, CollabServer>();

/** The Yjs endpoint of a running server, when it is attached. */
export function collabOf(deps: AppDeps): CollabServer | undefined {
  return running.get(deps);
}

/** The attach function with the given options. */
export function createCollabAttach(options: Partial<CollabOptions> = {}): Attach {
  const opts = { ...defaultCollabOptions, ...options };
  return (httpServer, deps) => {
    const collab = startCollab(httpServer, deps, opts);
    running.set(deps, collab);
    opts.onStart?.(collab);
    return collab;
  };
}

function startCollab(
  httpServer: import("node:http").Server,
  deps: AppDeps,
  opts: CollabOptions,
): CollabServer {
  const { logger } = deps;
  const db = deps.database.db;
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes });
  const docs = new Map<string, { live: LiveDoc; ready: Promise<LiveDoc> }>();
  const connections = new Set<Connection>();
  /** Who each connection is and to which section, for a later check of their rights. */
  const admittedOf = new WeakMap<Connection, AdmittedConnection>();
  const admit = createAdmission(deps);
  const readDoc = createDocReader(db);
  let storedUpdates = 0;
  let closing = false;

  /** An update waiting for its commit; `audit` when it is its connection's first in the interval. */
  type Meta = { live: LiveDoc; conn: Connection; done: () => void; audit: AuditItem | null };
  const commit = new GroupCommit<Meta>({
    store: (batch) =>
      appendUpdates(
        db,
        batch.map((b) => ({ docName: b.docName, update: b.update })),
        batch.flatMap((b) => (b.meta.audit ? [b.meta.audit] : [])),
      ),
    committed: (batch) => {
      storedUpdates += batch.length;
      const byDoc = new Map<LiveDoc, { updates: Uint8Array[]; senders: Set<Connection> }>();
      for (const { update, meta } of batch) {
        let group = byDoc.get(meta.live);
        if (!group) {
          group = { updates: [], senders: new Set() };
          byDoc.set(meta.live, group);
        }
        group.updates.push(update);
        group.senders.add(meta.conn);
      }
      for (const [live, { updates, senders }] of byDoc) {
        live.pending -= updates.length;
        live.storedCount += updates.length;
        if (live.destroyed) continue;
        try {
          live.applyCommitted(updates, senders.size === 1 ? [...senders][0] : null);
        } catch (err) {
          logger.error(
            { err: { type: (err as Error)?.name }, doc: live.name },
            "applying stored updates failed",
          );
        }
        maybeCompact(live);
        maybeScheduleUnload(live);
      }
      for (const { meta } of batch) meta.done();
    },
    failed: (batch, err) => {
      logger.error(
        { err: { type: (err as Error)?.name }, count: batch.length },
        "storing Yjs updates failed",
      );
      // Nothing was acknowledged: the senders reconnect and resend through sync step 2.
      for (const { meta } of batch) {
        meta.live.pending--;
        meta.conn.close(closeCodes.storageUnavailable, "storage unavailable");
        maybeScheduleUnload(meta.live);
        meta.done();
      }
    },
  });

  const host: ConnectionHost = {
    maxAwarenessClients: opts.maxAwarenessClients,
    store: (conn, update) => {
      const entry = docs.get(conn.docName);
      if (!entry) return Promise.resolve();
      entry.live.pending++;
      conn.editedSinceCheck = true;
      const audit = updateAuditDue(conn);
      return new Promise<void>((done) => {
        commit.enqueue({ docName: conn.docName, update, meta: { live: entry.live, conn, done, audit } });
      });
    },
    readOnlyAttempt: (conn) => {
      if (conn.readOnlyAudited) return;
      conn.readOnlyAudited = true;
      auditRefusal(conn, "read_only");
    },
  };

  // Refusals while connected (an observer who types) are written in batches, as the admission's
  // entries are; entries for updates go with the updates (`store`).
  const writeAudit = createAuditBatcher(db);
  /** Settles when every entry queued so far is written (batches run in order). */
  let auditsWritten: Promise<void> = Promise.resolve();

  function auditRefusal(conn: Connection, reason: string) {
    const entry: AuditEntry = {
      action: "refused",
      objectType: "section",
      objectId: conn.docName,
      caseId: conn.caseId,
      outcome: "refused",
      details: { reason },
    };
    auditsWritten = writeAudit(conn.auditActor, entry, deps.clock.now()).catch((err: unknown) => {
      logger.error({ err: { type: (err as Error)?.name } }, "audit write failed");
    });
  }

  /**
   * The entry for a connection's update when one is due (the first, then one per interval), stored
   * in the same transaction as the update: a stored edit always has its entry, even after a kill.
   * When that transaction fails the connection is closed, and its successor audits afresh.
   */
  function updateAuditDue(conn: Connection): AuditItem | null {
    const at = deps.clock.now();
    const last = conn.lastUpdateAuditAt;
    if (last !== null && at.getTime() - last < opts.auditUpdateIntervalMs) return null;
    conn.lastUpdateAuditAt = at.getTime();
    return {
      actor: conn.auditActor,
      entry: {
        action: "update",
        objectType: "section",
        objectId: conn.docName,
        caseId: conn.caseId,
        outcome: "success",
      },
      at,
    };
  }

  function maybeCompact(live: LiveDoc) {
    if (live.compacting || live.storedCount < Math.max(opts.compactThreshold, live.compactAt)) return;
    live.compacting = compactDoc(db, live.name)
      .then(({ merged, kept }) => {
        for (const id of kept) {
          logger.error(
            { doc: live.name, updateId: id },
            "stored Yjs update does not apply; kept out of the snapshot",
          );
        }
        live.storedCount = Math.max(0, live.storedCount - merged);
        // Rows kept out of the merge stay, and a compaction re-reads them: the next one waits for a
        // threshold of new updates, however many were kept.
        live.compactAt = kept.length > 0 ? live.storedCount + opts.compactThreshold : 0;
      })
      .catch((err: unknown) => {
        // Typically a stored snapshot that does not decode (the load skipped it; an update that does
        // not is kept out of the merge instead). The rows stay as they are; trying again after every
        // commit would re-read them all each time and starve the updates, so the next attempt waits
        // for another threshold of updates.
        live.compactAt = live.storedCount + opts.compactThreshold;
        logger.error({ err: { type: (err as Error)?.name }, doc: live.name }, "compaction failed");
      })
      .finally(() => {
        live.compacting = null;
      });
  }

  function loadDoc(name: string) {
    const existing = docs.get(name);
    if (existing) {
      if (existing.live.unloadTimer) clearTimeout(existing.live.unloadTimer);
      existing.live.unloadTimer = null;
      return existing;
    }
    const live = new LiveDoc(name);
    const ready = readDoc(name).then((stored) => {
      for (const skipped of live.load(stored)) {
        if (skipped === "snapshot")
          logger.error({ doc: name }, "stored Yjs snapshot does not apply; skipped");
        else logger.error({ doc: name, updateId: skipped }, "stored Yjs update does not apply; skipped");
      }
      maybeCompact(live);
      return live;
    });
    const entry = { live, ready };
    docs.set(name, entry);
    ready.catch(() => {
      if (docs.get(name) === entry) docs.delete(name);
      live.destroy();
    });
    return entry;
  }

  function maybeScheduleUnload(live: LiveDoc) {
    if (live.conns.size > 0 || live.destroyed || live.unloadTimer) return;
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      if (live.conns.size > 0) return;
      if (live.pending > 0 || live.compacting) {
        // Wait for the writes; the commit callback schedules again.
        const again = live.compacting ?? commit.flush();
        again.finally(() => maybeScheduleUnload(live));
        return;
      }
      if (docs.get(live.name)?.live === live) docs.delete(live.name);
      live.destroy();
    }, opts.unloadGraceMs);
    live.unloadTimer.unref?.();
  }

  function onConnection(ws: WebSocket, admitted: Awaited<ReturnType<Admit>> & { docName: string }) {
    if (!("actor" in admitted)) return;
    const entry = loadDoc(admitted.docName);
    const conn = new Connection(
      ws,
      admitted.actor.id,
      admitted.userName,
      admitted.section.caseId,
      admitted.docName,
      admitted.canEdit,
      admitted.auditActor,
      admitted.cookie,
      entry.ready,
      host,
    );
    connections.add(conn);
    admittedOf.set(conn, admitted);
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        conn.close(closeCodes.malformed, "text frames are not part of the protocol");
        return;
      }
      conn.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    ws.on("error", () => conn.close(closeCodes.malformed, "protocol error"));
    ws.on("close", () => {
      conn.closed = true;
      connections.delete(conn);
      entry.live.remove(conn);
      maybeScheduleUnload(entry.live);
    });
    entry.ready.then(
      (live) => {
        if (conn.closed) return maybeScheduleUnload(live);
        live.conns.add(conn);
        for (const m of live.greeting()) conn.send(m);
      },
      () => conn.close(closeCodes.storageUnavailable, "storage unavailable"),
    );
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith(yjsPathPrefix)) return; // Socket.IO and others handle their own.
    socket.on("error", () => socket.destroy());
    if (closing) return writeRefusal(socket, 503);
    admit(req).then(
      (admitted) => {
        if (!("actor" in admitted)) return writeRefusal(socket, admitted.status);
        if (closing) return writeRefusal(socket, 503);
        try {
          wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, admitted));
        } catch {
          socket.destroy();
        }
      },
      (err: unknown) => {
        logger.error(
          { err: { type: (err as Error)?.name }, doc: docNameOf(req.url) ? "yjs" : null },
          "upgrade failed",
        );
        writeRefusal(socket, 503);
      },
    );
  };
  httpServer.on("upgrade", onUpgrade);

  // A session that ended (logout, expiry) must not keep a document open. Writing in the plan is
  // use of the session; an open editor alone (its presence renewals) is not.
  const sessionTimer = setInterval(() => {
    const open = [...connections];
    const writing = new Set(open.filter((c) => c.editedSinceCheck));
    for (const conn of open) conn.editedSinceCheck = false;
    connectionsWithEndedSession(
      deps,
      open,
      (c) => c.cookie,
      (c) => writing.has(c),
    ).then(
      (ended) => {
        for (const conn of ended) conn.close(closeCodes.sessionEnded, "session ended");
      },
      () => {},
    );
  }, opts.sessionCheckMs);
  sessionTimer.unref();

  // Someone's rights on a case changed but they may keep some: each open section gets what the
  // policy says now. No longer readable: closed for good; edit right changed: closed to reconnect.
  const recheck = async (userId: string, caseId: string) => {
    const open = [...connections].filter((c) => c.userId === userId && c.caseId === caseId);
    const first = open.length > 0 ? admittedOf.get(open[0]) : undefined;
    if (!first) return;
    const access = await loadCaseAccess(db, first.actor, caseId, deps.clock.now());
    for (const conn of open) {
      const admitted = admittedOf.get(conn);
      if (!admitted) continue;
      const subject = access && { access, sectionKey: admitted.section.sectionKey };
      if (!subject || !can(admitted.actor, "section:read", subject)) {
        conn.close(closeCodes.accessRevoked, "access revoked");
      } else if (can(admitted.actor, "section:edit", subject) !== conn.canEdit) {
        conn.close(closeCodes.rightsChanged, "rights changed");
      }
    }
  };

  const unsubscribe = deps.accessEvents.subscribe((change) => {
    if (change.recheck && change.caseId) {
      recheck(change.userId, change.caseId).catch((err) => {
        // Without an answer, closing is the safe side: the reconnect asks the policy afresh.
        logger.warn({ err: loggableError(err) }, "recheck of open sections failed");
        for (const conn of connections) {
          if (conn.userId === change.userId && conn.caseId === change.caseId)
            conn.close(closeCodes.rightsChanged, "rights changed");
        }
      });
      return;
    }
    for (const conn of connections) {
      if (conn.userId !== change.userId) continue;
      if (change.caseId && conn.caseId !== change.caseId) continue;
      if (change.sessionId) {
        if (sessionIdOfCookie(conn.cookie) === change.sessionId)
          conn.close(closeCodes.sessionEnded, "session ended");
        continue;
      }
      conn.close(closeCodes.accessRevoked, "access revoked");
    }
  });

  return {
    loadedDocs: () => [...docs.keys()],
    connectionCount: () => connections.size,
    stats: () => ({ batches: commit.batches, updates: storedUpdates }),
    flush: () => commit.flush(),
    async forgetCase(caseId) {
      const prefix = `case:${caseId}:`;
      const open = [...connections].filter((c) => c.docName.startsWith(prefix));
      for (const conn of open) conn.close(closeCodes.accessRevoked, "case destroyed");
      await Promise.all(open.map((c) => c.settled()));
      await commit.flush();
      for (const [name, entry] of [...docs]) {
        if (!name.startsWith(prefix)) continue;
        if (entry.live.unloadTimer) clearTimeout(entry.live.unloadTimer);
        await entry.live.compacting;
        if (docs.get(name) === entry) docs.delete(name);
        entry.live.destroy();
      }
    },
    async close() {
      if (running.get(deps) === this) running.delete(deps);
      closing = true;
      httpServer.off("upgrade", onUpgrade);
      unsubscribe();
      clearInterval(sessionTimer);
      // Finish what clients sent before they go: queued frames, then queued writes.
      await Promise.all([...connections].map((c) => c.settled()));
      await commit.flush();
      for (const conn of connections) conn.close(closeCodes.goingAway, "server shutting down");
      for (const ws of wss.clients) ws.terminate();
      await Promise.all([...docs.values()].map((d) => d.live.compacting));
      await auditsWritten;
      for (const { live } of docs.values()) live.destroy();
      docs.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
