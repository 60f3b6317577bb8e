import { describe, expect, it } from 'vitest';
import { TokenBucket, type BucketTime } from '../../functions/runtime/token-bucket';

/** Simulated milliseconds: sleeping moves the clock, so waits are measured, not waited. */
function simulatedTime(): BucketTime & { advance(ms: number): void; slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
    },
    advance: (ms) => (now += ms),
    slept,
  };
}

describe('TokenBucket', () => {
  describe('spacing calls at the rate', () => {
    it('lets the first call go at once and spaces the next ones 1/rate apart', () => {
      const time = simulatedTime();
      const bucket = new TokenBucket(10, 1, time);
      expect([1, 2, 3, 4, 5].map(() => bucket.reserve())).toEqual([0, 100, 200, 300, 400]);
    });

    it('never lets a batch through faster than the rate, however many ask at once', async () => {
      const time = simulatedTime();
      const bucket = new TokenBucket(4, 1, time);
      await Promise.all(Array.from({ length: 10 }, () => bucket.take()));
      // The tenth call waits 9/4 s: ten calls span at least 2.25 s, i.e. 4 a second.
      expect(Math.max(...time.slept)).toBe(2250);
      expect(time.slept).toHaveLength(9);
    });
  });

  describe('refilling', () => {
    it('lets a call go at once again after an idle 1/rate', () => {
      const time = simulatedTime();
      const bucket = new TokenBucket(10, 1, time);
      expect(bucket.reserve()).toBe(0);
      time.advance(100);
      expect(bucket.reserve()).toBe(0);
    });

    it('saves up at most `burst` tokens while idle', () => {
      const time = simulatedTime();
      const bucket = new TokenBucket(10, 3, time);
      time.advance(60_000);
      expect([1, 2, 3, 4].map(() => bucket.reserve())).toEqual([0, 0, 0, 100]);
    });
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow();
  });
});
