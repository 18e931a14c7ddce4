/** Authenticates a raw request (WebSocket upgrade, Socket.IO handshake) from its Cookie header. */
import type { AppDeps } from "../deps";
import { secondFactorRequired } from "../middleware/session";
import { type Session, type SessionUser, validateSessionToken } from "./sessions";

/** The cookie that carries the session token (same as the HTTP side). */
const cookieName = "session";

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * The user behind a Cookie header, with a complete login (second factor done where required),
 * or null. The same `validateSessionToken` the HTTP routes use.
 */
export async function authenticateCookie(
  deps: AppDeps,
  cookieHeader: string | undefined | null,
): Promise<{ session: Session; user: SessionUser } | null> {
  const token = readCookie(cookieHeader, cookieName);
  if (!token) return null;
  const result = await validateSessionToken(deps.database.db, token, deps.clock.now(), deps.config.session);
  if (!result.session) return null;
  if (!result.session.secondFactorVerified && secondFactorRequired(deps.config, result.user)) return null;
  if (result.user.mustChangePassword) return null;
  return result;
}
