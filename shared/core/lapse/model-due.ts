import type { ModelPolicy } from './lapse-policy';
import { canHaveDropped, betaShift } from './log-likelihood';
import type { ModelParams } from './model-params';
import { expectedPurchases, pAlive, pPurchaseWithin, type Rfm } from './predictions';

/** The value a model policy watches for a customer observed for T days (params in days). */
export function criterionValue(policy: ModelPolicy, params: ModelParams, rfm: Rfm): number {
  switch (policy.criterion) {
    case 'p_alive':
      return pAlive(policy.kind, params, rfm);
    case 'p_purchase':
      return pPurchaseWithin(policy.kind, params, rfm, policy.horizonDays);
    case 'expected_purchases':
      return expectedPurchases(policy.kind, params, rfm, policy.horizonDays);
  }
}

/**
 * The first whole day T ≥ t_x (days since the first purchase) at which the criterion is below the
 * threshold, or null if that does not happen by `maxT`. The criterion only decreases in T for
 * fixed x and t_x (the posterior rate and the chance of being alive both fall), so this is a
 * search on a monotone function: closed form for P(alive), exponential then binary search else.
 */
export function modelDueOffset(
  policy: ModelPolicy,
  params: ModelParams,
  x: number,
  tx: number,
  maxT: number,
): number | null {
  const below = (T: number) => criterionValue(policy, params, { x, tx, T }) < policy.threshold;
  const start = Math.ceil(tx);
  if (policy.criterion === 'p_alive') {
    if (!canHaveDropped(policy.kind, x)) return null;
    // P(alive) < θ ⇔ (r+x)·ln((α+T)/(α+t_x)) > ln((1−θ)/θ) − ln(a/(β−1)).
    const { r, alpha, a, b } = params;
    const needed =
      Math.log((1 - policy.threshold) / policy.threshold) -
      Math.log(a / (b + x + betaShift(policy.kind) - 1));
    const boundary = (alpha + tx) * Math.exp(needed / (r + x)) - alpha;
    // Re-check around the boundary so rounding can never put the day on the wrong side.
    let T = Math.max(start, Math.floor(boundary));
    if (!Number.isFinite(T) || T > maxT) return null;
    while (T > start && below(T - 1)) T -= 1;
    while (!below(T)) {
      T += 1;
      if (T > maxT) return null;
    }
    return T;
  }
  if (below(start)) return start;
  let lo = start;
  let step = 1;
  let hi = start + step;
  while (!below(hi)) {
    lo = hi;
    if (hi >= maxT) return null;
    step *= 2;
    hi = Math.min(start + step, maxT);
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (below(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
