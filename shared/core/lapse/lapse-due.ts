import type { CalendarDay } from '../time-zone';
import type { CustomerHistory } from './customer-history';
import { calendarDay, dayNumber } from './day-number';
import type { LapsePolicy } from './lapse-policy';
import { type LapseBasis, resolveLapseRule } from './lapse-rule';
import { modelDueOffset } from './model-due';
import type { ShopLapseModel } from './shop-lapse-model';

// Without a cap, "never due" is searched no further than this many days after the last order.
const SEARCH_LIMIT_DAYS = 36_500;

export interface LapseDue {
  /** The first day on which the customer counts as lapsed; null: never (under this policy). */
  readonly dueDay: CalendarDay | null;
  readonly basis: LapseBasis;
}

/**
 * The day a customer becomes due for win-back. It depends only on the purchase history, the
 * policy and the shop's fit — not on today — so it can be stored with the profile, indexed, and
 * recomputed only when an order arrives or the shop is refitted.
 */
export function lapseDue(
  policy: LapsePolicy,
  history: CustomerHistory,
  shop: ShopLapseModel | null,
): LapseDue {
  const rule = resolveLapseRule(policy, history, shop);
  const last = dayNumber(history.lastPurchaseDay);
  switch (rule.basis) {
    case 'fixed_window':
      return { basis: rule.basis, dueDay: calendarDay(last + rule.days) };
    case 'own_cadence':
    case 'shop_cadence':
      return { basis: rule.basis, dueDay: calendarDay(last + rule.windowDays) };
    case 'bg_nbd':
    case 'mbg_nbd': {
      const first = dayNumber(history.firstPurchaseDay);
      const { minDays, maxDays } = rule.policy;
      const tx = last - first;
      const limit = tx + (maxDays ?? SEARCH_LIMIT_DAYS);
      const offset = modelDueOffset(rule.policy, rule.params, history.purchaseDays - 1, tx, limit);
      if (offset === null) {
        return { basis: rule.basis, dueDay: maxDays === null ? null : calendarDay(last + maxDays) };
      }
      return { basis: rule.basis, dueDay: calendarDay(first + Math.max(offset, tx + minDays)) };
    }
  }
}
