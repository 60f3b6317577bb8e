import type { CalendarDay } from '../time-zone';
import { type CustomerHistory, rfmOf } from './customer-history';
import { dayNumber } from './day-number';
import type { LapsePolicy } from './lapse-policy';
import { type LapseRule, resolveLapseRule } from './lapse-rule';
import { criterionValue } from './model-due';
import type { ShopLapseModel } from './shop-lapse-model';

/**
 * How lapsed a customer is at the end of `asOf`, for ranking: higher means less likely to order
 * again. On each policy's own scale 1 is its threshold (before the minDays/maxDays clamps):
 * fixed window and cadence: days since the last order ÷ the window; `p_alive` and `p_purchase`:
 * (1 − p) ÷ (1 − threshold); `expected_purchases`: threshold ÷ expected.
 */
export function lapseScore(
  policy: LapsePolicy,
  history: CustomerHistory,
  shop: ShopLapseModel | null,
  asOf: CalendarDay,
): number {
  return scoreOfRule(resolveLapseRule(policy, history, shop), history, asOf);
}

/** The score for an already resolved rule (the assessment resolves once and reuses it). */
export function scoreOfRule(rule: LapseRule, history: CustomerHistory, asOf: CalendarDay): number {
  const since = Math.max(0, dayNumber(asOf) - dayNumber(history.lastPurchaseDay));
  switch (rule.basis) {
    case 'fixed_window':
      return since / rule.days;
    case 'own_cadence':
    case 'shop_cadence':
      return since / rule.windowDays;
    case 'bg_nbd':
    case 'mbg_nbd': {
      const value = criterionValue(rule.policy, rule.params, rfmOf(history, asOf, 'day'));
      const { threshold } = rule.policy;
      return rule.policy.criterion === 'expected_purchases'
        ? threshold / Math.max(value, 1e-300)
        : (1 - value) / (1 - threshold);
    }
  }
}
