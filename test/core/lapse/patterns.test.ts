import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logLikelihood } from '../../../shared/core/lapse/log-likelihood';
import { compressPatterns } from '../../../shared/core/lapse/patterns';

const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 6 }),
    tx: fc.integer({ min: 0, max: 10 }),
    extra: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ x, tx, extra }) => ({ x, tx: x === 0 ? 0 : tx, T: (x === 0 ? 0 : tx) + extra }));

describe('compressPatterns', () => {
  it('keeps every customer, once, in a pattern with their own (x, t_x, T)', () => {
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 200 }), (customers) => {
        const set = compressPatterns({
          x: Float64Array.from(customers, (c) => c.x),
          tx: Float64Array.from(customers, (c) => c.tx),
          T: Float64Array.from(customers, (c) => c.T),
        });
        expect(set.customers).toBe(customers.length);
        expect(set.size).toBe(new Set(customers.map((c) => `${c.x}/${c.tx}/${c.T}`)).size);
        customers.forEach((c, i) => {
          const p = set.patternOf[i] as number;
          expect([
            set.xs[set.xIndex[p] as number],
            set.txs[set.txIndex[p] as number],
            set.ts[set.tIndex[p] as number],
          ]).toEqual([c.x, c.tx, c.T]);
        });
      }),
    );
  });

  it('leaves the log-likelihood unchanged', () => {
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 100 }), (customers) => {
        const columns = {
          x: Float64Array.from(customers, (c) => c.x),
          tx: Float64Array.from(customers, (c) => c.tx),
          T: Float64Array.from(customers, (c) => c.T),
        };
        const compressed = compressPatterns(columns);
        // One pattern per customer: give every row a unique T offset that is then removed.
        const one = (i: number) =>
          compressPatterns({
            x: columns.x.slice(i, i + 1),
            tx: columns.tx.slice(i, i + 1),
            T: columns.T.slice(i, i + 1),
          });
        const params = { r: 0.3, alpha: 5, a: 0.8, b: 2.4 };
        for (const model of ['bg_nbd', 'mbg_nbd'] as const) {
          const sum = customers.reduce(
            (total, _, i) => total + logLikelihood(model, params, one(i)),
            0,
          );
          expect(logLikelihood(model, params, compressed)).toBeCloseTo(sum, 8);
        }
      }),
      { numRuns: 30 },
    );
  });
});
