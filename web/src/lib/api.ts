/** The JSON API client: one place that knows about errors and the session cookie. */
import { locale } from "../i18n";

/** An error answer of the API (`{error:{code,message}}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

let onSessionEnded: (() => void) | undefined;

/**
 * Tells `handler` when the server answers 401 outside the login steps (`/auth/…`): the session
 * ended (idle too long, logged out elsewhere, ended by the administrator). lib/session.ts listens.
 */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

/** Says the session ended, from a live connection's own signal (a close code, a refused handshake). */
export function sessionEnded(): void {
  onSessionEnded?.();
}

/** Asks the server whether this session still holds; a 401 ends it here as any request's does. */
export function checkSession(): void {
  request("GET", "/me").catch(() => {});
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method,
    credentials: "same-origin",
    // The server words its error messages in the UI's language.
    headers: {
      "Accept-Language": locale(),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith("/auth/")) sessionEnded();
    const e = data?.error ?? {};
    throw new ApiError(res.status, e.code ?? "error", e.message ?? res.statusText, e.details);
  }
  return data as T;
}

/** Calls the API. */
export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string, body?: unknown) => request<T>("DELETE", path, body),
};
