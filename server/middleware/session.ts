/** Reads the session cookie once per request and puts the caller on the context. */
import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { validateSessionToken } from "../auth/sessions";
import type { AppContext, AppEnv } from "../context";
import type { AppConfig } from "../deps";

/** The cookie that carries the session token. */
export const sessionCookieName = "session";

/** Whether this user must pass a second factor (everyone but demo accounts in demo mode). */
export function secondFactorRequired(config: AppConfig, user: { isDemo: boolean }): boolean {
  return !(config.demo && user.isDemo);
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind https, lifetime of the absolute limit. */
export function setSessionCookie(c: AppContext, token: string): void {
  const { config } = c.get("deps");
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.secureCookies,
    path: "/",
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(c: AppContext): void {
  deleteCookie(c, sessionCookieName, { path: "/", secure: c.get("deps").config.secureCookies });
}

/** Validates the session cookie and sets `auth` (null when absent or invalid). */
export const session = (): MiddlewareHandler<AppEnv> =>
  async function session(c, next) {
    const deps = c.get("deps");
    const token = getCookie(c, sessionCookieName);
    c.set("auth", null);
    if (token) {
      const result = await validateSessionToken(
        deps.database.db,
        token,
        deps.clock.now(),
        deps.config.session,
      );
      if (result.session) {
        c.set("auth", {
          session: result.session,
          user: result.user,
          secondFactorPending:
            !result.session.secondFactorVerified && secondFactorRequired(deps.config, result.user),
        });
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
  };
