import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import { z } from 'zod';

export type PhoneRegion = CountryCode;

export const PhoneRegion = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as VN')
  .refine((code) => isSupportedCountry(code), 'is not a supported phone region')
  .transform((code) => code as CountryCode);

/**
 * A phone number as E.164, or undefined when it is not a valid number. "0912 345 678",
 * "+84 912 345 678" and "84912345678" are one Vietnamese number. The last form has no plus sign,
 * so when it does not parse as a national number it is retried as an international one.
 */
export function normalizePhone(raw: string, defaultRegion: PhoneRegion): string | undefined {
  const candidates = [raw];
  const digitsOnly = raw.replace(/[\s().-]/g, '');
  if (/^\d{8,15}$/.test(digitsOnly) && !digitsOnly.startsWith('0'))
    candidates.push(`+${digitsOnly}`);
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, defaultRegion);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}

/** A zod schema for a phone number typed in the given default region, output as E.164. */
export function phoneNumber(defaultRegion: PhoneRegion) {
  return z
    .string()
    .max(32)
    .transform((raw, context) => {
      const e164 = normalizePhone(raw, defaultRegion);
      if (e164 === undefined) {
        context.addIssue({
          code: 'custom',
          message: `is not a valid phone number for region ${defaultRegion}`,
        });
        return z.NEVER;
      }
      return e164;
    });
}

/** Already normalized, as stored: used when parsing items read back. */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
