import { z } from 'zod';

/** The unit of t_x, T and of the fitted α: days for a shop, weeks for the published CDNOW values. */
export const TimeUnit = z.enum(['day', 'week']);
export type TimeUnit = z.infer<typeof TimeUnit>;

/** Days in one unit. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/**
 * Per-customer BTYD summaries as columns (typed arrays for the hot paths): frequency x = distinct
 * purchase days − 1, recency t_x = first → last purchase, T = first purchase → end of observation.
 * `weight`, when present, counts how many customers each row stands for.
 */
export interface RfmColumns {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight?: Float64Array;
}
