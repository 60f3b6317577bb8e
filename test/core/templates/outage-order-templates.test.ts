import { describe, expect, it } from 'vitest';
import {
  builtInTemplate,
  EmailTemplate,
  outageEmail,
  outageOrderEmail,
  outageOrderSms,
  outageSms,
  renderEmail,
  renderSms,
  SmsTemplate,
} from '../../../shared/core/templates';

const vi = { customer: 'vi', shop: 'vi' } as const;
const en = { customer: 'en', shop: 'vi' } as const;
const base = {
  shopName: 'Tiệm Cà Phê Mây',
  customerName: 'chị Lan',
  unsubscribeUrl: 'https://r.example.vn/u/abc',
  hotline: '0909 123 456',
};

describe('outage templates for a customer with an open order', () => {
  it('are transactional built-ins that pass the template schema', () => {
    expect(EmailTemplate.safeParse(outageOrderEmail).error?.issues ?? []).toEqual([]);
    expect(SmsTemplate.safeParse(outageOrderSms).error?.issues ?? []).toEqual([]);
    expect([outageOrderEmail.purpose, outageOrderSms.purpose]).toEqual([
      'transactional',
      'transactional',
    ]);
    expect(builtInTemplate('outage-order-email')).toBe(outageOrderEmail);
    expect(builtInTemplate('outage-order-sms')).toBe(outageOrderSms);
  });

  it('say how to reach the shop about the order, with no opt-out footer', () => {
    const sms = renderSms(outageOrderSms, vi, base);
    expect(sms.text).toBe(
      [
        'Tiệm Cà Phê Mây: Kênh bán hàng cũ đang gặp sự cố. Cần hỏi về đơn hàng của bạn, vui lòng liên hệ:',
        'Hotline: 0909 123 456',
        'Xin cảm ơn!',
      ].join('\n'),
    );
    const email = renderEmail(outageOrderEmail, en, base);
    expect(email.subject).toBe('Tiệm Cà Phê Mây: how to reach us about your order');
    expect(email.text).not.toMatch(/Unsubscribe|agreed to hear/);
    expect(email.html).not.toMatch(/Unsubscribe|agreed to hear/);
    expect(email.html).toContain('<li>Hotline: 0909 123 456</li>');
  });
});

describe("the owner's own words in an outage message", () => {
  const message = 'Fanpage bị khoá tạm thời, mời bạn đặt qua Zalo & hotline.';

  it('appear on a line of their own when given, and leave no gap when not', () => {
    const withWords = renderSms(outageSms, vi, { ...base, message });
    expect(withWords.text.split('\n')[1]).toBe(message);
    const without = renderSms(outageSms, vi, base);
    expect(without.text.split('\n')[1]).toBe('Hotline: 0909 123 456');
  });

  it('are escaped in HTML and plain in text', () => {
    const email = renderEmail(outageEmail, vi, { ...base, message });
    expect(email.html).toContain(
      '<p>Fanpage bị khoá tạm thời, mời bạn đặt qua Zalo &amp; hotline.</p>',
    );
    expect(email.text).toContain(`qua:\n${message}\n- Hotline: 0909 123 456`);
  });

  it('never appear in the open-order (transactional) variant, which may not advertise', () => {
    expect(renderSms(outageOrderSms, en, { ...base, message }).text).not.toContain(message);
    const email = renderEmail(outageOrderEmail, vi, { ...base, message });
    expect(email.text).not.toContain(message);
    expect(email.html).not.toContain('Fanpage');
  });
});
