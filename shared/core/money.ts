import { z } from 'zod';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 alphabetic code, e.g. VND, USD. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as VND')
  .refine((code) => knownCurrencies.has(code), 'is not an ISO 4217 currency');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/**
 * An amount in the currency's minor unit (VND has none, so 150000 is 150.000 ₫; USD 1999 is
 * $19.99). Integers only: money never passes through floating point.
 */
/**
 * 10^12 minor units (a trillion đồng, ten billion dollars): far above any order, and low enough
 * that a customer's lifetime total stays an exact integer.
 */
const MAX_AMOUNT = 1_000_000_000_000;

export const Money = z.strictObject({
  amount: z
    .number()
    .int('must be a whole number of the minor unit')
    .min(0)
    .max(MAX_AMOUNT, 'is larger than any real order'),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

export function zeroMoney(currency: CurrencyCode): Money {
  return { amount: 0, currency };
}

/** Digits after the decimal point in the currency's minor unit (VND 0, USD 2, BHD 3). */
export function minorUnitDigits(currency: CurrencyCode): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 0
  );
}
