/** A fixed-window counter per key, in memory (one process serves a region). */

/** Counts attempts per key; `hit` says whether the key is over its limit and for how long. */
export class RateLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records one attempt at `now`; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      this.sweep(now);
      return 0;
    }
    w.count++;
    return w.count > this.limit ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  /** Whether the key is already over its limit, without counting. */
  blocked(key: string, now: number): number {
    const w = this.windows.get(key);
    return w && w.resetAt > now && w.count >= this.limit ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  /** Forgets a key (after a successful login). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
