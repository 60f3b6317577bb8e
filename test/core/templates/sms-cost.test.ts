import { describe, expect, it } from 'vitest';
import { compareSmsCosts, outageSms, renderSms } from '../../../shared/core/templates';

const price = { amount: 800, currency: 'VND' };

describe('compareSmsCosts', () => {
  describe('Vietnamese text', () => {
    it('shows the diacritic-free variant in GSM-7 at fewer segments', () => {
      const text =
        'Tiệm Cà Phê Mây: Kênh bán hàng cũ đang gặp sự cố, bạn vẫn đặt hàng được qua web.';
      const comparison = compareSmsCosts(text, price);
      expect(comparison.asWritten).toMatchObject({
        text,
        encoding: 'UCS-2',
        units: 80,
        segments: 2,
        cost: { amount: 1600, currency: 'VND' },
      });
      expect(comparison.withoutDiacritics).toMatchObject({
        text: 'Tiem Ca Phe May: Kenh ban hang cu dang gap su co, ban van dat hang duoc qua web.',
        encoding: 'GSM-7',
        units: 80,
        segments: 1,
        cost: { amount: 800, currency: 'VND' },
      });
    });

    it('prices a rendered built-in outage SMS both ways', () => {
      const sms = renderSms(
        outageSms,
        { customer: 'vi', shop: 'vi' },
        {
          shopName: 'Mây',
          hotline: '0909 123 456',
          unsubscribeUrl: 'https://r.vn/u/x1',
        },
      );
      const comparison = compareSmsCosts(sms.text, price);
      expect(comparison.asWritten.encoding).toBe('UCS-2');
      expect(comparison.withoutDiacritics.encoding).toBe('GSM-7');
      expect(comparison.withoutDiacritics.segments).toBeLessThan(comparison.asWritten.segments);
    });
  });

  describe('prices', () => {
    it('gives the same text and cost twice for text already in GSM-7', () => {
      const comparison = compareSmsCosts('Order at https://may.vn', { amount: 5, currency: 'USD' });
      expect(comparison.withoutDiacritics).toEqual(comparison.asWritten);
      expect(comparison.asWritten.cost).toEqual({ amount: 5, currency: 'USD' });
    });

    it('leaves the cost unknown when the shop has not set a price', () => {
      const comparison = compareSmsCosts('Chào bạn', null);
      expect(comparison.asWritten).toMatchObject({ segments: 1, cost: null });
      expect(comparison.withoutDiacritics).toMatchObject({ segments: 1, cost: null });
    });
  });
});
