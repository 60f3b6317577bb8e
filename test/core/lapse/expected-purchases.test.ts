import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictBatch } from '../../../shared/core/lapse/batch-predictions';
import type { LapseModelKind, ModelParams } from '../../../shared/core/lapse/model-params';
import { expectedPurchases, pAlive, type Rfm } from '../../../shared/core/lapse/predictions';
import { logGamma } from '../../../shared/core/lapse/special-functions';

const CDNOW: ModelParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * The same expectation by brute force, with no hypergeometric function: P(alive) times
 * ∫ Beta(p; a, β) · (1 − (s/(s + p t))^ρ) / p dp, by tanh-sinh quadrature, which copes with the
 * p^(a−1) and (1−p)^(β−1) end-point singularities and with the mass piling up near p = 0 for large x.
 */
function expectedByQuadrature(
  model: LapseModelKind,
  params: ModelParams,
  rfm: Rfm,
  t: number,
): number {
  const { r, alpha, a, b } = params;
  const beta = b + rfm.x + (model === 'mbg_nbd' ? 1 : 0);
  const rho = r + rfm.x;
  const s = alpha + rfm.T;
  const logBeta = logGamma(a) + logGamma(beta) - logGamma(a + beta);
  const h = 1 / 256;
  let sum = 0;
  for (let u = -8; u <= 8; u += h) {
    const w = Math.PI * Math.sinh(u);
    const logP = -Math.log1p(Math.exp(-w));
    const logQ = -Math.log1p(Math.exp(w));
    const p = Math.exp(logP);
    const g = -Math.expm1(-rho * Math.log1p((p * t) / s)) / p;
    // Beta density × dp/du, with dp/du = p(1 − p) π cosh u.
    const weight = Math.exp(a * logP + beta * logQ - logBeta) * Math.PI * Math.cosh(u);
    if (weight > 0) sum += weight * g;
  }
  return pAlive(model, params, rfm) * sum * h;
}

describe('expectedPurchases', () => {
  describe('frequent buyers, where the textbook ₂F₁ overflows', () => {
    for (const x of [100, 500, 5000]) {
      it(`is finite and agrees with direct integration for x = ${x}`, () => {
        for (const rfm of [
          { x, tx: 38.5, T: 38.86 },
          { x, tx: 20, T: 38.86 },
        ]) {
          const value = expectedPurchases('bg_nbd', CDNOW, rfm, 39);
          expect(Number.isFinite(value)).toBe(true);
          // Never more than an alive customer buying at the posterior mean rate for all 39 weeks.
          expect(value).toBeLessThanOrEqual(((CDNOW.r + x) / (CDNOW.alpha + rfm.T)) * 39);
          const reference = expectedByQuadrature('bg_nbd', CDNOW, rfm, 39);
          expect(Math.abs(value - reference)).toBeLessThan(
            1e-6 * Math.max(reference, 1e-300) + 1e-300,
          );
        }
      });
    }

    it('is about rate × time × survival for a buyer of 500 days who bought yesterday', () => {
      const value = expectedPurchases('bg_nbd', CDNOW, { x: 500, tx: 38.86 - 1 / 7, T: 38.86 }, 39);
      expect(value).toBeGreaterThan(100);
      expect(value).toBeLessThan(((CDNOW.r + 500) / (CDNOW.alpha + 38.86)) * 39);
    });
  });

  describe('agreement with direct integration', () => {
    it('holds across models, histories, horizons and parameters', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<LapseModelKind>('bg_nbd', 'mbg_nbd'),
          fc.record({
            r: fc.double({ min: 0.05, max: 5, noNaN: true }),
            alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
            a: fc.double({ min: 0.1, max: 5, noNaN: true }),
            b: fc.double({ min: 0.2, max: 10, noNaN: true }),
          }),
          fc.integer({ min: 0, max: 40 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0.01, max: 60, noNaN: true }),
          fc.double({ min: 0.5, max: 100, noNaN: true }),
          (model, params, x, recencyShare, T, t) => {
            const rfm = { x, tx: x === 0 ? 0 : recencyShare * T, T };
            const value = expectedPurchases(model, params, rfm, t);
            const reference = expectedByQuadrature(model, params, rfm, t);
            expect(Math.abs(value - reference)).toBeLessThan(1e-6 * reference + 1e-12);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('has no singularity at a = 1', () => {
      const rfm = { x: 3, tx: 20, T: 30 };
      const at1 = expectedPurchases('bg_nbd', { ...CDNOW, a: 1 }, rfm, 39);
      const near = expectedPurchases('bg_nbd', { ...CDNOW, a: 1 + 1e-9 }, rfm, 39);
      expect(Number.isFinite(at1)).toBe(true);
      expect(Math.abs(at1 - near)).toBeLessThan(1e-6);
      expect(
        Math.abs(at1 - expectedByQuadrature('bg_nbd', { ...CDNOW, a: 1 }, rfm, 39)),
      ).toBeLessThan(1e-6);
    });

    it('is finite when T is near zero', () => {
      for (const model of ['bg_nbd', 'mbg_nbd'] as const) {
        const value = expectedPurchases(model, CDNOW, { x: 0, tx: 0, T: 1e-12 }, 39);
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThan(0);
      }
    });
  });

  describe('predictBatch', () => {
    it('gives the same numbers as the one-customer functions', () => {
      const n = 2000;
      const x = new Float64Array(n);
      const tx = new Float64Array(n);
      const T = new Float64Array(n);
      for (let i = 0; i < n; i += 1) {
        x[i] = i % 7 === 0 ? 0 : (i * 7919) % 600;
        T[i] = 0.5 + ((i * 104729) % 400) / 10;
        tx[i] = x[i] === 0 ? 0 : ((T[i] as number) * ((i * 31) % 100)) / 100;
      }
      for (const model of ['bg_nbd', 'mbg_nbd'] as const) {
        const batch = predictBatch(model, CDNOW, { x, tx, T }, 39);
        for (let i = 0; i < n; i += 1) {
          const rfm = { x: x[i] as number, tx: tx[i] as number, T: T[i] as number };
          expect(batch.pAlive[i]).toBeCloseTo(pAlive(model, CDNOW, rfm), 12);
          const e = expectedPurchases(model, CDNOW, rfm, 39);
          expect(Math.abs((batch.expected[i] as number) - e)).toBeLessThan(1e-10 * Math.max(1, e));
        }
      }
    });
  });
});
