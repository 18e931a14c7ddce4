/** Socket.IO clients for tests: connect as a demo user, emit an intent and await its ack. */
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, ConferenceState, ServerToClientEvents } from "../../shared/events";
import type { TestServer } from "./server";

/** A typed conference socket. */
export type ConferenceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens a socket with the given Cookie header (or none); resolves when connected, rejects on refusal.
 * `auth` is the handshake's auth object, as the web client sends it (`{ locale: "en" }`); `headers`
 * are more handshake headers (a browser's `origin`).
 */
export function connectSocket(
  url: string,
  cookie: string | null,
  options: { timeoutMs?: number; auth?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<ConferenceSocket> {
  const socket: ConferenceSocket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...options.headers },
    ...(options.auth ? { auth: options.auth } : {}),
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error("socket connect timeout"));
    }, options.timeoutMs ?? 5000);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("connect_error", (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

/** Whether a handshake with these headers is accepted (the socket is closed again) or refused. */
export function handshakeOutcome(
  url: string,
  cookie: string | null,
  headers: Record<string, string> = {},
): Promise<"connected" | "refused"> {
  return connectSocket(url, cookie, { headers }).then(
    (socket) => {
      socket.close();
      return "connected" as const;
    },
    () => "refused" as const,
  );
}

/** Logs in as a demo account (`voorzitter`, `wijkteam`, …) and opens a socket with its session. */
export async function connectAs(server: TestServer, key: string): Promise<ConferenceSocket> {
  const client = await server.loginAs(key);
  return connectSocket(server.url, client.cookie);
}

/** Emits an intent and resolves with its acknowledgement; rejects after `timeoutMs`. */
export function emitAck<T extends object = Record<string, unknown>>(
  socket: ConferenceSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
  timeoutMs = 5000,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary acknowledgements
): Promise<Ack<T> & Record<string, any>> {
  const raw = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    raw.timeout(timeoutMs).emit(event, payload, (err: Error | null, answer: Ack<T>) => {
      if (err) reject(new Error(`no ack for ${event} within ${timeoutMs} ms`));
      // biome-ignore lint/suspicious/noExplicitAny: see above
      else resolve(answer as any);
    });
  });
}

/** Resolves with the next `conference:state` matching `predicate` (rejects after `timeoutMs`). */
export function nextState(
  socket: ConferenceSocket,
  predicate: (state: ConferenceState) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ConferenceState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off("conference:state", listener);
      reject(new Error("no matching conference:state"));
    }, timeoutMs);
    const listener = (state: ConferenceState) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      socket.off("conference:state", listener);
      resolve(state);
    };
    socket.on("conference:state", listener);
  });
}

/** Keeps the latest `conference:state` a socket received (by revision). */
export function trackState(socket: ConferenceSocket): { latest: () => ConferenceState | null } {
  let latest: ConferenceState | null = null;
  socket.on("conference:state", (s) => {
    if (!latest || s.revision >= latest.revision) latest = s;
  });
  return { latest: () => latest };
}

/** Resolves when the socket is disconnected (by the server), with the reason. */
export function disconnected(socket: ConferenceSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve("already");
    const timer = setTimeout(() => reject(new Error("still connected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
