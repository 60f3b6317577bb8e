import type { OutgoingEmail, OutgoingSms } from '../../shared/core/messaging/senders';

/** A marketing email as the dispatcher would hand it to an EmailSender. */
export function anEmail(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to: 'lan.nguyen@example.com',
    from: { address: 'shop@example.com', name: 'Xà phòng Thảo Mộc' },
    subject: '[QC] Lâu rồi không gặp, chị Lan!',
    html: '<p>Chào chị Lan, shop có <b>ưu đãi</b> mới.</p>',
    text: 'Chào chị Lan, shop có ưu đãi mới.',
    headers: {
      'List-Unsubscribe':
        '<https://shop.example.com/unsubscribe/TOKEN>, <mailto:unsubscribe@example.com?subject=TOKEN>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    configurationSetName: 'regulars-shop',
    tags: { workflow: 'win-back', step: 'email-1' },
    ...overrides,
  };
}

/** A marketing SMS as the dispatcher would hand it to an SmsSender. */
export function anSms(overrides: Partial<OutgoingSms> = {}): OutgoingSms {
  return {
    to: '+84912345678',
    senderId: 'THAOMOC',
    text: '[QC] Thảo Mộc tặng chị Lan mã giảm 10%. Từ chối: https://s.example.com/u/abc',
    type: 'Promotional',
    ...overrides,
  };
}
