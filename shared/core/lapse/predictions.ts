import { expectedIfAlive } from './expected-if-alive';
import { betaShift, canHaveDropped } from './log-likelihood';
import type { LapseModelKind, ModelParams } from './model-params';

/** One customer's summary in the model's unit: x repeat purchase days, t_x, T. */
export interface Rfm {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/**
 * P(alive at T | x, t_x, T) = 1 / (1 + [dropped] · a/(β−1) · ((α+T)/(α+t_x))^(r+x)), computed as
 * a logistic of a log-odds so that it is exact for any x and never NaN (T = t_x = 0 gives the
 * prior chance of having not dropped out).
 */
export function pAlive(model: LapseModelKind, params: ModelParams, { x, tx, T }: Rfm): number {
  if (!canHaveDropped(model, x)) return 1;
  const { r, alpha, a, b } = params;
  const beta = b + x + betaShift(model);
  const logOdds = Math.log(a / (beta - 1)) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * P(at least one purchase in (T, T + h]) = P(alive) · (1 − ((α+T)/(α+T+h))^(r+x)): dropping out
 * only happens right after a purchase, so an alive customer's first future purchase is Poisson.
 */
export function pPurchaseWithin(
  model: LapseModelKind,
  params: ModelParams,
  rfm: Rfm,
  horizon: number,
): number {
  const rho = params.r + rfm.x;
  return (
    pAlive(model, params, rfm) * -Math.expm1(-rho * Math.log1p(horizon / (params.alpha + rfm.T)))
  );
}

/** Expected number of purchase days in (T, T + t], conditional on the customer's history. */
export function expectedPurchases(
  model: LapseModelKind,
  params: ModelParams,
  rfm: Rfm,
  t: number,
): number {
  const { r, alpha, a, b } = params;
  const beta = b + rfm.x + betaShift(model);
  return pAlive(model, params, rfm) * expectedIfAlive(r + rfm.x, alpha + rfm.T, a, beta, t);
}
