import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmailAddress, normalizeEmail } from '../../shared/core/email';
import { typedText } from '../../shared/core/text';

describe('normalizeEmail', () => {
  it('trims and lower-cases, so one mailbox has one spelling', () => {
    expect(normalizeEmail('  Hoa.Nguyen@Gmail.COM ')).toBe('hoa.nguyen@gmail.com');
  });

  it('is idempotent and ignores case and surrounding spaces', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '\t'), (email, pad) => {
        const normalized = normalizeEmail(email);
        expect(normalizeEmail(normalized)).toBe(normalized);
        expect(normalizeEmail(`${pad}${email.toUpperCase()}${pad}`)).toBe(normalizeEmail(email.toUpperCase()));
        expect(normalizeEmail(email.toUpperCase())).toBe(normalized);
      }),
    );
  });

  it('rejects what is not an email address', () => {
    expect(EmailAddress.safeParse('not-an-email').success).toBe(false);
    expect(EmailAddress.parse(' A@B.VN ')).toBe('a@b.vn');
  });
});

describe('typedText', () => {
  it('keeps Vietnamese diacritics and stores them in NFC', () => {
    const decomposed = 'Nguyễn Thị Hoa'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thị Hoa');
    expect(typedText(100).parse(decomposed)).toBe('Nguyễn Thị Hoa');
  });

  it('refuses a name that is only spaces', () => {
    expect(typedText(100).safeParse('   ').success).toBe(false);
  });
});
