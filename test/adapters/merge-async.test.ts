import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeAsync } from '../../shared/adapters/merge-async';

async function* slowly<T>(values: readonly T[], delays: readonly number[]): AsyncGenerator<T> {
  for (const [index, value] of values.entries()) {
    await new Promise((resolve) => setTimeout(resolve, delays[index % delays.length] ?? 0));
    yield value;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

describe('mergeAsync', () => {
  it('yields every value of every source exactly once, each source in its own order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer(), { maxLength: 8 }), { maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        async (lists, delays) => {
          const sources = lists.map((list, source) =>
            slowly(
              list.map((value) => ({ source, value })),
              delays,
            ),
          );
          const merged = await collect(mergeAsync(sources));
          expect(merged).toHaveLength(lists.flat().length);
          lists.forEach((list, source) =>
            expect(
              merged.filter((item) => item.source === source).map((item) => item.value),
            ).toEqual(list),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fails when a source fails, and stops the other sources', async () => {
    let finished = false;
    async function* endless() {
      try {
        for (;;) yield await new Promise<number>((resolve) => setTimeout(() => resolve(1), 1));
      } finally {
        finished = true;
      }
    }
    async function* failing(): AsyncGenerator<number> {
      yield await new Promise<number>((resolve) => setTimeout(() => resolve(2), 5));
      throw new Error('segment failed');
    }
    await expect(collect(mergeAsync([endless(), failing()]))).rejects.toThrow('segment failed');
    expect(finished).toBe(true);
  });
});
