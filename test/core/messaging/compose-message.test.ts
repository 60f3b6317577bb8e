import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/core/customer';
import { composeMessage, type ComposeInput } from '../../../shared/core/messaging/compose-message';
import type { SendJob } from '../../../shared/core/messaging/send-job';
import type { EmailTemplate } from '../../../shared/core/templates/message-template';
import { measureSms } from '../../../shared/core/templates/sms-encoding';
import { builtInTemplate } from '../../../shared/core/templates/built-in-templates';
import { vietnameseShop } from '../../helpers/builders';

const customer = {
  id: '01JCUSTOMER000000000000000',
  name: '<script>alert(1)</script>',
  locale: 'vi',
  consent: { email: {}, sms: {} },
} as unknown as Customer;

const job: SendJob = {
  workflow: 'win-back',
  enrollmentId: 'e-1',
  step: 'first-nudge',
  customerId: customer.id,
  channel: 'email',
  templateId: 'win-back-email',
  purpose: 'marketing',
};

const orderShipped: EmailTemplate = {
  id: 'order-shipped',
  name: 'Order shipped',
  channel: 'email',
  purpose: 'transactional',
  locales: {
    vi: { subject: 'Đơn hàng đã gửi', html: '<p>{{shopName}}</p>', text: '{{shopName}}' },
  },
};

function input(overrides: Partial<ComposeInput> = {}): ComposeInput {
  const template = builtInTemplate('win-back-email');
  if (template === undefined) throw new Error('no built-in win-back email');
  return {
    job,
    template,
    customer,
    to: 'lan@example.com',
    settings: { ...vietnameseShop, emailSender: { address: 'shop@example.com' } },
    optOut: { url: 'https://shop.example.com/u/TOKEN' },
    ...overrides,
  };
}

describe('composeMessage', () => {
  describe('a marketing email', () => {
    it('labels the subject, escapes the name and carries the one-click headers', () => {
      const result = composeMessage(input());
      if (!result.ok || result.message.channel !== 'email') throw new Error('expected an email');
      const { email } = result.message;
      expect(email.subject).toMatch(/^\[QC\] /);
      expect(email.html).toContain('&lt;script&gt;');
      expect(email.html).not.toContain('<script>');
      expect(email.headers).toEqual({
        'List-Unsubscribe': '<https://shop.example.com/u/TOKEN>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    });

    it('is refused when the shop has no email sender', () => {
      const result = composeMessage(input({ settings: vietnameseShop }));
      expect(result).toEqual({ ok: false, problem: 'the shop has no email sender' });
    });
  });

  describe('a transactional email', () => {
    it('has no label but still carries List-Unsubscribe', () => {
      const result = composeMessage(
        input({ job: { ...job, purpose: 'transactional' }, template: orderShipped }),
      );
      if (!result.ok || result.message.channel !== 'email') throw new Error('expected an email');
      expect(result.message.email.subject).toBe('Đơn hàng đã gửi');
      expect(result.message.email.headers['List-Unsubscribe-Post']).toBe(
        'List-Unsubscribe=One-Click',
      );
    });
  });

  describe('a template that does not fit the job', () => {
    it('is refused for another channel or purpose', () => {
      expect(composeMessage(input({ job: { ...job, channel: 'sms' } })).ok).toBe(false);
      expect(composeMessage(input({ template: orderShipped })).ok).toBe(false);
    });
  });

  describe('a marketing SMS', () => {
    it('starts with the label, ends with the opt-out and is sent as Promotional', () => {
      const template = builtInTemplate('win-back-sms');
      if (template === undefined) throw new Error('no built-in win-back SMS');
      const result = composeMessage(
        input({
          job: { ...job, channel: 'sms', templateId: template.id },
          template,
          to: '+84912345678',
        }),
      );
      if (!result.ok || result.message.channel !== 'sms') throw new Error('expected an SMS');
      expect(result.message.sms.text).toMatch(/^\[QC\] /);
      expect(result.message.sms.text).toContain('https://shop.example.com/u/TOKEN');
      expect(result.message.sms.type).toBe('Promotional');
    });

    it('goes without diacritics, in GSM-7, when the shop chose so', () => {
      const template = builtInTemplate('win-back-sms');
      if (template === undefined) throw new Error('no built-in win-back SMS');
      const sms = (smsText: 'as_written' | 'without_diacritics') => {
        const result = composeMessage(
          input({
            job: { ...job, channel: 'sms', templateId: template.id },
            template,
            to: '+84912345678',
            settings: { ...vietnameseShop, name: 'Tiệm Mây', smsText },
          }),
        );
        if (!result.ok || result.message.channel !== 'sms') throw new Error('expected an SMS');
        return result.message.sms.text;
      };

      expect(sms('as_written')).toContain('Tiệm Mây');
      expect(sms('without_diacritics')).toContain('Tiem May');
      expect(sms('without_diacritics')).toMatch(/^\[QC\] /);
      expect(sms('without_diacritics')).toContain('https://shop.example.com/u/TOKEN');
      expect(measureSms(sms('without_diacritics')).encoding).toBe('GSM-7');
    });
  });
});
