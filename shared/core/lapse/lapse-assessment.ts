import { z } from 'zod';
import { CalendarDay } from '../time-zone';
import { type CustomerHistory, rfmOf } from './customer-history';
import { dayNumber } from './day-number';
import { lapseDue } from './lapse-due';
import type { LapsePolicy } from './lapse-policy';
import { resolveLapseRule } from './lapse-rule';
import { scoreOfRule } from './lapse-score';
import { expectedPurchases, pAlive, pPurchaseWithin } from './predictions';
import type { ShopLapseModel } from './shop-lapse-model';

const probability = z.number().min(0).max(1);

/** Everything the customer API shows about lapse, and what the explanation is written from. */
export const LapseAssessment = z.strictObject({
  policy: z.enum(['fixed_window', 'own_cadence', 'bg_nbd', 'mbg_nbd']),
  basis: z.enum(['fixed_window', 'own_cadence', 'shop_cadence', 'bg_nbd', 'mbg_nbd']),
  asOf: CalendarDay,
  dueDay: CalendarDay.nullable(),
  /** dueDay is on or before asOf. */
  due: z.boolean(),
  score: z.number().min(0),
  daysSinceLastOrder: z.number().int().min(0),
  /** The usual gap shown to the owner: the customer's own median gap, or the shop's typical gap. */
  usualGapDays: z.number().positive().nullable(),
  usualGapSource: z.enum(['own', 'shop']).nullable(),
  /** Fixed window or cadence: days without an order after which the customer is due. */
  windowDays: z.number().int().positive().nullable(),
  /** Model policies only, at the end of asOf. */
  pAlive: probability.nullable(),
  pPurchase: probability.nullable(),
  expectedPurchases: z.number().min(0).nullable(),
  horizonDays: z.number().int().positive().nullable(),
});
export type LapseAssessment = z.infer<typeof LapseAssessment>;

/** The due day, the score and the model's figures for one customer at the end of `asOf`. */
export function assessLapse(
  policy: LapsePolicy,
  history: CustomerHistory,
  shop: ShopLapseModel | null,
  asOf: CalendarDay,
): LapseAssessment {
  const rule = resolveLapseRule(policy, history, shop);
  const { dueDay } = lapseDue(policy, history, shop);
  const own = history.medianGapDays;
  const usualGapDays = own ?? shop?.typicalGapDays ?? null;
  const base = {
    policy: policy.kind,
    basis: rule.basis,
    asOf,
    dueDay,
    due: dueDay !== null && dueDay <= asOf,
    score: scoreOfRule(rule, history, asOf),
    daysSinceLastOrder: Math.max(0, dayNumber(asOf) - dayNumber(history.lastPurchaseDay)),
    usualGapDays,
    usualGapSource:
      own !== null ? ('own' as const) : usualGapDays !== null ? ('shop' as const) : null,
    windowDays: null,
    pAlive: null,
    pPurchase: null,
    expectedPurchases: null,
    horizonDays: null,
  };
  switch (rule.basis) {
    case 'fixed_window':
      return { ...base, windowDays: rule.days };
    case 'own_cadence':
    case 'shop_cadence':
      return { ...base, windowDays: rule.windowDays };
    case 'bg_nbd':
    case 'mbg_nbd': {
      const rfm = rfmOf(history, asOf, 'day');
      const { horizonDays } = rule.policy;
      return {
        ...base,
        pAlive: pAlive(rule.basis, rule.params, rfm),
        pPurchase: pPurchaseWithin(rule.basis, rule.params, rfm, horizonDays),
        expectedPurchases: expectedPurchases(rule.basis, rule.params, rfm, horizonDays),
        horizonDays,
      };
    }
  }
}
