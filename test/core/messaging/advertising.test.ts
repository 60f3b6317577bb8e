import { describe, expect, it } from 'vitest';
import {
  advertisingPrefix,
  advertisingProblems,
  optOutInstruction,
  withAdvertisingLabel,
  type OptOutContact,
} from '../../../shared/core/messaging/advertising';

const contact: OptOutContact = { url: 'https://r.example.vn/u/abc?t=1&s=2', hotline: '1900 6868' };

describe('advertisingPrefix', () => {
  describe('by purpose', () => {
    it('gives [QC] for an advertising SMS and an advertising email, in either language', () => {
      expect(advertisingPrefix('marketing', 'sms', 'vi')).toBe('[QC]');
      expect(advertisingPrefix('marketing', 'email', 'en')).toBe('[QC]');
    });

    it('gives nothing for a transactional message', () => {
      expect(advertisingPrefix('transactional', 'sms', 'vi')).toBe('');
    });
  });
});

describe('withAdvertisingLabel', () => {
  describe('labelling', () => {
    it('puts the label at the start of an advertising SMS', () => {
      expect(withAdvertisingLabel('Giảm 20% hôm nay', 'marketing', 'sms', 'vi')).toBe(
        '[QC] Giảm 20% hôm nay',
      );
    });

    it('does not label twice when the template already starts with it', () => {
      expect(withAdvertisingLabel('[QC] Sale', 'marketing', 'email', 'en')).toBe('[QC] Sale');
    });

    it('leaves a transactional subject alone', () => {
      expect(withAdvertisingLabel('Your order', 'transactional', 'email', 'en')).toBe('Your order');
    });
  });
});

describe('optOutInstruction', () => {
  describe('language', () => {
    it('says how to opt out in Vietnamese with the link and hotline', () => {
      expect(optOutInstruction('vi', contact)).toBe(
        'Từ chối nhận tin: https://r.example.vn/u/abc?t=1&s=2 / 1900 6868',
      );
    });

    it('says it in English without a hotline', () => {
      expect(optOutInstruction('en', { url: 'https://r.example.vn/u/x' })).toBe(
        'Unsubscribe: https://r.example.vn/u/x',
      );
    });
  });
});

describe('advertisingProblems', () => {
  describe('SMS', () => {
    it('finds nothing wrong with a labelled SMS carrying the link', () => {
      const text = `[QC] Giảm 20%. ${optOutInstruction('vi', { url: contact.url })}`;
      expect(advertisingProblems({ channel: 'sms', text }, 'marketing', contact)).toEqual([]);
    });

    it('accepts the hotline written another way instead of the link', () => {
      const text = '[QC] Giảm 20%. Từ chối: gọi 1900.6868';
      expect(advertisingProblems({ channel: 'sms', text }, 'marketing', contact)).toEqual([]);
    });

    it('does not take digits that merely contain the hotline for it', () => {
      const text = '[QC] Mã 5190068689 giảm 20%';
      expect(advertisingProblems({ channel: 'sms', text }, 'marketing', contact)).toEqual([
        'missing_opt_out',
      ]);
    });

    it('reports a missing label and a missing opt-out', () => {
      expect(
        advertisingProblems({ channel: 'sms', text: 'Giảm 20%' }, 'marketing', contact),
      ).toEqual(['missing_label', 'missing_opt_out']);
    });

    it('asks nothing of a transactional SMS', () => {
      expect(
        advertisingProblems({ channel: 'sms', text: 'Đơn hàng đã gửi' }, 'transactional', contact),
      ).toEqual([]);
    });
  });

  describe('email', () => {
    const email = {
      channel: 'email' as const,
      subject: '[QC] Sale',
      html: '<p>Sale</p><a href="https://r.example.vn/u/abc?t=1&amp;s=2">Unsubscribe</a>',
      text: `Sale\n${optOutInstruction('en', contact)}`,
    };

    it('finds nothing wrong when both parts carry the link, the HTML one escaped', () => {
      expect(advertisingProblems(email, 'marketing', contact)).toEqual([]);
    });

    it('wants the label in the subject', () => {
      expect(advertisingProblems({ ...email, subject: 'Sale' }, 'marketing', contact)).toEqual([
        'missing_label',
      ]);
    });

    it('wants the link in the HTML part too, a hotline is not enough for email', () => {
      const html = '<p>Sale. Call 1900 6868 to stop.</p>';
      expect(advertisingProblems({ ...email, html }, 'marketing', contact)).toEqual([
        'missing_opt_out',
      ]);
    });
  });
});
