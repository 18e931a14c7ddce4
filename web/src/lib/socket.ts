/** One Socket.IO connection per tab, shared by every component that needs it. */

import { io, type Socket as RawSocket } from "socket.io-client";
import { createEffect, createRoot, createSignal, on, onCleanup } from "solid-js";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../../shared/events";
import { locale } from "../i18n";
import { checkSession, sessionEnded } from "./api";

export type { Ack } from "../../../shared/events";

/** The tab's socket, typed with the conference events of `shared/events.ts`. */
export type Socket = RawSocket<ServerToClientEvents, ClientToServerEvents>;

let shared: Socket | undefined;
let stopLocale: (() => void) | undefined;
let users = 0;
const [connected, setConnected] = createSignal(false);
const [refused, setRefused] = createSignal(false);
/** What the server said when it refused the handshake, in the UI's language (none for a lost session). */
const [refusalMessage, setRefusalMessage] = createSignal<string>();
/** A refusal worth retrying by itself: the session had too many tabs open, one may close. */
const retryRefusedAfterMs = 10_000;

function open(): Socket {
  if (shared) return shared;
  // Same origin: the session cookie rides along with the handshake. The locale is read at every
  // (re)connection, so refusals come in the language the UI has then.
  const socket: Socket = io({
    path: "/socket.io",
    transports: ["websocket", "polling"],
    withCredentials: true,
    auth: (cb) => cb({ locale: locale() }),
  });
  socket.on("connect", () => {
    setConnected(true);
    setRefused(false);
    setRefusalMessage(undefined);
  });
  // A handshake the server refuses is not retried by the client: a lost session stays refused (log
  // in again); too many tabs of this session are tried again now and then, as others may close.
  socket.on("connect_error", (err: Error & { data?: { message?: string } }) => {
    if (err.message === "unauthenticated") sessionEnded();
    setRefused(!socket.active);
    setRefusalMessage(socket.active ? undefined : err.data?.message);
    if (!socket.active && err.message === "too_many_connections") {
      setTimeout(() => {
        if (shared === socket && !socket.connected) socket.connect();
      }, retryRefusedAfterMs);
    }
  });
  // The session ended (logout elsewhere, expiry): the page goes to the login page and comes back
  // after it, as for a request answered 401 (lib/session.ts). The server drops such sockets itself,
  // telling only those in a conference why; a socket it dropped asks whether the session holds.
  socket.on("disconnect", (reason) => {
    setConnected(false);
    if (reason === "io server disconnect") checkSession();
  });
  socket.on("conference:closed", (info) => {
    if (info.code === "session_ended") sessionEnded();
  });
  // A language switched while connected: the server words its refusals in the new one from now on.
  stopLocale = createRoot((dispose) => {
    createEffect(
      on(
        locale,
        (next) => {
          if (socket.connected) socket.emit("client:locale", { locale: next }, () => {});
        },
        { defer: true },
      ),
    );
    return dispose;
  });
  shared = socket;
  return socket;
}

/** Uses the tab's socket for the life of the calling component; the last user closes it. */
export function useSocket(): {
  socket: Socket;
  connected: () => boolean;
  refused: () => boolean;
  refusalMessage: () => string | undefined;
} {
  const socket = open();
  users += 1;
  onCleanup(() => {
    users -= 1;
    if (users === 0 && shared) {
      shared.disconnect();
      shared = undefined;
      stopLocale?.();
      stopLocale = undefined;
      setConnected(false);
    }
  });
  return { socket, connected, refused, refusalMessage };
}

/** Sends an intent and resolves with its acknowledgement (or a timeout error, never hangs). */
export function emitIntent<T extends object>(
  socket: Socket,
  event: keyof ClientToServerEvents,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<Ack<T>> {
  // The payload is checked by the server's zod schema; the client-side types are a convenience only.
  const raw = socket as unknown as RawSocket;
  return new Promise((resolve) => {
    raw.timeout(timeoutMs).emit(event, payload, (err: Error | null, ack: Ack<T>) => {
      if (err) return resolve({ ok: false, error: { code: "timeout", message: err.message } });
      if (ack && !ack.ok && ack.error.code === "unauthenticated") sessionEnded();
      resolve(ack ?? { ok: false, error: { code: "no_answer", message: "no answer" } });
    });
  });
}
