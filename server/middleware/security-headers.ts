/** Security headers on every response: a strict CSP with no inline script, and friends. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";

const csp = [
  "default-src 'self'",
  "script-src 'self'",
  // Tiptap and Solid set style attributes on elements; no inline <style> blocks are served.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** Adds the headers; HSTS only when served over https. */
export const securityHeaders = (): MiddlewareHandler<AppEnv> =>
  async function securityHeaders(c, next) {
    await next();
    c.header("Content-Security-Policy", csp);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (c.get("deps").config.secureCookies) {
      c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
  };
