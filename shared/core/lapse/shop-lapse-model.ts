import { z } from 'zod';
import { CalendarDay } from '../time-zone';
import { type CustomerHistory, rfmOf } from './customer-history';
import { fitModel } from './fit-model';
import { FitFailure, FittedModel, type FitResult } from './model-params';
import { compressPatterns } from './patterns';

/**
 * What a refit of the whole shop produces and stores: both fitted models (or why each failed) and
 * the shop's typical gap for the own-cadence policy. The order write reads this cached object;
 * it never refits.
 */
export const ShopLapseModel = z.strictObject({
  /** The last day of the data the models were fitted on. */
  fittedThrough: CalendarDay,
  customers: z.number().int().min(0),
  repeatCustomers: z.number().int().min(0),
  /** Median over repeat buyers of their median gap, in days; null with no repeat buyer. */
  typicalGapDays: z.number().positive().nullable(),
  bgNbd: FittedModel.nullable(),
  mbgNbd: FittedModel.nullable(),
  failures: z.array(FitFailure),
});
export type ShopLapseModel = z.infer<typeof ShopLapseModel>;

/** Fits both models in days on every customer's history observed until `asOf`. */
export function fitShopLapseModel(
  histories: readonly CustomerHistory[],
  asOf: CalendarDay,
): ShopLapseModel {
  const n = histories.length;
  const rfm = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n) };
  const gaps: number[] = [];
  histories.forEach((history, i) => {
    const { x, tx, T } = rfmOf(history, asOf, 'day');
    rfm.x[i] = x;
    rfm.tx[i] = tx;
    rfm.T[i] = T;
    if (history.medianGapDays !== null) gaps.push(history.medianGapDays);
  });
  const patterns = compressPatterns(rfm);
  const bg = fitModel('bg_nbd', patterns, 'day');
  // MBG/NBD's maximum is usually close to BG/NBD's: starting there saves iterations.
  const mbg = fitModel('mbg_nbd', patterns, 'day', bg.converged ? { start: bg.params } : {});
  return {
    fittedThrough: asOf,
    customers: n,
    repeatCustomers: gaps.length,
    typicalGapDays: gaps.length === 0 ? null : medianOf(gaps),
    bgNbd: fitted(bg),
    mbgNbd: fitted(mbg),
    failures: [bg, mbg].filter((result): result is FitFailure => !result.converged),
  };
}

function fitted(result: FitResult): FittedModel | null {
  if (!result.converged) return null;
  const { converged: _, ...model } = result;
  return model;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
