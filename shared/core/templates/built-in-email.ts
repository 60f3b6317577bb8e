import type { Locale } from '../settings';
import type { EmailContent, EmailTemplate } from './message-template';

// The built-in emails share one plain layout: a greeting, the body, the shop's signature and the
// opt-out footer every marketing email needs.
const greeting: Record<Locale, string> = {
  vi: 'Chào {{customerName}},',
  en: 'Hi {{customerName}},',
};
const signature: Record<Locale, string> = {
  vi: 'Thân mến,',
  en: 'Best wishes,',
};
const footerHtml: Record<Locale, string> = {
  vi: 'Bạn nhận được email này vì đã đồng ý nhận tin từ {{shopName}}. Không muốn nhận nữa? <a href="{{unsubscribeUrl}}">Từ chối nhận tin</a>',
  en: 'You are receiving this because you agreed to hear from {{shopName}}. Not interested any more? <a href="{{unsubscribeUrl}}">Unsubscribe</a>',
};
const footerText: Record<Locale, string> = {
  vi: 'Bạn nhận được email này vì đã đồng ý nhận tin từ {{shopName}}.\nTừ chối nhận tin: {{unsubscribeUrl}}',
  en: 'You are receiving this because you agreed to hear from {{shopName}}.\nUnsubscribe: {{unsubscribeUrl}}',
};

function email(locale: Locale, subject: string, html: string, text: string): EmailContent {
  return {
    subject,
    html: [
      '<!doctype html>',
      `<html lang="${locale}"><head><meta charset="utf-8"><title>${subject}</title></head>`,
      '<body style="font-family:Arial,sans-serif;line-height:1.5;color:#222">',
      `<p>${greeting[locale]}</p>`,
      html,
      `<p>${signature[locale]}<br>{{shopName}}</p>`,
      `<p style="font-size:12px;color:#666">${footerHtml[locale]}</p>`,
      '</body></html>',
      '',
    ].join('\n'),
    text: [
      greeting[locale],
      '',
      text,
      '',
      signature[locale],
      '{{shopName}}',
      '',
      '--',
      footerText[locale],
      '',
    ].join('\n'),
  };
}

export const winBackEmail: EmailTemplate = {
  id: 'win-back-email',
  name: 'Win-back email',
  channel: 'email',
  purpose: 'marketing',
  locales: {
    vi: email(
      'vi',
      'Lâu rồi không gặp, {{shopName}} nhớ {{customerName}}!',
      [
        '<p>Đã lâu rồi {{shopName}} chưa được gặp lại bạn. Chúng tôi vừa có thêm nhiều sản phẩm mới và rất mong được phục vụ bạn lần nữa.</p>',
        '{{#voucherCode}}<p>Nhập mã <strong>{{voucherCode}}</strong> khi đặt hàng để nhận ưu đãi dành riêng cho bạn.</p>{{/voucherCode}}',
        '{{#link}}<p><a href="{{link}}">Xem sản phẩm mới</a></p>{{/link}}',
      ].join('\n'),
      [
        'Đã lâu rồi {{shopName}} chưa được gặp lại bạn. Chúng tôi vừa có thêm nhiều sản phẩm mới và rất mong được phục vụ bạn lần nữa.',
        '{{#voucherCode}}',
        'Nhập mã {{voucherCode}} khi đặt hàng để nhận ưu đãi dành riêng cho bạn.',
        '{{/voucherCode}}',
        '{{#link}}',
        'Xem sản phẩm mới: {{link}}',
        '{{/link}}',
      ].join('\n'),
    ),
    en: email(
      'en',
      'We miss you, {{customerName}}!',
      [
        '<p>It has been a while since your last order at {{shopName}}. We have plenty of new things in and would love to see you again.</p>',
        '{{#voucherCode}}<p>Use the code <strong>{{voucherCode}}</strong> at checkout for an offer just for you.</p>{{/voucherCode}}',
        '{{#link}}<p><a href="{{link}}">See what is new</a></p>{{/link}}',
      ].join('\n'),
      [
        'It has been a while since your last order at {{shopName}}. We have plenty of new things in and would love to see you again.',
        '{{#voucherCode}}',
        'Use the code {{voucherCode}} at checkout for an offer just for you.',
        '{{/voucherCode}}',
        '{{#link}}',
        'See what is new: {{link}}',
        '{{/link}}',
      ].join('\n'),
    ),
  },
};

const whereToOrderHtml: Record<Locale, string> = {
  vi: [
    '<ul>',
    '{{#websiteUrl}}<li>Website: <a href="{{websiteUrl}}">{{websiteUrl}}</a></li>{{/websiteUrl}}',
    '{{#hotline}}<li>Hotline: {{hotline}}</li>{{/hotline}}',
    '{{#zaloUrl}}<li>Zalo: <a href="{{zaloUrl}}">{{zaloUrl}}</a></li>{{/zaloUrl}}',
    '{{#storeAddress}}<li>Cửa hàng: {{storeAddress}}</li>{{/storeAddress}}',
    '</ul>',
  ].join('\n'),
  en: [
    '<ul>',
    '{{#websiteUrl}}<li>Website: <a href="{{websiteUrl}}">{{websiteUrl}}</a></li>{{/websiteUrl}}',
    '{{#hotline}}<li>Hotline: {{hotline}}</li>{{/hotline}}',
    '{{#zaloUrl}}<li>Zalo: <a href="{{zaloUrl}}">{{zaloUrl}}</a></li>{{/zaloUrl}}',
    '{{#storeAddress}}<li>Store: {{storeAddress}}</li>{{/storeAddress}}',
    '</ul>',
  ].join('\n'),
};
const whereToOrderText: Record<Locale, string> = {
  vi: '{{#websiteUrl}}\n- Website: {{websiteUrl}}\n{{/websiteUrl}}\n{{#hotline}}\n- Hotline: {{hotline}}\n{{/hotline}}\n{{#zaloUrl}}\n- Zalo: {{zaloUrl}}\n{{/zaloUrl}}\n{{#storeAddress}}\n- Cửa hàng: {{storeAddress}}\n{{/storeAddress}}',
  en: '{{#websiteUrl}}\n- Website: {{websiteUrl}}\n{{/websiteUrl}}\n{{#hotline}}\n- Hotline: {{hotline}}\n{{/hotline}}\n{{#zaloUrl}}\n- Zalo: {{zaloUrl}}\n{{/zaloUrl}}\n{{#storeAddress}}\n- Store: {{storeAddress}}\n{{/storeAddress}}',
};

/** The owner's own words for this broadcast, on a line of their own, only when given. */
const ownerMessageHtml = '{{#message}}<p>{{message}}</p>{{/message}}';
const ownerMessageText = '{{#message}}\n{{message}}\n{{/message}}';

export const outageEmail: EmailTemplate = {
  id: 'outage-email',
  name: 'Outage broadcast email',
  channel: 'email',
  purpose: 'marketing',
  locales: {
    vi: email(
      'vi',
      '{{shopName}}: bạn vẫn đặt hàng được tại đây',
      [
        '<p>Kênh bán hàng quen thuộc của {{shopName}} đang tạm thời gặp sự cố. Bạn vẫn có thể đặt hàng như bình thường qua:</p>',
        ownerMessageHtml,
        whereToOrderHtml.vi,
        '<p>Xin lỗi bạn vì sự bất tiện này và cảm ơn bạn đã luôn ủng hộ {{shopName}}.</p>',
      ].join('\n'),
      [
        'Kênh bán hàng quen thuộc của {{shopName}} đang tạm thời gặp sự cố. Bạn vẫn có thể đặt hàng như bình thường qua:',
        ownerMessageText,
        whereToOrderText.vi,
        'Xin lỗi bạn vì sự bất tiện này và cảm ơn bạn đã luôn ủng hộ {{shopName}}.',
      ].join('\n'),
    ),
    en: email(
      'en',
      '{{shopName}}: you can still order here',
      [
        '<p>The channel you usually order from {{shopName}} on is down for now. You can still order as usual through:</p>',
        ownerMessageHtml,
        whereToOrderHtml.en,
        '<p>Sorry for the trouble, and thank you for sticking with {{shopName}}.</p>',
      ].join('\n'),
      [
        'The channel you usually order from {{shopName}} on is down for now. You can still order as usual through:',
        ownerMessageText,
        whereToOrderText.en,
        'Sorry for the trouble, and thank you for sticking with {{shopName}}.',
      ].join('\n'),
    ),
  },
};

export const promotionEmail: EmailTemplate = {
  id: 'promotion-email',
  name: 'Promotion email',
  channel: 'email',
  purpose: 'marketing',
  locales: {
    vi: email(
      'vi',
      '{{shopName}}: {{offer}}',
      [
        '<p>{{shopName}} có ưu đãi dành cho bạn: <strong>{{offer}}</strong></p>',
        '{{#voucherCode}}<p>Mã ưu đãi: <strong>{{voucherCode}}</strong></p>{{/voucherCode}}',
        '{{#link}}<p><a href="{{link}}">Mua ngay</a></p>{{/link}}',
      ].join('\n'),
      [
        '{{shopName}} có ưu đãi dành cho bạn: {{offer}}',
        '{{#voucherCode}}',
        'Mã ưu đãi: {{voucherCode}}',
        '{{/voucherCode}}',
        '{{#link}}',
        'Mua ngay: {{link}}',
        '{{/link}}',
      ].join('\n'),
    ),
    en: email(
      'en',
      '{{shopName}}: {{offer}}',
      [
        '<p>{{shopName}} has an offer for you: <strong>{{offer}}</strong></p>',
        '{{#voucherCode}}<p>Your code: <strong>{{voucherCode}}</strong></p>{{/voucherCode}}',
        '{{#link}}<p><a href="{{link}}">Shop now</a></p>{{/link}}',
      ].join('\n'),
      [
        '{{shopName}} has an offer for you: {{offer}}',
        '{{#voucherCode}}',
        'Your code: {{voucherCode}}',
        '{{/voucherCode}}',
        '{{#link}}',
        'Shop now: {{link}}',
        '{{/link}}',
      ].join('\n'),
    ),
  },
};

/**
 * A service email: the same layout without the marketing footer, since it answers an order the
 * customer placed rather than advertising.
 */
function serviceEmail(locale: Locale, subject: string, html: string, text: string): EmailContent {
  const marketing = email(locale, subject, html, text);
  return {
    subject,
    html: marketing.html.replace(/<p style="font-size:12px;color:#666">.*<\/p>\n/, ''),
    text: marketing.text.replace(/\n--\n[\s\S]*$/, '\n'),
  };
}

/**
 * The outage notice for a customer with an open order (see campaignJobs): where to reach the shop
 * about that order while the usual channel is down. Transactional: no [QC], no opt-out footer.
 * So it has only fixed text and where to reach the shop, never the owner's own `message`: free
 * text could be an advertisement, sent this way without consent or label (campaignJobs drops it).
 */
export const outageOrderEmail: EmailTemplate = {
  id: 'outage-order-email',
  name: 'Outage notice email (open order)',
  channel: 'email',
  purpose: 'transactional',
  locales: {
    vi: serviceEmail(
      'vi',
      '{{shopName}}: cách liên hệ về đơn hàng của bạn',
      [
        '<p>Kênh bán hàng quen thuộc của {{shopName}} đang tạm thời gặp sự cố. Nếu bạn cần hỏi về đơn hàng đã đặt, vui lòng liên hệ với chúng tôi qua:</p>',
        whereToOrderHtml.vi,
        '<p>Đơn hàng của bạn vẫn được xử lý bình thường. Cảm ơn bạn đã tin tưởng {{shopName}}.</p>',
      ].join('\n'),
      [
        'Kênh bán hàng quen thuộc của {{shopName}} đang tạm thời gặp sự cố. Nếu bạn cần hỏi về đơn hàng đã đặt, vui lòng liên hệ với chúng tôi qua:',
        whereToOrderText.vi,
        'Đơn hàng của bạn vẫn được xử lý bình thường. Cảm ơn bạn đã tin tưởng {{shopName}}.',
      ].join('\n'),
    ),
    en: serviceEmail(
      'en',
      '{{shopName}}: how to reach us about your order',
      [
        '<p>The channel you usually reach {{shopName}} on is down for now. If you have a question about your order, you can reach us through:</p>',
        whereToOrderHtml.en,
        '<p>Your order is being handled as usual. Thank you for shopping with {{shopName}}.</p>',
      ].join('\n'),
      [
        'The channel you usually reach {{shopName}} on is down for now. If you have a question about your order, you can reach us through:',
        whereToOrderText.en,
        'Your order is being handled as usual. Thank you for shopping with {{shopName}}.',
      ].join('\n'),
    ),
  },
};
