/**
 * Where the login page sends someone once they are in: back to the page they were on when their
 * session ended, or that a link took them to while logged out. Only a path of this app is taken
 * (`/…`, never `//host`, a backslash or a scheme), so a crafted link cannot send anyone elsewhere.
 */

/** The login page's query parameter that names the page to go back to. */
export const returnParam = "terug";

/** The path to go back to, or undefined when `value` is not a safe path of this app. */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2000) return undefined;
  if (!value.startsWith("/") || value.startsWith("//")) return undefined;
  // Only the characters a URL's path and query keep unencoded: no backslash (browsers read "/\host"
  // as another host), no spaces or control characters.
  if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/.test(value)) return undefined;
  // The login pages themselves are no place to go back to.
  if (/^\/inloggen(?:[/?#]|$)/.test(value)) return undefined;
  return value;
}

/** The login page's address, naming `returnTo` unless it is where a login lands anyway (the cases). */
export function loginHref(returnTo?: string): string {
  const path = safeReturnPath(returnTo);
  return path && path !== "/" && path !== "/casussen"
    ? `/inloggen?${returnParam}=${encodeURIComponent(path)}`
    : "/inloggen";
}

/** `base` (a login step's address) with the page to go back to carried along. */
export function withReturn(base: string, returnTo: string | undefined): string {
  const path = safeReturnPath(returnTo);
  return path ? `${base}?${returnParam}=${encodeURIComponent(path)}` : base;
}
