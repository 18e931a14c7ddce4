/**
 * Socket.IO for conferences on the shared http server. The handshake is authenticated with the
 * session cookie; rooms are joined only after the policy says yes; every intent is validated (zod),
 * authorised, persisted with its audit entry in one transaction, and only then broadcast.
 */
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import { type Ack, type IntentError, type IntentName, intentSchemas } from "../../shared/events";
import { authenticateCookies, connectionsWithEndedSession, sessionIdOfCookie } from "../auth/request-auth";
import type { SessionUser } from "../auth/sessions";
import { batched } from "../batching";
import { createAction, updateAction } from "../commands/actions";
import { setCurrentAgendaItem, setFocus } from "../commands/agenda";
import { authorizeAudited, type CommandActor } from "../commands/case-command";
import {
  endConference,
  loadConferenceScope,
  recordJoin,
  recordLeave,
  setAttendance,
  startConference,
} from "../commands/conference";
import {
  adoptDecision,
  loadDecisionRow,
  proposeDecision,
  recordPosition,
  requireInProgress,
  withdrawDecision,
} from "../commands/decisions";
import type { AppDeps } from "../deps";
import { AppError, errors } from "../errors";
import { errorInEnglish } from "../i18n/en";
import { nulProblem } from "../input";
import { loggableError } from "../logger";
import { notifyNewOwner } from "../notify";
import { isOwnOrigin } from "../origin";
import { actorOf, can } from "../policy";
import type { Attach, Attachment } from "../server";
import { SessionLimit } from "../session-limit";
import { ConferenceHub, registerHub, roomOf, userRoomOf } from "./hub";

/** Largest message a client may send (decision text is capped far below this). */
/** The largest intent payload answered; a larger one is refused with `too_large`. */
const maxPayloadBytes = 64 * 1024;
/** The largest message Socket.IO reads at all; a larger one closes the connection unread. */
const maxMessageBytes = 1024 * 1024;
/** Intents one socket may send per window before it is told to slow down. */
const intentBudget = { count: 60, windowMs: 10_000 };
/** Sockets one session may have open when `MAX_SOCKETS_PER_SESSION` is not set (one per tab). */
export const defaultMaxSocketsPerSession = 20;

interface SocketData {
  user: SessionUser;
  cookie: string;
  address: string | null;
  /** Conferences this socket is counted in. */
  /** The UI's language when it changed since the handshake (`client:locale`). */
  locale?: "nl" | "en";
  /** The conferences this socket has joined, each with its case. */
  conferences: Map<string, string>;
  budget: { windowStart: number; used: number };
}

type ConferenceSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A refusal in the ack format of `CONTRACT.md`. */
function refusal(err: unknown, deps: AppDeps): { ok: false; error: IntentError } {
  if (err instanceof AppError) {
    const json = err.toJSON().error as IntentError;
    return { ok: false, error: json };
  }
  if (err instanceof z.ZodError) {
    return {
      ok: false,
      error: {
        code: "invalid_input",
        message: "De invoer is ongeldig.",
        details: err.issues.map((i) => ({ path: i.path.join(".") || "(payload)", message: i.message })),
      },
    };
  }
  deps.logger.error({ err: loggableError(err) }, "conference intent failed");
  return { ok: false, error: { code: "internal", message: "Er ging iets mis aan onze kant." } };
}

/** A refusal in the socket's language: English when the UI said so (`client:locale`, else the handshake). */
function inLocale<R extends { ok: false; error: IntentError }>(socket: ConferenceSocket, answer: R): R {
  const locale = socket.data.locale ?? socket.handshake.auth?.locale;
  return locale === "en" ? { ...answer, error: errorInEnglish(answer.error) } : answer;
}

/** Options of the conference attachment. */
export interface ConferenceOptions {
  /** How often connected sockets' sessions are checked (expiry): ended ones are dropped. */
  sessionCheckMs: number;
}

/** The conference attachment with its options (tests check sessions more often). */
export function createConferenceAttach(options: Partial<ConferenceOptions> = {}): Attach {
  const opts: ConferenceOptions = { sessionCheckMs: 60_000, ...options };
  return (httpServer, deps) => attach(httpServer, deps, opts);
}

/** Attaches Socket.IO for conferences. */
export const attachConference = createConferenceAttach();

function attach(httpServer: HttpServer, deps: AppDeps, opts: ConferenceOptions): Attachment {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    httpServer,
    {
      path: "/socket.io",
      serveClient: false,
      // The Yjs endpoint shares this http server: Socket.IO must not end upgrades that are not its
      // own (by default it destroys them after 1 s, cutting off Yjs reconnects still authenticating).
      destroyUpgrade: false,
      maxHttpBufferSize: maxMessageBytes,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
      allowRequest: (req, callback) =>
        callback(null, isOwnOrigin(req.headers.origin, req.headers.host, deps.config.publicOrigin)),
    },
  );
  const hub = new ConferenceHub(deps, io);
  const unregister = registerHub(deps, hub);
  const pending = new Set<Promise<unknown>>();
  let closing = false;
  const { db } = deps.database;
  const now = () => deps.clock.now();
  // Handshakes and intents that arrive together (every open plan reconnects after a restart) share
  // one session lookup. No gathering delay: an intent is a click someone waits for.
  const authenticate = batched((cookies: string[]) => authenticateCookies(deps, cookies), { maxBatch: 500 });
  const perSession = new SessionLimit(deps.config.maxSocketsPerSession ?? defaultMaxSocketsPerSession);

  io.use(async (socket, next) => {
    try {
      const cookie = socket.handshake.headers.cookie ?? "";
      const auth = await authenticate(cookie);
      if (!auth) return next(new Error("unauthenticated"));
      // Gone while its session was looked up: Socket.IO drops it unannounced, so it takes no slot.
      if (socket.conn.readyState !== "open") return next(new Error("unavailable"));
      socket.data.user = auth.user;
      socket.data.cookie = cookie;
      socket.data.address = socket.handshake.address ?? null;
      socket.data.conferences = new Map();
      socket.data.budget = { windowStart: Date.now(), used: 0 };
      // Taken synchronously after the lookup: handshakes batched into one lookup are counted one by one.
      const slot = perSession.take(auth.session.id);
      if (!slot.ok) {
        // Ids only: never the token or the name. Once per session reaching the cap, not per retry.
        if (slot.first)
          deps.logger.warn(
            { userId: auth.user.id, limit: perSession.max },
            "Socket.IO sockets per session at the cap; refusing more",
          );
        const { error } = inLocale(socket, {
          ok: false,
          error: {
            code: "too_many_connections",
            message:
              "Er staan te veel verbindingen open met deze sessie. Sluit een ander tabblad: dit verbindt daarna vanzelf.",
          },
        });
        return next(Object.assign(new Error("too_many_connections"), { data: error }));
      }
      // Given back when the socket disconnects, or when its connection closes before it connected.
      const release = () => {
        socket.conn.off("close", release);
        slot.release();
      };
      socket.conn.once("close", release);
      socket.once("disconnect", release);
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });

  const actorOfSocket = (socket: ConferenceSocket): CommandActor => ({
    ...actorOf(socket.data.user),
    clientAddress: socket.data.address,
  });

  /** Counts the socket out of a room, records the leave and tells the others. */
  const leaveRoom = async (socket: ConferenceSocket, conferenceId: string) => {
    if (!socket.data.conferences?.delete(conferenceId)) return;
    await socket.leave(roomOf(conferenceId));
    const last = hub.exit(conferenceId, socket.data.user.id);
    if (last && !closing) {
      await recordLeave(db, conferenceId, socket.data.user.id, now());
      await hub.broadcast(conferenceId);
    }
  };

  /** The conference of an intent, with the actor's access (re-read for every intent). */
  const scope = (socket: ConferenceSocket, conferenceId: string) =>
    loadConferenceScope(db, actorOfSocket(socket), conferenceId, now());

  /** A decision's conference scope. */
  const decisionScope = async (socket: ConferenceSocket, decisionId: string) => {
    const decision = await loadDecisionRow(db, decisionId);
    return scope(socket, decision.conferenceId);
  };

  /** Registers one intent: parse, check the session and budget, run, acknowledge. */
  function on<N extends IntentName>(
    socket: ConferenceSocket,
    name: N,
    run: (payload: z.output<(typeof intentSchemas)[N]>) => Promise<object>,
  ) {
    // biome-ignore lint/suspicious/noExplicitAny: the raw arguments a client sent, checked below
    (socket as any).on(name, (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === "function" ? (last as (answer: unknown) => void) : () => {};
      const payload = typeof args[0] === "function" ? undefined : args[0];
      const work = (async (): Promise<Ack> => {
        const budget = socket.data.budget;
        if (Date.now() - budget.windowStart > intentBudget.windowMs) {
          budget.windowStart = Date.now();
          budget.used = 0;
        }
        if (++budget.used > intentBudget.count) {
          return {
            ok: false,
            error: { code: "too_many_requests", message: "Te veel verzoeken. Wacht even." },
          };
        }
        if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
          return {
            ok: false,
            error: {
              code: "invalid_input",
              message: "De invoer is ongeldig.",
              details: [{ path: "(payload)", message: "Verwacht een object." }],
            },
          };
        }
        if (Buffer.byteLength(JSON.stringify(payload)) > maxPayloadBytes) throw errors.tooLarge();
        const nul = nulProblem(payload, "(payload)");
        if (nul) throw errors.invalidInput([nul]);
        const parsed = intentSchemas[name].safeParse(payload);
        if (!parsed.success) return refusal(parsed.error, deps);
        // The session may have ended (logout, expiry) since the handshake.
        const auth = await authenticate(socket.data.cookie);
        if (!auth) {
          setTimeout(() => socket.disconnect(true), 0);
          return { ok: false, error: { code: "unauthenticated", message: "Log eerst in." } };
        }
        socket.data.user = auth.user;
        return { ok: true, ...(await run(parsed.data as z.output<(typeof intentSchemas)[N]>)) };
      })().catch((err) => refusal(err, deps));
      pending.add(work);
      work.then((answer) => {
        pending.delete(work);
        try {
          ack(answer.ok ? answer : inLocale(socket, answer));
        } catch {
          // A broken callback is the client's problem, not the server's.
        }
      });
    });
  }

  io.on("connection", (socket: ConferenceSocket) => {
    socket.join(userRoomOf(socket.data.user.id));
    const actor = () => actorOfSocket(socket);

    on(socket, "client:locale", async ({ locale }) => {
      socket.data.locale = locale;
      return {};
    });

    on(socket, "conference:join", async ({ conferenceId }) => {
      const { conference, access } = await scope(socket, conferenceId);
      await authorizeAudited(
        db,
        actor(),
        access,
        "conference:join",
        access,
        { type: "conference", id: conferenceId },
        now(),
      );
      await recordJoin(db, actor(), access, conference, now());
      if (!socket.data.conferences.has(conferenceId)) {
        socket.data.conferences.set(conferenceId, conference.caseId);
        hub.enter(conferenceId, socket.data.user.id);
        await socket.join(roomOf(conferenceId));
      }
      const state = await hub.broadcast(conferenceId);
      return { state };
    });

    on(socket, "conference:leave", async ({ conferenceId }) => {
      await leaveRoom(socket, conferenceId);
      return {};
    });

    on(socket, "conference:start", async ({ conferenceId }) => {
      const { conference, access } = await scope(socket, conferenceId);
      await startConference(db, actor(), access, conference, hub.online(conferenceId), now());
      return { state: await hub.broadcast(conferenceId) };
    });

    on(socket, "conference:end", async ({ conferenceId }) => {
      const { conference, access } = await scope(socket, conferenceId);
      await endConference(db, actor(), access, conference, now());
      hub.clearHands(conferenceId);
      return { state: await hub.broadcast(conferenceId) };
    });

    on(socket, "agenda:focus", async ({ conferenceId, sectionKey }) => {
      const { conference, access } = await scope(socket, conferenceId);
      await setFocus(db, actor(), access, conference, sectionKey, now());
      io.to(roomOf(conferenceId)).emit("agenda:focus", { conferenceId, sectionKey });
      await hub.broadcast(conferenceId);
      return {};
    });

    on(socket, "agenda:current", async ({ conferenceId, index }) => {
      const { conference, access } = await scope(socket, conferenceId);
      const { sectionKey } = await setCurrentAgendaItem(db, actor(), access, conference, index, now());
      // Clients that know only the section focus still follow it.
      if (sectionKey) io.to(roomOf(conferenceId)).emit("agenda:focus", { conferenceId, sectionKey });
      await hub.broadcast(conferenceId);
      return {};
    });

    on(socket, "hand:raise", async ({ conferenceId }) => {
      const { conference, access } = await scope(socket, conferenceId);
      await authorizeAudited(
        db,
        actor(),
        access,
        "conference:raiseHand",
        access,
        { type: "conference", id: conferenceId },
        now(),
      );
      requireInProgress(conference.status);
      if (!socket.data.conferences.has(conferenceId)) {
        throw new AppError("conflict", "Neem eerst deel aan het overleg.");
      }
      if (hub.raiseHand(conferenceId, socket.data.user.id, now())) await hub.broadcast(conferenceId);
      return {};
    });

    on(socket, "hand:lower", async ({ conferenceId, userId }) => {
      const { access } = await scope(socket, conferenceId);
      const target = userId ?? socket.data.user.id;
      if (target !== socket.data.user.id) {
        await authorizeAudited(
          db,
          actor(),
          access,
          "conference:chair",
          access,
          { type: "conference", id: conferenceId },
          now(),
        );
      } else if (!can(actor(), "conference:join", access)) {
        throw new AppError("not_found", "Overleg niet gevonden.");
      }
      if (hub.lowerHand(conferenceId, target)) await hub.broadcast(conferenceId);
      return {};
    });

    on(socket, "attendance:set", async ({ conferenceId, userId, present }) => {
      const { conference, access } = await scope(socket, conferenceId);
      await setAttendance(db, actor(), access, conference, userId, present, now());
      await hub.broadcast(conferenceId);
      return {};
    });

    on(socket, "decision:propose", async ({ conferenceId, text, warningOverride }) => {
      const { conference, access } = await scope(socket, conferenceId);
      const decision = await proposeDecision(
        db,
        actor(),
        access,
        conference,
        { text, warningOverride },
        now(),
      );
      await hub.broadcast(conferenceId);
      return { decision };
    });

    on(socket, "decision:position", async ({ decisionId, position, note }) => {
      const { conference, access } = await decisionScope(socket, decisionId);
      const decision = await recordPosition(
        db,
        actor(),
        access,
        conference,
        decisionId,
        { position, note },
        now(),
      );
      await hub.broadcast(conference.id);
      return { decision };
    });

    on(socket, "decision:adopt", async ({ decisionId }) => {
      const { conference, access } = await decisionScope(socket, decisionId);
      const decision = await adoptDecision(db, actor(), access, conference, decisionId, now());
      await hub.broadcast(conference.id);
      return { decision };
    });

    on(socket, "decision:withdraw", async ({ decisionId }) => {
      const { conference, access } = await decisionScope(socket, decisionId);
      const decision = await withdrawDecision(db, actor(), access, conference, decisionId, now());
      await hub.broadcast(conference.id);
      return { decision };
    });

    on(socket, "action:create", async (input) => {
      const { conference, access } = await scope(socket, input.conferenceId);
      const action = await createAction(db, actor(), access, input, now());
      await hub.broadcast(conference.id);
      await notifyNewOwner(deps, action.createdBy, action);
      return { action };
    });

    on(socket, "action:update", async ({ actionId, ...patch }) => {
      const { action, reassigned } = await updateAction(db, actor(), actionId, patch, now());
      await hub.caseChanged(action.caseId);
      if (reassigned) await notifyNewOwner(deps, socket.data.user.id, action);
      return { action };
    });

    socket.on("disconnect", () => {
      for (const conferenceId of [...(socket.data.conferences?.keys() ?? [])]) {
        const work = leaveRoom(socket, conferenceId).catch((err) => refusal(err, deps));
        pending.add(work);
        work.finally(() => pending.delete(work));
      }
    });

    // A recovered socket gets its rooms back: out of all of them at once, then back into those the
    // policy still allows (someone removed while away must not hear the room again).
    if (socket.recovered) {
      const rooms = [...socket.rooms].filter((r) => r.startsWith("conference:"));
      socket.data.conferences = new Map();
      for (const room of rooms) socket.leave(room);
      const rejoin = (async () => {
        for (const room of rooms) {
          const conferenceId = room.slice("conference:".length);
          try {
            const { conference, access } = await scope(socket, conferenceId);
            if (!can(actor(), "conference:join", access)) continue;
            await recordJoin(db, actor(), access, conference, now());
            socket.data.conferences.set(conferenceId, conference.caseId);
            hub.enter(conferenceId, socket.data.user.id);
            await socket.join(room);
            await hub.broadcast(conferenceId);
          } catch (err) {
            refusal(err, deps);
          }
        }
      })();
      pending.add(rejoin);
      rejoin.finally(() => pending.delete(rejoin));
    }
  });

  /** Tells each socket's conferences why it goes, then drops it. */
  const drop = (
    sockets: Iterable<{
      rooms: Set<string>;
      emit: ConferenceSocket["emit"];
      disconnect: (close: boolean) => unknown;
    }>,
    code: string,
  ) => {
    for (const s of sockets) {
      for (const r of s.rooms) {
        if (r.startsWith("conference:"))
          s.emit("conference:closed", { conferenceId: r.slice("conference:".length), code });
      }
      s.disconnect(true);
    }
  };

  // Someone's access ended or their session ended: what they had open goes at once. Removed from a
  // case (or the case destroyed): that case's conferences close, and the socket stays for their
  // other cases and for `case:changed`. Account disabled: every socket. Logout: that session's.
  const unsubscribe = deps.accessEvents.subscribe(({ userId, caseId, sessionId, recheck }) => {
    // A new role or reader list: every intent asks the policy afresh, and the page hears
    // `case:changed`; the socket stays.
    if (recheck) return;
    if (caseId && !sessionId) {
      for (const socket of io.of("/").sockets.values()) {
        if (socket.data.user?.id !== userId) continue;
        for (const [conferenceId, ofCase] of [...socket.data.conferences]) {
          if (ofCase !== caseId) continue;
          socket.emit("conference:closed", { conferenceId, code: "access_changed" });
          const work = leaveRoom(socket, conferenceId).catch((err) => refusal(err, deps));
          pending.add(work);
          work.finally(() => pending.delete(work));
        }
      }
      return;
    }
    const room = io.in(userRoomOf(userId));
    room
      .fetchSockets()
      .then((sockets) => {
        if (!sessionId) return drop(sockets, "access_changed");
        drop(
          sockets.filter((s) => sessionIdOfCookie(s.data.cookie) === sessionId),
          "session_ended",
        );
      })
      .catch(() => {
        if (!sessionId) room.disconnectSockets(true);
      });
  });

  // Sessions also end by themselves (idle or absolute expiry): check the connected ones now and then.
  const sessionTimer = setInterval(() => {
    // A check, not a use: an open conference screen alone does not keep its session from the idle end.
    connectionsWithEndedSession(deps, io.of("/").sockets.values(), (s) => s.data.cookie).then(
      (ended) => drop(ended, "session_ended"),
      () => {},
    );
  }, opts.sessionCheckMs);
  sessionTimer.unref();

  return {
    async close() {
      closing = true;
      unsubscribe();
      clearInterval(sessionTimer);
      io.disconnectSockets(true);
      await Promise.allSettled([...pending]);
      io.engine.close();
      unregister();
    },
  };
}
