/**
 * Whether a browser request comes from our own origin: the one check behind the CSRF middleware,
 * the Yjs upgrade and the Socket.IO handshake (a cookie rides along on a cross-site request, a
 * WebSocket included). With `PUBLIC_ORIGIN` set (required in production) only that exact origin,
 * scheme and port included, is ours; without it (development, the demo) an Origin whose host is the
 * request's Host.
 */

/** `origin`: the request's Origin header (absent: no browser, nothing ambient to abuse). */
export function isOwnOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicOrigin: string | undefined,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin) return parsed.origin === new URL(publicOrigin).origin;
  return host !== undefined && parsed.host === host;
}
