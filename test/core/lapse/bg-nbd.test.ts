import { describe, expect, it } from 'vitest';
import { fitModel } from '../../../shared/core/lapse/fit-model';
import { logLikelihood } from '../../../shared/core/lapse/log-likelihood';
import type { LapseModelKind, ModelParams } from '../../../shared/core/lapse/model-params';
import { compressPatterns, type PatternSet } from '../../../shared/core/lapse/patterns';
import { expectedPurchases, pAlive } from '../../../shared/core/lapse/predictions';
import { cdnowSummary } from '../../helpers/cdnow';

function cdnowPatterns(): PatternSet {
  const rows = cdnowSummary();
  return compressPatterns({
    x: Float64Array.from(rows, (row) => row.frequency),
    tx: Float64Array.from(rows, (row) => row.recency),
    T: Float64Array.from(rows, (row) => row.T),
  });
}

function patternsOf(rows: readonly (readonly [number, number, number])[]): PatternSet {
  return compressPatterns({
    x: Float64Array.from(rows, (row) => row[0]),
    tx: Float64Array.from(rows, (row) => row[1]),
    T: Float64Array.from(rows, (row) => row[2]),
  });
}

const MODELS: readonly LapseModelKind[] = ['bg_nbd', 'mbg_nbd'];

describe('BG/NBD on the CDNOW summary (Fader, Hardie & Lee 2005)', () => {
  const fit = fitModel('bg_nbd', cdnowPatterns(), 'week');

  it('gives the published parameters and log-likelihood to the printed digits', () => {
    expect(fit.converged).toBe(true);
    if (!fit.converged) return;
    expect(fit.params.r.toFixed(3)).toBe('0.243');
    expect(fit.params.alpha.toFixed(3)).toBe('4.414');
    expect(fit.params.a.toFixed(3)).toBe('0.793');
    expect(fit.params.b.toFixed(3)).toBe('2.426');
    expect(fit.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(fit.customers).toBe(2357);
  });

  it('expects 1.226 purchases from customer 1 in the next 39 weeks', () => {
    if (!fit.converged) throw new Error('fit failed');
    const customer1 = { x: 2, tx: 30.43, T: 38.86 };
    expect(expectedPurchases('bg_nbd', fit.params, customer1, 39).toFixed(3)).toBe('1.226');
    expect(pAlive('bg_nbd', fit.params, customer1)).toBeCloseTo(0.7266, 3);
  });
});

describe('MBG/NBD on the CDNOW summary', () => {
  it('converges to a stationary point close to BG/NBD in fit', () => {
    const data = cdnowPatterns();
    const fit = fitModel('mbg_nbd', data, 'week');
    expect(fit.converged).toBe(true);
    if (!fit.converged) return;
    // The values lifetimes' ModifiedBetaGeoFitter reaches on the same file.
    expect(fit.params.r).toBeCloseTo(0.525, 3);
    expect(fit.params.alpha).toBeCloseTo(6.183, 3);
    expect(fit.params.a).toBeCloseTo(0.891, 3);
    expect(fit.params.b).toBeCloseTo(1.614, 3);
    expect(Math.abs(fit.logLikelihood + 9582.4)).toBeLessThan(1);
  });

  it('lets a one-time buyer lapse: P(alive) falls with time, unlike BG/NBD', () => {
    const params: ModelParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    const early = pAlive('mbg_nbd', params, { x: 0, tx: 0, T: 1 });
    const late = pAlive('mbg_nbd', params, { x: 0, tx: 0, T: 100 });
    expect(late).toBeLessThan(early);
    expect(early).toBeLessThan(1);
    expect(pAlive('bg_nbd', params, { x: 0, tx: 0, T: 100 })).toBe(1);
  });
});

describe('logLikelihood gradient', () => {
  const points: readonly ModelParams[] = [
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    { r: 2.5, alpha: 0.3, a: 3.1, b: 0.6 },
    { r: 0.01, alpha: 80, a: 0.05, b: 25 },
  ];
  const datasets: Record<string, PatternSet> = {
    cdnow: cdnowPatterns(),
    extremes: patternsOf([
      [0, 0, 0],
      [0, 0, 1e-9],
      [500, 38, 38.86],
      [500, 1e-6, 1e-6],
      [5000, 10, 39],
      [1, 0.5, 100],
    ]),
  };

  for (const model of MODELS) {
    for (const [name, data] of Object.entries(datasets)) {
      it(`matches central finite differences (${model}, ${name} data)`, () => {
        for (const params of points) {
          const gradient = new Float64Array(4);
          logLikelihood(model, params, data, gradient);
          const keys = ['r', 'alpha', 'a', 'b'] as const;
          keys.forEach((key, i) => {
            const h = 1e-6;
            const up = logLikelihood(model, { ...params, [key]: params[key] * Math.exp(h) }, data);
            const down = logLikelihood(
              model,
              { ...params, [key]: params[key] * Math.exp(-h) },
              data,
            );
            const numeric = (up - down) / (2 * h);
            expect(Math.abs((gradient[i] as number) - numeric)).toBeLessThan(
              1e-5 * Math.max(1, Math.abs(numeric)),
            );
          });
        }
      });
    }
  }
});

describe('numerical edge cases', () => {
  for (const model of MODELS) {
    it(`stays finite for x = 500, 5,000 and T near 0 (${model})`, () => {
      const data = patternsOf([
        [500, 38, 38.86],
        [5000, 38.8, 38.86],
        [0, 0, 1e-12],
        [3, 1e-9, 1e-9],
      ]);
      const params: ModelParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
      const gradient = new Float64Array(4);
      expect(Number.isFinite(logLikelihood(model, params, data, gradient))).toBe(true);
      expect(gradient.every(Number.isFinite)).toBe(true);
      for (const rfm of [
        { x: 500, tx: 38, T: 38.86 },
        { x: 500, tx: 1e-9, T: 1e-9 },
        { x: 0, tx: 0, T: 0 },
        { x: 5000, tx: 0, T: 1e6 },
      ]) {
        const p = pAlive(model, params, rfm);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(Number.isFinite(expectedPurchases(model, params, rfm, 39))).toBe(true);
      }
    });
  }
});

describe('fitModel failures', () => {
  it('refuses to fit when nobody bought twice', () => {
    const fit = fitModel(
      'bg_nbd',
      patternsOf([
        [0, 0, 30],
        [0, 0, 10],
      ]),
      'week',
    );
    expect(fit).toMatchObject({ converged: false, reason: 'no_repeat_buyers' });
  });

  it('refuses to fit an empty shop', () => {
    expect(fitModel('mbg_nbd', patternsOf([]), 'day')).toMatchObject({
      converged: false,
      reason: 'no_data',
    });
  });

  it('says it did not converge instead of returning parameters when the data do not identify the model', () => {
    // Everyone buys like clockwork and is still buying at T: nobody ever drops out, so p → 0
    // (a → 0 or b → ∞) and the maximum lies on the edge of the parameter box.
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 200; i += 1) rows.push([10 + (i % 5), 39.5, 40]);
    const fit = fitModel('bg_nbd', patternsOf(rows), 'week');
    expect(fit.converged).toBe(false);
    expect(fit).not.toHaveProperty('params');
  });

  it('says so when it runs out of iterations', () => {
    const fit = fitModel('bg_nbd', cdnowPatterns(), 'week', { maxIterations: 2 });
    expect(fit).toMatchObject({ converged: false, reason: 'max_iterations' });
  });
});
