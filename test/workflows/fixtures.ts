import type { CustomerConsent } from '../../shared/core/consent';
import { grantedAtCheckout, withdrawnByLink } from '../helpers/builders';
import { defaultWinBack, type WorkflowDefinition } from '../../workflows/definition';
import type { JourneyFacts } from '../../workflows/engine';
import { inHoldout } from '../../workflows/holdout';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const T0 = new Date('2026-11-23T03:00:00.000Z');

export function at(milliseconds: number): Date {
  return new Date(T0.getTime() + milliseconds);
}

/** A customer id (ULID shape) numbered n. */
export function customerNo(n: number): string {
  return `01JD${String(n).padStart(22, '0')}`;
}

/** The first numbered customer who is (or is not) in the workflow's holdout. */
export function customerInHoldout(definition: WorkflowDefinition, wanted: boolean): string {
  for (let n = 0; ; n += 1) {
    const id = customerNo(n);
    if (inHoldout(definition.id, id, definition.holdoutShare) === wanted) return id;
  }
}

export const messaged = customerInHoldout(defaultWinBack, false);
export const heldOut = customerInHoldout(defaultWinBack, true);

export const consentEverywhere: CustomerConsent = {
  email: { marketing: grantedAtCheckout },
  sms: { marketing: grantedAtCheckout },
};

export const smsWithdrawn: CustomerConsent = {
  email: { marketing: grantedAtCheckout },
  sms: { marketing: withdrawnByLink },
};

/** A lapsed customer who has not ordered since, consents to both channels and is subscribed. */
export const quietCustomer: JourneyFacts = {
  lastOrderAt: '2026-06-01T05:00:00.000Z',
  consent: consentEverywhere,
  unsubscribed: false,
};
