import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizePhone, phoneNumber } from '../../shared/core/phone';
import { vietnameseMobilePrefixes as mobilePrefixes } from '../helpers/vietnamese-mobile-prefixes';

const vietnameseMobile = fc
  .tuple(fc.constantFrom(...mobilePrefixes), fc.stringMatching(/^\d{7}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`)
  // Not every block under a prefix is allocated; the property is about spellings of real numbers.
  .filter((national) => parsePhoneNumberFromString(`+84${national}`)?.isValid() === true);

describe('normalizePhone', () => {
  describe('Vietnamese numbers in the spellings buyers type', () => {
    it('reads 0912 345 678, +84 912 345 678 and 84912345678 as one E.164 number', () => {
      expect(normalizePhone('0912 345 678', 'VN')).toBe('+84912345678');
      expect(normalizePhone('+84 912 345 678', 'VN')).toBe('+84912345678');
      expect(normalizePhone('84912345678', 'VN')).toBe('+84912345678');
      expect(normalizePhone('0912.345.678', 'VN')).toBe('+84912345678');
    });

    it('gives the same number for every spelling of any mobile number', () => {
      fc.assert(
        fc.property(vietnameseMobile, fc.constantFrom(' ', '.', '-', ''), (national, separator) => {
          const expected = `+84${national}`;
          const grouped = `0${national.slice(0, 3)}${separator}${national.slice(3, 6)}${separator}${national.slice(6)}`;
          expect(normalizePhone(grouped, 'VN')).toBe(expected);
          expect(normalizePhone(`+84 ${national}`, 'VN')).toBe(expected);
          expect(normalizePhone(`84${national}`, 'VN')).toBe(expected);
          expect(normalizePhone(expected, 'VN')).toBe(expected);
        }),
      );
    });

    it('is idempotent: a normalized number normalizes to itself', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            vietnameseMobile.map((national) => `0${national}`),
            fc.stringMatching(/^\+?[0-9 .-]{6,16}$/),
          ),
          (raw) => {
            const once = normalizePhone(raw, 'VN');
            if (once !== undefined) expect(normalizePhone(once, 'VN')).toBe(once);
          },
        ),
      );
    });
  });

  describe('numbers that are not phone numbers', () => {
    it('returns undefined for text, too few digits and impossible numbers', () => {
      for (const raw of ['abc', '12345', '0000000000', '', '+84 1', '09123456789012']) {
        expect(normalizePhone(raw, 'VN')).toBeUndefined();
      }
    });
  });

  describe('other default regions', () => {
    it('reads a national number in the shop’s own region', () => {
      expect(normalizePhone('020 7946 0018', 'GB')).toBe('+442079460018');
      expect(normalizePhone('+84 912 345 678', 'GB')).toBe('+84912345678');
    });
  });
});

describe('phoneNumber schema', () => {
  it('rejects an invalid number with a message naming the region', () => {
    const result = phoneNumber('VN').safeParse('12345');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('VN');
  });
});
