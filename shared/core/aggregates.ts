import { z } from 'zod';
import { Money, type CurrencyCode } from './money';
import { countsAsPurchase, type Order } from './order';
import { CalendarDay, daysBetween } from './time-zone';

/** The profile keeps only the most recent gaps, so the item stays small however loyal the buyer. */
export const RECENT_GAPS_KEPT = 12;

export const GapSummary = z.object({
  /** Gaps between consecutive distinct purchase days. */
  count: z.number().int().min(0),
  meanDays: z.number().nullable(),
  medianDays: z.number().nullable(),
  minDays: z.number().int().nullable(),
  maxDays: z.number().int().nullable(),
  /** The last gaps in days, oldest first, at most RECENT_GAPS_KEPT. */
  recentDays: z.array(z.number().int()),
});
export type GapSummary = z.infer<typeof GapSummary>;

export const PurchaseAggregates = z.object({
  orderCount: z.number().int().min(0),
  totalSpent: Money,
  /** Distinct days with a counted purchase: BTYD frequency is this minus one. */
  purchaseDays: z.number().int().min(0),
  firstPurchaseDay: CalendarDay.nullable(),
  lastPurchaseDay: CalendarDay.nullable(),
  lastOrderAt: z.string().nullable(),
  gaps: GapSummary,
});
export type PurchaseAggregates = z.infer<typeof PurchaseAggregates>;

export function emptyAggregates(currency: CurrencyCode): PurchaseAggregates {
  return summarizePurchases([], currency);
}

/**
 * Aggregates recomputed from every order of the customer, so a cancellation or return leaves them
 * exactly as if that order had never counted. Only counted orders in the shop's currency add to
 * the total (a currency change does not convert history).
 */
export function summarizePurchases(
  orders: readonly Order[],
  currency: CurrencyCode,
): PurchaseAggregates {
  const counted = orders.filter(countsAsPurchase);
  const days = [...new Set(counted.map((order) => order.purchaseDay))].sort();
  const gaps = days.slice(1).map((day, index) => daysBetween(days[index] as string, day));
  const lastOrderAt = counted.reduce<string | null>(
    (latest, order) => (latest === null || order.placedAt > latest ? order.placedAt : latest),
    null,
  );
  return {
    orderCount: counted.length,
    totalSpent: {
      amount: counted
        .filter((order) => order.total.currency === currency)
        .reduce((sum, order) => sum + order.total.amount, 0),
      currency,
    },
    purchaseDays: days.length,
    firstPurchaseDay: days[0] ?? null,
    lastPurchaseDay: days.at(-1) ?? null,
    lastOrderAt,
    gaps: summarizeGaps(gaps),
  };
}

function summarizeGaps(gaps: readonly number[]): GapSummary {
  if (gaps.length === 0) {
    return {
      count: 0,
      meanDays: null,
      medianDays: null,
      minDays: null,
      maxDays: null,
      recentDays: [],
    };
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    count: gaps.length,
    meanDays: gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length,
    medianDays: median,
    minDays: sorted[0] as number,
    maxDays: sorted.at(-1) as number,
    recentDays: gaps.slice(-RECENT_GAPS_KEPT),
  };
}
