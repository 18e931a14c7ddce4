/** Close codes of the Yjs WebSocket endpoint (4000–4999 are the application's own). */
export const closeCodes = {
  /** The server is shutting down; reconnect later. */
  goingAway: 1001,
  /** ws closes a frame over `maxPayload` with 1009 itself; kept here so clients can name it. */
  messageTooBig: 1009,
  /** The session ended or expired: log in again. */
  sessionEnded: 4401,
  /** A frame that does not decode as the y-websocket protocol. */
  malformed: 4400,
  /**
   * Your rights on the section changed (a new role): reconnect, and the new connection has them.
   * Outside 4400–4499, so the provider reconnects by itself (as HTTP 205, "reset content").
   */
  rightsChanged: 4205,
  /** Access to the section was withdrawn (member removed, account disabled). */
  accessRevoked: 4403,
  /** A message that is too large or carries too many awareness clients. */
  tooLarge: 4413,
  /** The database could not store an update; nothing was acknowledged, reconnect to resend. */
  storageUnavailable: 4503,
} as const;

/** One of the close codes above. */
export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];
