/** Time as the bucket sees it: milliseconds, and a way to wait. */
export interface BucketTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTime: BucketTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: `take()` resolves when the caller may go, so calls never run faster than
 * `ratePerSecond` after an initial burst of `burst`. Callers waiting at once each reserve the
 * next token (the balance goes negative), so parallel records are spaced, not released together.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst = 1,
    private readonly time: BucketTime = realTime,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error('A token bucket needs rate > 0');
    this.tokens = burst;
    this.last = time.now();
  }

  /** Reserves one token and answers how long to wait for it, in milliseconds. */
  reserve(): number {
    const now = this.time.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.ratePerSecond) * 1000;
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.time.sleep(wait);
  }
}
