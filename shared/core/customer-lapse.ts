import { z } from 'zod';
import type { PurchaseAggregates } from './aggregates';
import { historyFromAggregates } from './lapse/customer-history';
import { lapseDue } from './lapse/lapse-due';
import type { LapsePolicy } from './lapse/lapse-policy';
import type { ShopLapseModel } from './lapse/shop-lapse-model';
import { CalendarDay } from './time-zone';

/**
 * What the profile keeps about lapse: the due day and the rule that decided it. It depends only
 * on the purchases, the shop's policy and its fitted model — not on today — so it is written with
 * every order and indexed, and moves only when an order or a refit moves it.
 */
export const CustomerLapse = z.object({
  dueDay: CalendarDay.nullable(),
  policy: z.enum(['fixed_window', 'own_cadence', 'bg_nbd', 'mbg_nbd']),
  basis: z.enum(['fixed_window', 'own_cadence', 'shop_cadence', 'bg_nbd', 'mbg_nbd']),
});
export type CustomerLapse = z.infer<typeof CustomerLapse>;

/** The lapse of a customer with these aggregates; null for someone who has never bought. */
export function customerLapse(
  aggregates: PurchaseAggregates,
  policy: LapsePolicy,
  model: ShopLapseModel | null,
): CustomerLapse | null {
  const history = historyFromAggregates(aggregates);
  if (history === null) return null;
  const { dueDay, basis } = lapseDue(policy, history, model);
  return { dueDay, policy: policy.kind, basis };
}

export function sameLapse(a: CustomerLapse | null, b: CustomerLapse | null): boolean {
  return a?.dueDay === b?.dueDay && a?.basis === b?.basis && a?.policy === b?.policy;
}
