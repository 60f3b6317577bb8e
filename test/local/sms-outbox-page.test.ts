import { describe, expect, it } from 'vitest';
import { smsOutboxHtml } from '../../infra/local/sms-outbox-page';
import type { SmsOutboxEntry } from '../../shared/adapters/sms/sms-outbox';

const entry = (overrides: Partial<SmsOutboxEntry>): SmsOutboxEntry => ({
  id: 'outbox-1',
  time: '2026-11-23T03:00:00.000Z',
  to: '+84912345678',
  senderId: 'THAOMOC',
  type: 'Promotional',
  text: 'Xin chào',
  encoding: 'UCS-2',
  segments: 1,
  ...overrides,
});

describe('SMS outbox page', () => {
  describe('rendering', () => {
    it('lists the newest first with its cost, and says so when empty', () => {
      const html = smsOutboxHtml(
        [entry({ text: 'cũ' }), entry({ text: 'mới', segments: 2 })],
        '/x/sms-outbox.jsonl',
      );
      expect(html.indexOf('mới')).toBeLessThan(html.indexOf('cũ'));
      expect(html).toContain('UCS-2, 2 segments');
      expect(html).toContain('<meta charset="utf-8">');
      expect(smsOutboxHtml([], '/x/sms-outbox.jsonl')).toContain('No SMS yet.');
    });

    it('escapes every value, so a text or sender id cannot inject markup', () => {
      const html = smsOutboxHtml(
        [entry({ text: '<img src=x onerror=alert(1)>', senderId: '"><b>' })],
        '/x/<f>.jsonl',
      );
      expect(html).not.toMatch(/<img|"><b>|<f>/);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });
  });
});
