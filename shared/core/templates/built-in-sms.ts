import type { SmsTemplate } from './message-template';

// Brandname SMS in Vietnam is one-way, so the opt-out is a short link on its own line. Optional
// details sit in sections on lines of their own, which mustache drops whole when a value is absent.

export const winBackSms: SmsTemplate = {
  id: 'win-back-sms',
  name: 'Win-back SMS',
  channel: 'sms',
  purpose: 'marketing',
  locales: {
    vi: {
      text: [
        '{{shopName}}: Lâu rồi không gặp {{customerName}}!',
        '{{#voucherCode}}',
        'Nhập mã {{voucherCode}} để nhận ưu đãi.',
        '{{/voucherCode}}',
        '{{#link}}',
        'Đặt hàng: {{link}}',
        '{{/link}}',
        'Từ chối nhận tin: {{unsubscribeUrl}}',
      ].join('\n'),
    },
    en: {
      text: [
        '{{shopName}}: We miss you, {{customerName}}!',
        '{{#voucherCode}}',
        'Use code {{voucherCode}} for an offer.',
        '{{/voucherCode}}',
        '{{#link}}',
        'Order: {{link}}',
        '{{/link}}',
        'Unsubscribe: {{unsubscribeUrl}}',
      ].join('\n'),
    },
  },
};

export const outageSms: SmsTemplate = {
  id: 'outage-sms',
  name: 'Outage broadcast SMS',
  channel: 'sms',
  purpose: 'marketing',
  locales: {
    vi: {
      text: [
        '{{shopName}}: Kênh bán hàng cũ đang gặp sự cố, bạn vẫn đặt hàng được qua:',
        '{{#message}}',
        '{{message}}',
        '{{/message}}',
        '{{#websiteUrl}}',
        'Web: {{websiteUrl}}',
        '{{/websiteUrl}}',
        '{{#hotline}}',
        'Hotline: {{hotline}}',
        '{{/hotline}}',
        '{{#zaloUrl}}',
        'Zalo: {{zaloUrl}}',
        '{{/zaloUrl}}',
        '{{#storeAddress}}',
        'Cửa hàng: {{storeAddress}}',
        '{{/storeAddress}}',
        'Từ chối nhận tin: {{unsubscribeUrl}}',
      ].join('\n'),
    },
    en: {
      text: [
        '{{shopName}}: Our usual channel is down; you can still order via:',
        '{{#message}}',
        '{{message}}',
        '{{/message}}',
        '{{#websiteUrl}}',
        'Web: {{websiteUrl}}',
        '{{/websiteUrl}}',
        '{{#hotline}}',
        'Hotline: {{hotline}}',
        '{{/hotline}}',
        '{{#zaloUrl}}',
        'Zalo: {{zaloUrl}}',
        '{{/zaloUrl}}',
        '{{#storeAddress}}',
        'Store: {{storeAddress}}',
        '{{/storeAddress}}',
        'Unsubscribe: {{unsubscribeUrl}}',
      ].join('\n'),
    },
  },
};

export const promotionSms: SmsTemplate = {
  id: 'promotion-sms',
  name: 'Promotion SMS',
  channel: 'sms',
  purpose: 'marketing',
  locales: {
    vi: {
      text: [
        '{{shopName}}: {{offer}}',
        '{{#voucherCode}}',
        'Mã: {{voucherCode}}',
        '{{/voucherCode}}',
        '{{#link}}',
        'Mua ngay: {{link}}',
        '{{/link}}',
        'Từ chối nhận tin: {{unsubscribeUrl}}',
      ].join('\n'),
    },
    en: {
      text: [
        '{{shopName}}: {{offer}}',
        '{{#voucherCode}}',
        'Code: {{voucherCode}}',
        '{{/voucherCode}}',
        '{{#link}}',
        'Shop now: {{link}}',
        '{{/link}}',
        'Unsubscribe: {{unsubscribeUrl}}',
      ].join('\n'),
    },
  },
};

/**
 * The outage notice for a customer with an open order: where to reach the shop about that order
 * while the usual channel is down. A service message, not an advertisement, so no label and no
 * opt-out line; it still honours a transactional withdrawal and a suppression. No `message`: the
 * owner's free text could be an advertisement, which this variant may not carry (see
 * campaignJobs).
 */
export const outageOrderSms: SmsTemplate = {
  id: 'outage-order-sms',
  name: 'Outage notice SMS (open order)',
  channel: 'sms',
  purpose: 'transactional',
  // Ends on a fixed line: a text ending in a dropped section would end in a stray line break.
  locales: {
    vi: {
      text: [
        '{{shopName}}: Kênh bán hàng cũ đang gặp sự cố. Cần hỏi về đơn hàng của bạn, vui lòng liên hệ:',
        '{{#hotline}}',
        'Hotline: {{hotline}}',
        '{{/hotline}}',
        '{{#zaloUrl}}',
        'Zalo: {{zaloUrl}}',
        '{{/zaloUrl}}',
        '{{#websiteUrl}}',
        'Web: {{websiteUrl}}',
        '{{/websiteUrl}}',
        '{{#storeAddress}}',
        'Cửa hàng: {{storeAddress}}',
        '{{/storeAddress}}',
        'Xin cảm ơn!',
      ].join('\n'),
    },
    en: {
      text: [
        '{{shopName}}: Our usual channel is down. For anything about your order, reach us via:',
        '{{#hotline}}',
        'Hotline: {{hotline}}',
        '{{/hotline}}',
        '{{#zaloUrl}}',
        'Zalo: {{zaloUrl}}',
        '{{/zaloUrl}}',
        '{{#websiteUrl}}',
        'Web: {{websiteUrl}}',
        '{{/websiteUrl}}',
        '{{#storeAddress}}',
        'Store: {{storeAddress}}',
        '{{/storeAddress}}',
        'Thank you!',
      ].join('\n'),
    },
  },
};
