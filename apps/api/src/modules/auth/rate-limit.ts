/**
 * A fixed-window counter per key, kept in memory. An attempt is taken *before* the work it
 * guards, synchronously, so parallel requests cannot all pass the check before any is counted.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys kept at most; beyond it expired windows go first, then the oldest. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one attempt: 0 when allowed (and counted), else the seconds until the window ends (not counted). */
  take(key: string, now = Date.now()): number {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.prune(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    if (entry.count >= this.limit) return Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
    entry.count++;
    return 0;
  }

  /** Gives back an attempt that turned out not to be a guess (a successful login). */
  refund(key: string): void {
    const entry = this.hits.get(key);
    if (entry && entry.count > 0) entry.count--;
  }

  private prune(now: number) {
    if (this.hits.size < this.maxKeys) return;
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
    for (const k of this.hits.keys()) {
      if (this.hits.size < this.maxKeys) break;
      this.hits.delete(k);
    }
  }
}
