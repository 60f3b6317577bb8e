import { betaShift, canHaveDropped } from './log-likelihood';
import type { LapseModelKind, ModelParams } from './model-params';
import type { RfmColumns } from './rfm-columns';

export interface BatchPredictions {
  readonly pAlive: Float64Array;
  readonly expected: Float64Array;
}

const TOLERANCE = 1e-13;
const MAX_TERMS = 100_000;
const CACHE_SIZE = 1 << 14;

/**
 * P(alive) and expected purchases in the next `horizon` for many customers at once: the same
 * numbers as `pAlive` and `expectedPurchases` (see expected-if-alive.ts for the series), but the
 * series coefficients (A)_n (a)_{n−1} / ((C)_n n!) depend only on x, so they are computed once per
 * distinct x, and the whole "expected if alive" factor depends only on (x, T), so it is kept in a
 * small direct-mapped cache: day-valued data has a few thousand distinct (x, T) pairs at most.
 */
export function predictBatch(
  model: LapseModelKind,
  params: ModelParams,
  rfm: RfmColumns,
  horizon: number,
): BatchPredictions {
  const { r, alpha, a, b } = params;
  const shift = betaShift(model);
  const dropsAtFirst = canHaveDropped(model, 0);
  const n = rfm.x.length;
  const pAliveOut = new Float64Array(n);
  const expected = new Float64Array(n);
  const bm1 = a - 1;
  const coefficients = new Map<number, Float64Array>();
  const coefficientsFor = (x: number, needed: number): Float64Array => {
    let c = coefficients.get(x);
    if (c === undefined || c.length < needed) {
      const C = a + b + x + shift - 1;
      const A = C - r - x;
      const length = Math.min(MAX_TERMS, Math.max(64, needed * 2));
      c = new Float64Array(length);
      let term = A / C;
      c[0] = term;
      for (let k = 1; k < length; k += 1) {
        term *= ((A + k) * (a + k - 1)) / ((C + k) * (k + 1));
        c[k] = term;
      }
      coefficients.set(x, c);
    }
    return c;
  };
  const ifAlive = (x: number, T: number): number => {
    const s = alpha + T;
    const z = horizon / (s + horizon);
    const logOneMinusZ = -Math.log1p(horizon / s);
    const power = Math.exp(bm1 * logOneMinusZ);
    const head = bm1 === 0 ? -logOneMinusZ : -Math.expm1(bm1 * logOneMinusZ) / bm1;
    // Terms needed for the tolerance, from the geometric rate z (the coefficients do not grow faster
    // than polynomially); the loop below still stops early once terms are negligible.
    const needed = Math.ceil(Math.log(TOLERANCE) / Math.log(z)) + 8;
    const c = coefficientsFor(x, needed);
    let zn = z;
    let sum = 0;
    const limit = Math.min(c.length, needed);
    for (let k = 0; k < limit; k += 1) {
      sum += (c[k] as number) * zn;
      zn *= z;
    }
    const value = (a + b + x + shift - 1) * (head - power * sum);
    return value > 0 ? value : 0;
  };
  const cacheX = new Float64Array(CACHE_SIZE).fill(Number.NaN);
  const cacheT = new Float64Array(CACHE_SIZE);
  const cacheValue = new Float64Array(CACHE_SIZE);
  for (let i = 0; i < n; i += 1) {
    const x = rfm.x[i] as number;
    const tx = rfm.tx[i] as number;
    const T = rfm.T[i] as number;
    // Math.pow is the fastest exact-enough form here; an overflow to ∞ correctly gives P(alive) = 0.
    const alive =
      dropsAtFirst || x > 0
        ? 1 / (1 + (a / (b + x + shift - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x))
        : 1;
    pAliveOut[i] = alive;
    const slot =
      (Math.imul(x | 0, 0x9e3779b1) ^ Math.imul((T * 64) | 0, 0x85ebca6b)) & (CACHE_SIZE - 1);
    let value: number;
    if (cacheX[slot] === x && cacheT[slot] === T) {
      value = cacheValue[slot] as number;
    } else {
      value = ifAlive(x, T);
      cacheX[slot] = x;
      cacheT[slot] = T;
      cacheValue[slot] = value;
    }
    expected[i] = alive * value;
  }
  return { pAlive: pAliveOut, expected };
}
