import { z } from 'zod';
import type { PurchaseAggregates } from '../aggregates';
import { CalendarDay } from '../time-zone';
import { dayNumber } from './day-number';
import type { Rfm } from './predictions';
import { DAYS_PER_UNIT, type TimeUnit } from './rfm-columns';

/** What the lapse policies need to know about one customer: a subset of the profile aggregates. */
export const CustomerHistory = z.strictObject({
  firstPurchaseDay: CalendarDay,
  lastPurchaseDay: CalendarDay,
  /** Distinct days with a purchase (≥ 1). */
  purchaseDays: z.number().int().min(1),
  /** Median gap between consecutive purchase days; null for a one-time buyer. */
  medianGapDays: z.number().positive().nullable(),
});
export type CustomerHistory = z.infer<typeof CustomerHistory>;

/** The history in a profile's aggregates, or null for a customer who has never bought. */
export function historyFromAggregates(aggregates: PurchaseAggregates): CustomerHistory | null {
  const { firstPurchaseDay, lastPurchaseDay, purchaseDays, gaps } = aggregates;
  if (firstPurchaseDay === null || lastPurchaseDay === null || purchaseDays < 1) return null;
  return {
    firstPurchaseDay,
    lastPurchaseDay,
    purchaseDays,
    medianGapDays: gaps.medianDays !== null && gaps.medianDays > 0 ? gaps.medianDays : null,
  };
}

/**
 * The BTYD summary of a history observed until the end of `asOf`: x = purchase days − 1,
 * t_x = first → last purchase, T = first purchase → asOf, in `unit`s. An `asOf` before the last
 * purchase is read as the last purchase day (a summary cannot forget purchases).
 */
export function rfmOf(history: CustomerHistory, asOf: CalendarDay, unit: TimeUnit): Rfm {
  const first = dayNumber(history.firstPurchaseDay);
  const tx = dayNumber(history.lastPurchaseDay) - first;
  const T = Math.max(dayNumber(asOf) - first, tx);
  const perUnit = DAYS_PER_UNIT[unit];
  return { x: history.purchaseDays - 1, tx: tx / perUnit, T: T / perUnit };
}
