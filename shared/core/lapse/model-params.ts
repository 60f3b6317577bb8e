import { z } from 'zod';
import { TimeUnit } from './rfm-columns';

/**
 * The two buy-till-you-die models. Both: while alive a customer buys at a Poisson rate λ, with
 * λ ~ Gamma(r, α) across customers, and may drop out for good with probability p, p ~ Beta(a, b).
 * BG/NBD (Fader, Hardie & Lee 2005) lets the customer drop out only after a repeat purchase, so a
 * one-time buyer is certainly alive; MBG/NBD (Batislam, Denizel & Filiztekin 2007) also after the
 * first purchase, so a one-time buyer's chance of being alive falls as time passes.
 */
export const LapseModelKind = z.enum(['bg_nbd', 'mbg_nbd']);
export type LapseModelKind = z.infer<typeof LapseModelKind>;

const positive = z.number().positive().finite();

/** Parameters of either model; α is in `unit`s (α in days = 7 × α in weeks; r, a, b have no unit). */
export const ModelParams = z.strictObject({
  r: positive,
  alpha: positive,
  a: positive,
  b: positive,
});
export type ModelParams = z.infer<typeof ModelParams>;

/** A successful maximum-likelihood fit, as stored on the shop and used for every order. */
export const FittedModel = z.strictObject({
  model: LapseModelKind,
  unit: TimeUnit,
  params: ModelParams,
  logLikelihood: z.number().finite(),
  customers: z.number().int().min(0),
  iterations: z.number().int().min(0),
});
export type FittedModel = z.infer<typeof FittedModel>;

/** Why a fit produced no usable parameters. */
export const FitFailure = z.strictObject({
  model: LapseModelKind,
  converged: z.literal(false),
  reason: z.enum([
    'no_data',
    'no_repeat_buyers',
    'max_iterations',
    'line_search_failed',
    'not_finite_at_start',
    'at_bound',
  ]),
  detail: z.string(),
});
export type FitFailure = z.infer<typeof FitFailure>;

export type FitResult = ({ readonly converged: true } & FittedModel) | FitFailure;

/** The same parameters with α expressed in another unit. */
export function paramsInUnit(
  fitted: Pick<FittedModel, 'params' | 'unit'>,
  unit: TimeUnit,
): ModelParams {
  const factor = { day: 1, week: 7 }[fitted.unit] / { day: 1, week: 7 }[unit];
  return { ...fitted.params, alpha: fitted.params.alpha * factor };
}
