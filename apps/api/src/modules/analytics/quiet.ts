/**
 * Whether the questions answered here have left the process quiet. Work done for later questions
 * (reading a country-wide slice, ADR 0008) waits for a pause rather than slowing the questions
 * being answered: on two cores a read beside a burst of new questions doubled their latency.
 * A server never quiet still gets its reads, after `longestWaitMs`.
 */
export class Quiet {
  private busy = 0;
  private lastEnd = Number.NEGATIVE_INFINITY;

  constructor(
    readonly quietMs = 20,
    readonly longestWaitMs = 2_000,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Runs a question, counted as busy until it ends. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.lastEnd = this.now();
    }
  }

  /** Resolves once no question has run for `quietMs`, or `longestWaitMs` from now, whichever comes first. */
  async wait(): Promise<void> {
    const start = this.now();
    for (;;) {
      const t = this.now();
      if ((this.busy === 0 && t - this.lastEnd >= this.quietMs) || t - start >= this.longestWaitMs) return;
      await this.sleep(this.quietMs);
    }
  }
}
