import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureSms, smsEncoding, splitSms } from '../../../shared/core/templates';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basicChar = fc.constantFrom(...GSM_BASIC);
const extensionChar = fc.constantFrom(...GSM_EXTENSION);
const basicText = (minLength: number, maxLength: number) =>
  fc.array(basicChar, { minLength, maxLength }).map((chars) => chars.join(''));
const gsmText = fc
  .array(fc.oneof({ arbitrary: basicChar, weight: 4 }, { arbitrary: extensionChar, weight: 1 }), {
    maxLength: 800,
  })
  .map((chars) => chars.join(''));
// BMP letters outside GSM plus astral characters (surrogate pairs), mixed with GSM.
const ucsText = fc
  .array(fc.oneof(basicChar, fc.constantFrom('ệ', 'ư', 'đ', 'Ờ', '😀', '𝔸', '中')), {
    minLength: 1,
    maxLength: 400,
  })
  .map((chars) => chars.join(''))
  .filter((text) => smsEncoding(text) === 'UCS-2');

const septets = (text: string) =>
  [...text].reduce((sum, char) => sum + (GSM_EXTENSION.includes(char) ? 2 : 1), 0);

describe('SMS encoding', () => {
  describe('detection', () => {
    it('is GSM-7 when every character is in the GSM 03.38 tables', () => {
      expect(smsEncoding('Hello @ £5, 50% off [today] {only} ~ €9 ^_^')).toBe('GSM-7');
    });

    it('is UCS-2 for Vietnamese with diacritics', () => {
      expect(smsEncoding('Chào bạn')).toBe('UCS-2');
      expect(smsEncoding('Cam on ban, đ')).toBe('UCS-2');
    });

    it('is UCS-2 for a character outside GSM 03.38 such as a curly quote or an emoji', () => {
      expect(smsEncoding('It’s on')).toBe('UCS-2');
      expect(smsEncoding('Sale 😀')).toBe('UCS-2');
    });
  });

  describe('segment count', () => {
    it('fits 160 GSM-7 characters in one segment and 161 in two', () => {
      expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
      expect(measureSms('a'.repeat(161)).segments).toBe(2);
      expect(measureSms('a'.repeat(306)).segments).toBe(2);
      expect(measureSms('a'.repeat(307)).segments).toBe(3);
    });

    it('counts an extension character as two septets', () => {
      expect(measureSms('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
      expect(measureSms(`${'a'.repeat(159)}€`).segments).toBe(2);
    });

    it('moves an extension character to the next part rather than split its escape', () => {
      const parts = splitSms(`${'a'.repeat(152)}€${'b'.repeat(10)}`);
      expect(parts).toEqual(['a'.repeat(152), `€${'b'.repeat(10)}`]);
    });

    it('fits 70 UCS-2 characters in one segment and 71 in two', () => {
      expect(measureSms('ệ'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
      expect(measureSms('ệ'.repeat(71)).segments).toBe(2);
      expect(measureSms('ệ'.repeat(134)).segments).toBe(2);
      expect(measureSms('ệ'.repeat(135)).segments).toBe(3);
    });

    it('moves a surrogate pair to the next part rather than split it', () => {
      const parts = splitSms(`${'ệ'.repeat(66)}😀x${'ệ'.repeat(10)}`);
      expect(parts).toEqual(['ệ'.repeat(66), `😀x${'ệ'.repeat(10)}`]);
    });

    it('has no segments for an empty text', () => {
      expect(measureSms('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0 });
    });
  });

  describe('properties', () => {
    it('gives ceil(n / 153) parts for any basic GSM-7 text of n > 160 characters', () => {
      fc.assert(
        fc.property(basicText(161, 2000), (text) => {
          expect(measureSms(text).segments).toBe(Math.ceil(text.length / 153));
        }),
      );
    });

    it('gives one part for any basic GSM-7 text of 1 to 160 characters', () => {
      fc.assert(
        fc.property(basicText(1, 160), (text) => {
          expect(measureSms(text).segments).toBe(1);
        }),
      );
    });

    it('cuts any GSM-7 text into parts that rejoin to it and each fit their limit', () => {
      fc.assert(
        fc.property(gsmText, (text) => {
          const parts = splitSms(text);
          expect(parts.join('')).toBe(text);
          const limit = parts.length === 1 ? 160 : 153;
          for (const part of parts) expect(septets(part)).toBeLessThanOrEqual(limit);
          expect(measureSms(text).units).toBe(septets(text));
          // Greedy packing: no part could have taken the first character of the next.
          for (let i = 0; i + 1 < parts.length; i++) {
            expect(
              septets(parts[i] ?? '') + septets([...(parts[i + 1] ?? '')][0] ?? ''),
            ).toBeGreaterThan(153);
          }
        }),
      );
    });

    it('cuts any UCS-2 text into parts that fit and never split a surrogate pair', () => {
      fc.assert(
        fc.property(ucsText, (text) => {
          const parts = splitSms(text);
          expect(parts.join('')).toBe(text);
          const limit = parts.length === 1 ? 70 : 67;
          for (const part of parts) {
            expect(part.length).toBeLessThanOrEqual(limit);
            expect(part.isWellFormed()).toBe(true);
          }
          expect(measureSms(text)).toMatchObject({ encoding: 'UCS-2', units: text.length });
        }),
      );
    });

    it('never needs more parts when a text grows shorter', () => {
      fc.assert(
        fc.property(gsmText, (text) => {
          expect(measureSms(text.slice(0, -1)).segments).toBeLessThanOrEqual(
            measureSms(text).segments,
          );
        }),
      );
    });
  });
});
