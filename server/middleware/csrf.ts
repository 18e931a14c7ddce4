/** CSRF protection after the Lucia guide: state-changing requests must come from our own origin. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { AppError } from "../errors";
import { isOwnOrigin } from "../origin";

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
    if (!isOwnOrigin(origin, c.req.header("host"), c.get("deps").config.publicOrigin)) {
      throw new AppError("csrf", "Verzoek van een andere website geweigerd.");
    }
    return next();
  };
