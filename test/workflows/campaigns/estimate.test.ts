import { describe, expect, it } from 'vitest';
import { SmsTemplate } from '../../../shared/core/templates/message-template';
import { builtInTemplate } from '../../../shared/core/templates/built-in-templates';
import { estimateCampaign } from '../../../workflows/campaigns/estimate';
import type { AudienceProfile } from '../../../workflows/campaigns/segment';
import { sendingShop } from '../../helpers/dispatch-deps';
import { aCampaign, aProfile, NOW } from './fixtures';

const granted = {
  status: 'granted',
  at: '2026-10-01T00:00:00.000Z',
  source: 'checkout',
} as const;

/** An owner's SMS whose length depends on the customer's name. */
const byName = SmsTemplate.parse({
  id: 'hello-by-name',
  name: 'Hello by name',
  channel: 'sms',
  purpose: 'marketing',
  locales: { vi: { text: 'Chao {{customerName}}! {{offer}} Huy: {{unsubscribeUrl}}' } },
});

async function* each(profiles: AudienceProfile[]) {
  yield* profiles;
}

describe('estimateCampaign', () => {
  it('measures SMS segments on each customer’s own text, not the first one’s', async () => {
    const person = (id: string, name: string) =>
      aProfile({
        id,
        name,
        email: undefined,
        aggregates: { ...aProfile().aggregates, lastOrderAt: null },
        consent: { email: {}, sms: { marketing: granted } },
      });
    const campaign = aCampaign({
      kind: 'promotion',
      channels: ['sms'],
      templateIds: { sms: 'hello-by-name' },
      variables: { offer: 'Giam 20%' },
      segment: {},
    });
    const templates = (id: string) => (id === 'hello-by-name' ? byName : builtInTemplate(id));
    const estimate = await estimateCampaign(
      {
        settings: sendingShop,
        templates,
        sampleOptOutUrl: `https://example.com/u/${'x'.repeat(51)}`,
      },
      campaign,
      each([
        person('01JD3K8ZQ4X5N6P7R8S9T0VWX1', 'Lan'),
        person('01JD3K8ZQ4X5N6P7R8S9T0VWX2', 'N'.repeat(100)),
        person('01JD3K8ZQ4X5N6P7R8S9T0VWX3', 'Mai'),
      ]),
      NOW,
    );
    expect(estimate.audience.sms).toBe(3);
    // One segment each for the short names, more for the long one.
    expect(estimate.cost.smsSegments).toBeGreaterThan(3);
  });
});
