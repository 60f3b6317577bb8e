import { describe, expect, it } from 'vitest';
import {
  renderUnsubscribeConfirmPage,
  renderUnsubscribedPage,
  unsubscribePageSecurityHeaders,
} from '../../../shared/core/messaging/unsubscribe-page';

describe('unsubscribe pages', () => {
  describe('language', () => {
    it('speaks Vietnamese, naming the channel, with a button that posts the one-click form', () => {
      const html = renderUnsubscribeConfirmPage({
        locale: 'vi',
        channel: 'email',
        shopName: 'Trà Mộc',
      });
      expect(html).toContain('lang="vi"');
      expect(html).toContain('Bạn sẽ không nhận email quảng cáo từ Trà Mộc nữa.');
      expect(html).toContain('<form method="post">');
      expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
    });

    it('says it is done, in English for an English-speaking customer', () => {
      const html = renderUnsubscribedPage({ locale: 'en', channel: 'sms' });
      expect(html).toContain('<h1>You are unsubscribed</h1>');
      expect(html).toContain('marketing text messages');
    });
  });

  describe('safety', () => {
    it('shows a shop name with markup as text', () => {
      const html = renderUnsubscribedPage({
        locale: 'vi',
        channel: 'sms',
        shopName: '<script>alert("x")</script>',
      });
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    });

    it('loads nothing from elsewhere and allows only its own style, by hash', () => {
      const html = renderUnsubscribeConfirmPage({ locale: 'vi', channel: 'sms' });
      expect(html).not.toMatch(/<script|<link|<img|https?:\/\//);
      const csp = unsubscribePageSecurityHeaders['content-security-policy'];
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
    });
  });
});
