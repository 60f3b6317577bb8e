import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsEncoding, withoutDiacritics } from '../../../shared/core/templates';

const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const vietnameseLetters = [
  ...vowels.flatMap((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize('NFC'))),
  ...'bcdđghklmnpqrstvx',
].flatMap((letter) => [letter, letter.toUpperCase()]);
const punctuation = [
  ...' .,!?:;-()/%+"\'\n0123456789',
  '“',
  '”',
  '‘',
  '’',
  '–',
  '—',
  '…',
  '\u00a0',
];

/** Vietnamese as people type it: precomposed or decomposed letters, plain or typographic marks. */
const vietnameseText = fc
  .tuple(
    fc.array(fc.constantFrom(...vietnameseLetters, ...punctuation), { maxLength: 300 }),
    fc.boolean(),
  )
  .map(([chars, decomposed]) => {
    const text = chars.join('');
    return decomposed ? text.normalize('NFD') : text;
  });

describe('withoutDiacritics', () => {
  describe('Vietnamese letters', () => {
    it('drops tone and vowel marks', () => {
      expect(withoutDiacritics('Chào bạn, cảm ơn bạn đã ủng hộ Tiệm Cà Phê Mây')).toBe(
        'Chao ban, cam on ban da ung ho Tiem Ca Phe May',
      );
    });

    it('turns đ into d and Đ into D', () => {
      expect(withoutDiacritics('Đặt hàng đi')).toBe('Dat hang di');
    });

    it('handles text typed in decomposed form', () => {
      expect(withoutDiacritics('Nguyễn Thị Ưng'.normalize('NFD'))).toBe('Nguyen Thi Ung');
    });
  });

  describe('typography', () => {
    it('turns curly quotes, dashes, the ellipsis and odd spaces into GSM-7 forms', () => {
      expect(withoutDiacritics('“Sale” – it’s on…\u00a0now')).toBe('"Sale" - it\'s on... now');
    });

    it('keeps what it cannot replace, so the caller still sees UCS-2', () => {
      expect(withoutDiacritics('Sale 😀')).toBe('Sale 😀');
      expect(smsEncoding(withoutDiacritics('Sale 😀'))).toBe('UCS-2');
    });
  });

  describe('properties', () => {
    it('always gives GSM-7 for Vietnamese input', () => {
      fc.assert(
        fc.property(vietnameseText, (text) => {
          expect(smsEncoding(withoutDiacritics(text))).toBe('GSM-7');
        }),
      );
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(vietnameseText, (text) => {
          const once = withoutDiacritics(text);
          expect(withoutDiacritics(once)).toBe(once);
        }),
      );
    });

    it('keeps one character per letter, so words stay readable', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...vietnameseLetters), { maxLength: 100 }),
          (chars) => {
            expect([...withoutDiacritics(chars.join(''))]).toHaveLength(chars.length);
          },
        ),
      );
    });
  });
});
