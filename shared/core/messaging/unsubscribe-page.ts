import { createHash } from 'node:crypto';
import type { Channel } from '../consent';
import type { Locale } from '../settings';
import { escapeHtml } from '../escape-html';

/**
 * The pages behind an unsubscribe link: self-contained HTML (no script, no external resource),
 * every variable escaped, in the customer's language.
 */
export interface UnsubscribePageInput {
  readonly locale: Locale;
  readonly channel: Channel;
  /** The shop's name as the owner set it; untrusted text. */
  readonly shopName?: string;
}

const words = {
  vi: {
    what: { email: 'email quảng cáo', sms: 'tin nhắn SMS quảng cáo' },
    confirmTitle: 'Hủy đăng ký nhận quảng cáo',
    confirmText: (what: string, shop: string) => `Bạn sẽ không nhận ${what}${shop} nữa.`,
    from: (shop: string) => ` từ ${shop}`,
    button: 'Hủy đăng ký',
    doneTitle: 'Bạn đã hủy đăng ký',
    doneText: (what: string, shop: string) =>
      `Bạn sẽ không nhận ${what}${shop} nữa. Thông báo về đơn hàng của bạn vẫn được gửi như thường.`,
  },
  en: {
    what: { email: 'marketing emails', sms: 'marketing text messages' },
    confirmTitle: 'Unsubscribe from marketing',
    confirmText: (what: string, shop: string) => `You will no longer receive ${what}${shop}.`,
    from: (shop: string) => ` from ${shop}`,
    button: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    doneText: (what: string, shop: string) =>
      `You will no longer receive ${what}${shop}. Messages about your own orders still reach you.`,
  },
} as const;

const style =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}' +
  'button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:.4rem;background:#b3261e;color:#fff;cursor:pointer}';

/**
 * Nothing but the inline style (by hash) may load, the form may post only back here, and no one
 * may frame the page (a framed unsubscribe button is a clickjacking target).
 */
export const unsubscribePageSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  // The token is in the URL: never pass it on, never keep the page in a shared cache.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function page(locale: Locale, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>` +
    `<style>${style}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  );
}

function phrases(input: UnsubscribePageInput) {
  const text = words[input.locale];
  const shop = input.shopName ? text.from(input.shopName) : '';
  return { text, what: text.what[input.channel], shop };
}

/** Before the click: what the link unsubscribes from, and a button that POSTs (RFC 8058). */
export function renderUnsubscribeConfirmPage(input: UnsubscribePageInput): string {
  const { text, what, shop } = phrases(input);
  return page(
    input.locale,
    text.confirmTitle,
    `<p>${escapeHtml(text.confirmText(what, shop))}</p>` +
      '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
      `<input type="hidden" name="via" value="page"><button type="submit">${escapeHtml(text.button)}</button></form>`,
  );
}

/** After the click: done. */
export function renderUnsubscribedPage(input: UnsubscribePageInput): string {
  const { text, what, shop } = phrases(input);
  return page(input.locale, text.doneTitle, `<p>${escapeHtml(text.doneText(what, shop))}</p>`);
}
