/** Authenticates a raw request (WebSocket upgrade, Socket.IO handshake) from its Cookie header. */
import type { AppDeps } from "../deps";
import { secondFactorRequired } from "../middleware/session";
import { type Session, type SessionUser, validateSessionTokens } from "./sessions";

/** The cookie that carries the session token (same as the HTTP side). */
const cookieName = "session";

/** Reads one cookie from a Cookie header; a value whose escapes do not decode counts as absent. */
export function readCookie(header: string | undefined | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The id of the session a Cookie header names (the token's part before the dot), unchecked. */
export function sessionIdOfCookie(header: string | undefined | null): string | null {
  const token = readCookie(header, cookieName);
  return token ? (token.split(".")[0] ?? null) : null;
}

/** A signed-in user with a complete login, as a raw request presents it. */
export type CookieAuth = { session: Session; user: SessionUser } | null;

/**
 * The users behind Cookie headers, each with a complete login (second factor done where required)
 * or null, answered in the order asked with one session lookup (`validateSessionTokens`, as the HTTP
 * routes use it).
 */
export async function authenticateCookies(
  deps: AppDeps,
  cookieHeaders: (string | undefined | null)[],
  options: { slide?: boolean } = {},
): Promise<CookieAuth[]> {
  const tokens = cookieHeaders.map((h) => readCookie(h, cookieName));
  const results = await validateSessionTokens(
    deps.database.db,
    tokens,
    deps.clock.now(),
    deps.config.session,
    options,
  );
  return results.map((result) => {
    if (!result.session) return null;
    if (!result.session.secondFactorVerified && secondFactorRequired(deps.config, result.user)) return null;
    if (result.user.mustChangePassword) return null;
    return result;
  });
}

/**
 * The open connections whose session has ended (logout elsewhere, expiry), for the periodic check
 * of the Yjs and Socket.IO sides: one lookup per kind for all distinct cookies. Checking is not
 * use; only connections `inUse` says were used since the last check slide their session's idle
 * expiry, so a screen left open still ends after the idle time.
 */
export async function connectionsWithEndedSession<T>(
  deps: AppDeps,
  connections: Iterable<T>,
  cookieOf: (connection: T) => string | undefined,
  inUse: (connection: T) => boolean = () => false,
): Promise<T[]> {
  const byCookie = new Map<string, T[]>();
  const used = new Set<string>();
  for (const connection of connections) {
    const cookie = cookieOf(connection);
    if (cookie === undefined) continue;
    const same = byCookie.get(cookie);
    if (same) same.push(connection);
    else byCookie.set(cookie, [connection]);
    if (inUse(connection)) used.add(cookie);
  }
  const cookies = [...byCookie.keys()];
  const ended: T[] = [];
  for (const slide of [true, false]) {
    const group = cookies.filter((c) => used.has(c) === slide);
    if (group.length === 0) continue;
    const auths = await authenticateCookies(deps, group, { slide });
    auths.forEach((auth, i) => {
      if (!auth) ended.push(...(byCookie.get(group[i]) ?? []));
    });
  }
  return ended;
}
