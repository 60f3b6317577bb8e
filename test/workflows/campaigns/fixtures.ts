import type { Campaign } from '../../../workflows/campaigns/campaign';
import type { AudienceProfile } from '../../../workflows/campaigns/segment';

export const NOW = '2026-11-23T03:00:00.000Z';

export function aProfile(overrides: Partial<AudienceProfile> = {}): AudienceProfile {
  return {
    id: '01JD3K8ZQ4X5N6P7R8S9T0VWXY',
    phone: '+84912345678',
    email: 'lan.nguyen@example.com',
    locale: 'vi',
    tags: [],
    source: 'shopee',
    aggregates: {
      orderCount: 2,
      totalSpent: { amount: 300_000, currency: 'VND' },
      lastPurchaseDay: '2026-08-01',
      lastOrderAt: '2026-08-01T05:00:00.000Z',
    },
    lapse: { dueDay: '2026-10-01' },
    consent: { email: {}, sms: {} },
    suppression: {},
    ...overrides,
  };
}

export function aCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: '0123456789ABCDEFGHJKMNPQRS',
    kind: 'broadcast',
    name: 'Fanpage bị khoá',
    channels: ['email', 'sms'],
    templateIds: {},
    variables: { hotline: '0909 123 456', message: 'Fanpage đang bị khoá tạm thời.' },
    sendAt: NOW,
    status: 'fanning_out',
    scanSegments: 4,
    requestHash: 'x',
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    ...overrides,
  };
}
