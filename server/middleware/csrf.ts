/** CSRF protection after the Lucia guide: state-changing requests must come from our own origin. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { AppError } from "../errors";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a non-GET request that a browser marks as cross-site, or whose Origin is not ours.
 * A request with neither header does not come from a browser and carries no ambient authority risk.
 */
export const csrf = (): MiddlewareHandler<AppEnv> =>
  async function csrf(c, next) {
    if (safeMethods.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    if (site && site !== "same-origin" && site !== "none") {
      throw new AppError("csrf", "Verzoek van een andere website geweigerd.");
    }
    if (origin) {
      const { publicOrigin } = c.get("deps").config;
      const host = c.req.header("host");
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = null;
      }
      const allowed =
        (publicOrigin && origin === new URL(publicOrigin).origin) || (host && originHost === host);
      if (!allowed) throw new AppError("csrf", "Verzoek van een andere website geweigerd.");
    }
    return next();
  };
