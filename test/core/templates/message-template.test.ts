import { describe, expect, it } from 'vitest';
import {
  EmailTemplate,
  MessageTemplate,
  SmsTemplate,
  builtInTemplate,
  builtInTemplates,
  chooseLocale,
  inspectTemplate,
} from '../../../shared/core/templates';

const sms = (text: string, purpose: 'marketing' | 'transactional' = 'marketing') => ({
  id: 'test-sms',
  name: 'Test',
  channel: 'sms',
  purpose,
  locales: { vi: { text } },
});

function issues(input: unknown): string[] {
  const result = MessageTemplate.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('message template schema', () => {
  describe('variables', () => {
    it('accepts a template that uses only allowed variables', () => {
      expect(issues(sms('{{shopName}}: hi {{customerName}}. {{unsubscribeUrl}}'))).toEqual([]);
    });

    it('rejects an unknown variable instead of rendering it empty', () => {
      expect(issues(sms('Hi {{firstName}} {{unsubscribeUrl}}'))).toEqual([
        'uses an unknown variable {{firstName}}',
      ]);
    });

    it('rejects an unknown variable used as a section', () => {
      expect(issues(sms('{{#vip}}VIP{{/vip}} {{unsubscribeUrl}}'))).toEqual([
        'uses an unknown variable {{vip}}',
      ]);
    });

    it('rejects dotted names, partials and delimiter changes', () => {
      expect(issues(sms('{{unsubscribeUrl}} {{customer.name}} {{> footer}} {{=<% %>=}}'))).toEqual([
        'uses an unknown variable {{customer.name}}',
        'must not use a partial {{> footer}}',
        'must not change the tag delimiters',
      ]);
    });

    it('rejects a template that mustache cannot parse', () => {
      expect(issues(sms('{{#link}}open {{unsubscribeUrl}}'))[0]).toMatch(/^cannot be parsed/);
    });
  });

  describe('markup', () => {
    it('rejects an unescaped variable in the HTML part', () => {
      const template = {
        ...builtInTemplate('promotion-email'),
        locales: {
          en: {
            subject: 'x',
            html: '<p>{{{customerName}}} {{unsubscribeUrl}}</p>',
            text: '{{unsubscribeUrl}}',
          },
        },
      };
      expect(issues(template)).toEqual([
        'must not insert {{customerName}} unescaped in HTML; use {{customerName}}',
      ]);
    });

    it('rejects HTML markup in an SMS, a subject or a text part', () => {
      expect(issues(sms('<b>Sale</b> {{unsubscribeUrl}}'))).toEqual([
        'must be plain text, without HTML markup',
      ]);
      expect(inspectTemplate('Hi <a href="x">', 'subject').problems).toHaveLength(1);
      expect(inspectTemplate('5 < 6 and 7 > 3', 'text').problems).toEqual([]);
    });
  });

  describe('opt-out', () => {
    it('rejects a marketing SMS without the opt-out link', () => {
      expect(issues(sms('{{shopName}}: sale'))).toEqual([
        'a marketing SMS must include {{unsubscribeUrl}} (a short opt-out link)',
      ]);
    });

    it('rejects a marketing SMS whose opt-out link sits in a section and may render empty', () => {
      expect(issues(sms('{{#link}}{{unsubscribeUrl}}{{/link}}'))).toHaveLength(1);
    });

    it('accepts a transactional SMS without an opt-out link', () => {
      expect(issues(sms('{{shopName}}: your order is on its way', 'transactional'))).toEqual([]);
    });

    it('rejects a marketing email whose text part lacks the opt-out link', () => {
      const result = EmailTemplate.safeParse({
        id: 'x',
        name: 'X',
        channel: 'email',
        purpose: 'marketing',
        locales: {
          en: { subject: 'Sale', html: '<a href="{{unsubscribeUrl}}">out</a>', text: 'Sale' },
        },
      });
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
        'locales.en.text',
      ]);
    });
  });

  describe('languages', () => {
    it('rejects a template with no language', () => {
      expect(issues({ ...sms('x'), locales: {} })).toEqual(['needs at least one language']);
    });

    it("chooses the customer's language, then the shop's, then Vietnamese", () => {
      const both = { locales: { vi: { text: 'a' }, en: { text: 'b' } } };
      const viOnly = { locales: { vi: { text: 'a' } } };
      const enOnly = { locales: { en: { text: 'b' } } };
      expect(chooseLocale(both, 'en', 'vi')).toBe('en');
      expect(chooseLocale(viOnly, 'en', 'en')).toBe('vi');
      expect(chooseLocale(enOnly, 'vi', 'vi')).toBe('en');
    });
  });

  describe('built-in templates', () => {
    it.each(builtInTemplates.map((template) => [template.id, template] as const))(
      'passes the schema for %s',
      (_id, template) => {
        const schema = template.channel === 'email' ? EmailTemplate : SmsTemplate;
        expect(schema.safeParse(template).error?.issues ?? []).toEqual([]);
      },
    );

    it('offers win-back, outage (marketing and to open orders) and promotion by email and SMS in both languages', () => {
      expect(builtInTemplates.map((template) => template.id)).toEqual([
        'win-back-email',
        'win-back-sms',
        'outage-email',
        'outage-sms',
        'promotion-email',
        'promotion-sms',
        'outage-order-email',
        'outage-order-sms',
      ]);
      for (const template of builtInTemplates) {
        expect(Object.keys(template.locales).sort()).toEqual(['en', 'vi']);
      }
    });
  });
});
