import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmailAddress, normalizeEmail } from '../../shared/core/email';
import { typedText } from '../../shared/core/text';
import { TimeZone, dayInZone } from '../../shared/core/time-zone';

describe('normalizeEmail', () => {
  it('trims and lower-cases, so one mailbox has one spelling', () => {
    expect(normalizeEmail('  Hoa.Nguyen@Gmail.COM ')).toBe('hoa.nguyen@gmail.com');
  });

  it('is idempotent and ignores case and surrounding spaces', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '\t'), (email, pad) => {
        const normalized = normalizeEmail(email);
        expect(normalizeEmail(normalized)).toBe(normalized);
        expect(normalizeEmail(`${pad}${email.toUpperCase()}${pad}`)).toBe(
          normalizeEmail(email.toUpperCase()),
        );
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

describe('TimeZone', () => {
  it('accepts IANA zones, aliases included, and refuses offsets and inventions', () => {
    for (const zone of [
      'Asia/Ho_Chi_Minh',
      'Asia/Saigon',
      'Asia/Bangkok',
      'UTC',
      'America/Argentina/Buenos_Aires',
    ]) {
      expect(TimeZone.safeParse(zone).success, zone).toBe(true);
    }
    for (const zone of ['+07:00', 'Mars/Base', '', 'GMT+7 ']) {
      expect(TimeZone.safeParse(zone).success, zone).toBe(false);
    }
  });

  it('puts an order placed at 00:30 in Hồ Chí Minh City on that day, not the UTC one', () => {
    expect(dayInZone('2026-10-31T17:30:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2026-11-01');
  });
});
