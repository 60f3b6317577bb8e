import { describe, expect, it } from 'vitest';
import type { SendOptions } from '../../../shared/core/ports';
import type { FanOutMessage } from '../../../workflows/campaigns/campaign';
import { fanOutSegment, SUPERSEDED_DELAY_SECONDS } from '../../../workflows/campaigns/fan-out';
import type { CampaignStore } from '../../../workflows/campaigns/ports';
import { sendingShop } from '../../helpers/dispatch-deps';
import { aCampaign, aProfile, NOW } from './fixtures';

const clock = { now: () => new Date(NOW) };

describe('fanOutSegment', () => {
  it('hands its message back when another delivery committed the page first', async () => {
    const sent: Array<[FanOutMessage, SendOptions | undefined]> = [];
    const campaign = aCampaign();
    const campaigns = {
      get: async () => campaign,
      segment: async () => undefined,
      commitPage: async () => false,
    } as unknown as CampaignStore;
    const message = {
      kind: 'segment',
      campaignId: campaign.id,
      segment: 1,
      totalSegments: 4,
    } as const;
    const outcome = await fanOutSegment(
      {
        campaigns,
        audience: { page: async () => ({ profiles: [aProfile()] }) },
        sendJobs: { sendAll: async () => undefined },
        fanOut: { send: async (sentMessage, options) => void sent.push([sentMessage, options]) },
        settings: sendingShop,
        clock,
      },
      message,
    );
    expect(outcome).toBe('superseded');
    expect(sent).toEqual([[message, { delaySeconds: SUPERSEDED_DELAY_SECONDS }]]);
  });
});
