/**
 * A cap on the open connections of one session (Yjs sections, Socket.IO sockets). Every connection
 * loads documents and state and writes audit entries: a runaway client or a stolen session must not
 * be able to open them without end. Counted per session, not per user, so that someone's second
 * device is not blocked by the first.
 */

/** The answer to `take`: a slot to give back when the connection ends, or a refusal. */
export type SessionSlot =
  | { ok: true; release: () => void }
  /** `first`: the first refusal since the session was last below the cap (one log line, not one per retry). */
  | { ok: false; first: boolean };

/** Open connections per session id, up to `max` each. */
export class SessionLimit {
  private readonly open = new Map<string, number>();
  /** Sessions refused since they were last below the cap. */
  private readonly refused = new Set<string>();

  constructor(readonly max: number) {}

  /**
   * Takes a slot for the session when it has fewer than `max`. Synchronous, so connections that are
   * admitted in the same turn of the event loop are counted one after the other and cannot all pass.
   * The release may be called any number of times; it gives the slot back once.
   */
  take(sessionId: string): SessionSlot {
    const count = this.open.get(sessionId) ?? 0;
    if (count >= this.max) {
      const first = !this.refused.has(sessionId);
      this.refused.add(sessionId);
      return { ok: false, first };
    }
    this.open.set(sessionId, count + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.open.get(sessionId) ?? 1) - 1;
        if (left > 0) this.open.set(sessionId, left);
        else this.open.delete(sessionId);
        this.refused.delete(sessionId);
      },
    };
  }
}
