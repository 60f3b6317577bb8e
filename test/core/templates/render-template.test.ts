import { describe, expect, it } from 'vitest';
import {
  TemplateVariableMissingError,
  outageEmail,
  outageSms,
  promotionEmail,
  renderEmail,
  renderSms,
  renderTemplate,
  winBackEmail,
  winBackSms,
  type SmsTemplate,
} from '../../../shared/core/templates';

const vi = { customer: 'vi', shop: 'vi' } as const;
const en = { customer: 'en', shop: 'vi' } as const;
const base = {
  shopName: 'Tiệm Cà Phê Mây',
  unsubscribeUrl: 'https://r.example.vn/u/abc?t=1&x=2',
};
const script = '<script>alert(1)</script>';

describe('renderTemplate', () => {
  describe('escaping', () => {
    it('renders a hostile name as text in the HTML part', () => {
      const email = renderEmail(winBackEmail, en, { ...base, customerName: script });
      expect(email.html).not.toContain('<script>');
      expect(email.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
    });

    it('inserts the same name verbatim in the subject, text part and SMS', () => {
      const email = renderEmail(winBackEmail, en, { ...base, customerName: script });
      expect(email.subject).toBe(`We miss you, ${script}!`);
      expect(email.text).toContain(`Hi ${script},`);
      expect(renderSms(winBackSms, en, { ...base, customerName: script }).text).toContain(script);
    });

    it('keeps a URL readable in the HTML part, escaping only its ampersand', () => {
      const email = renderEmail(winBackEmail, vi, base);
      expect(email.html).toContain('href="https://r.example.vn/u/abc?t=1&amp;x=2"');
      expect(email.text).toContain('Từ chối nhận tin: https://r.example.vn/u/abc?t=1&x=2');
    });

    it('turns line breaks in a value into spaces, so a name cannot add lines', () => {
      const email = renderEmail(winBackEmail, en, { ...base, customerName: 'Lan\r\nBcc: x' });
      expect(email.subject).toBe('We miss you, Lan Bcc: x!');
    });
  });

  describe('customer name', () => {
    it('falls back to "bạn" in Vietnamese when the name is missing', () => {
      expect(renderSms(winBackSms, vi, base).text).toMatch(
        /^Tiệm Cà Phê Mây: Lâu rồi không gặp bạn!/,
      );
    });

    it('falls back to "there" in English when the name is blank', () => {
      const email = renderEmail(winBackEmail, en, { ...base, customerName: '   ' });
      expect(email.text).toMatch(/^Hi there,/);
    });

    it('uses the name, normalised to NFC, when given', () => {
      const decomposed = 'Nguyễn Lan'.normalize('NFD');
      const email = renderEmail(winBackEmail, vi, { ...base, customerName: decomposed });
      expect(email.text).toMatch(/^Chào Nguyễn Lan,/);
    });
  });

  describe('variables', () => {
    it('throws rather than leave a hole when a needed variable is missing', () => {
      expect(() => renderEmail(promotionEmail, vi, base)).toThrow(TemplateVariableMissingError);
      expect(() => renderSms(winBackSms, vi, { shopName: 'X' })).toThrow(
        'Template win-back-sms needs {{unsubscribeUrl}}',
      );
    });

    it('drops an optional section whole when its variable is absent', () => {
      expect(renderSms(winBackSms, vi, base).text).toBe(
        'Tiệm Cà Phê Mây: Lâu rồi không gặp bạn!\nTừ chối nhận tin: https://r.example.vn/u/abc?t=1&x=2',
      );
    });

    it('shows an optional section when its variable is given', () => {
      const sms = renderSms(winBackSms, vi, {
        ...base,
        voucherCode: 'MAY20',
        link: 'https://may.vn',
      });
      expect(sms.text).toBe(
        [
          'Tiệm Cà Phê Mây: Lâu rồi không gặp bạn!',
          'Nhập mã MAY20 để nhận ưu đãi.',
          'Đặt hàng: https://may.vn/',
          'Từ chối nhận tin: https://r.example.vn/u/abc?t=1&x=2',
        ].join('\n'),
      );
    });

    it('rejects a link that is not https', () => {
      expect(() => renderSms(winBackSms, vi, { ...base, link: 'javascript:alert(1)' })).toThrow();
      expect(() => renderSms(winBackSms, vi, { ...base, link: 'http://may.vn' })).toThrow();
    });

    it('takes a plain-http opt-out link only from this machine, where npm start serves it', () => {
      const local = 'http://localhost:3000/u/abc';
      expect(renderSms(winBackSms, vi, { ...base, unsubscribeUrl: local }).text).toContain(local);
      expect(() =>
        renderSms(winBackSms, vi, { ...base, unsubscribeUrl: 'http://r.example.vn/u/abc' }),
      ).toThrow();
      expect(() =>
        renderSms(winBackSms, vi, { ...base, unsubscribeUrl: 'http://localhost.evil.vn/u/abc' }),
      ).toThrow();
    });
  });

  describe('outage broadcast', () => {
    const where = {
      ...base,
      websiteUrl: 'https://may.vn',
      hotline: '0909 123 456',
      zaloUrl: 'https://zalo.me/0909123456',
      storeAddress: '12 Lê Lợi, Quận 1, TP.HCM',
    };

    it('lists every place the customer can order, in Vietnamese', () => {
      expect(renderSms(outageSms, vi, where).text).toBe(
        [
          'Tiệm Cà Phê Mây: Kênh bán hàng cũ đang gặp sự cố, bạn vẫn đặt hàng được qua:',
          'Web: https://may.vn/',
          'Hotline: 0909 123 456',
          'Zalo: https://zalo.me/0909123456',
          'Cửa hàng: 12 Lê Lợi, Quận 1, TP.HCM',
          'Từ chối nhận tin: https://r.example.vn/u/abc?t=1&x=2',
        ].join('\n'),
      );
    });

    it('lists only the places the shop has', () => {
      const email = renderEmail(outageEmail, en, { ...base, hotline: '0909 123 456' });
      expect(email.text).toContain('through:\n- Hotline: 0909 123 456\nSorry');
      expect(email.html).toContain('<li>Hotline: 0909 123 456</li>');
      expect(email.html).not.toMatch(/Website|Zalo|Store/);
    });
  });

  describe('language', () => {
    it("renders in the shop's language when the template lacks the customer's", () => {
      const viOnly: SmsTemplate = { ...winBackSms, locales: { vi: winBackSms.locales.vi } };
      const sms = renderTemplate(viOnly, { customer: 'en', shop: 'vi' }, base);
      expect(sms).toMatchObject({ channel: 'sms', locale: 'vi' });
    });
  });
});
