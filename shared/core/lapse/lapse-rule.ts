import type { CustomerHistory } from './customer-history';
import { defaultPolicies, type LapsePolicy, type ModelPolicy } from './lapse-policy';
import { type FittedModel, type ModelParams, paramsInUnit } from './model-params';
import type { ShopLapseModel } from './shop-lapse-model';

/** Which rule actually decided: a model policy without a usable fit falls back, and says so. */
export type LapseBasis = 'fixed_window' | 'own_cadence' | 'shop_cadence' | 'bg_nbd' | 'mbg_nbd';

/** A policy resolved against the shop's fit and one customer's history. */
export type LapseRule =
  | { readonly basis: 'fixed_window'; readonly days: number }
  | {
      readonly basis: 'own_cadence' | 'shop_cadence';
      readonly gapDays: number;
      readonly windowDays: number;
    }
  | {
      readonly basis: 'bg_nbd' | 'mbg_nbd';
      readonly policy: ModelPolicy;
      readonly params: ModelParams;
      readonly gapDays: number | null;
    };

/**
 * Resolves the policy: a model policy needs that model's fit (else it falls back to own cadence
 * with its defaults); own cadence needs the customer's median gap or the shop's typical gap (else
 * it falls back to the default fixed window). So every customer with a purchase gets a rule.
 */
export function resolveLapseRule(
  policy: LapsePolicy,
  history: CustomerHistory,
  shop: ShopLapseModel | null,
): LapseRule {
  if (policy.kind === 'bg_nbd' || policy.kind === 'mbg_nbd') {
    const fit: FittedModel | null | undefined =
      policy.kind === 'bg_nbd' ? shop?.bgNbd : shop?.mbgNbd;
    if (fit) {
      return {
        basis: policy.kind,
        policy,
        params: paramsInUnit(fit, 'day'),
        gapDays: usualGap(history, shop),
      };
    }
    return resolveLapseRule(defaultPolicies.own_cadence, history, shop);
  }
  if (policy.kind === 'own_cadence') {
    const own = history.medianGapDays;
    const gapDays = own ?? shop?.typicalGapDays ?? null;
    if (gapDays === null) return { basis: 'fixed_window', days: defaultPolicies.fixed_window.days };
    const windowDays = Math.min(
      policy.maxDays,
      Math.max(policy.minDays, Math.round(policy.factor * gapDays)),
    );
    return { basis: own === null ? 'shop_cadence' : 'own_cadence', gapDays, windowDays };
  }
  return { basis: 'fixed_window', days: policy.days };
}

/** The customer's own median gap, or the shop's typical one for a one-time buyer. */
export function usualGap(history: CustomerHistory, shop: ShopLapseModel | null): number | null {
  return history.medianGapDays ?? shop?.typicalGapDays ?? null;
}
