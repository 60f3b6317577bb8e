import { z } from 'zod';
import {
  BroadcastRequest,
  Campaign,
  CampaignListQuery,
  CampaignPath,
  EstimateRequest,
  IdempotencyKey,
  PromotionRequest,
} from '../../workflows/campaigns/campaign';
import { CampaignEstimate } from '../../workflows/campaigns/estimate';
import { CampaignProgress } from '../../workflows/campaigns/progress';
import type { OperationDoc } from './operations';
import { campaignNotFound } from './problems';

const CampaignView = Campaign.omit({ requestHash: true }).meta({ id: 'Campaign' });

const idempotencyKey = z.object({
  'Idempotency-Key': IdempotencyKey.meta({
    description:
      'Required. A new unique value per campaign (a UUID will do), and the same value when retrying: the same key creates the campaign once and answers it again (200); the same key with a different body is refused (409).',
    example: '5b3f0c2e-8a41-4c1e-9a57-0f6f2d1b9e10',
  }),
});

const created = (description: string) => ({
  201: {
    description,
    schema: CampaignView,
    headers: z.object({
      Location: z.string().meta({ description: 'Where to follow the campaign’s progress.' }),
    }),
  },
  200: {
    description: 'The same Idempotency-Key came again: the campaign it created, unchanged.',
    schema: CampaignView,
  },
});

const broadcastExample = {
  message: 'Fanpage của shop đang bị khoá tạm thời.',
  websiteUrl: 'https://thaomoc.vn',
  hotline: '0909 123 456',
  zaloUrl: 'https://zalo.me/0909123456',
};
const promotionExample = {
  name: 'Giảm 20% cuối tuần',
  segment: { tags: { any: ['vip'] }, lapse: ['due'] },
  channels: ['email', 'sms'],
  variables: { offer: 'Giảm 20% mọi đơn cuối tuần', voucherCode: 'CUOITUAN20' },
  sendAt: '2026-11-28T09:00:00+07:00',
};

/** The OpenAPI operations of the broadcast and promotion routes, by route name. */
export const campaignOperations: Readonly<Record<string, OperationDoc>> = {
  createBroadcast: {
    tag: 'Campaigns',
    summary: 'Broadcast where to order during an outage',
    description:
      'Tells every customer the rules allow, at once, where to order while the usual channel is down. It is advertising (marketing consent, `[QC]`, opt-out, SMS held outside 07:00–22:00 and sent from 07:00) except to a customer with an order placed in the last 30 days, who gets a service message about reaching the shop. Exempt from the shop’s own daily cap, never from the legal three a day; each skipped message is counted by reason. Follow the Location for progress.',
    headers: idempotencyKey,
    body: { schema: BroadcastRequest, example: broadcastExample },
    success: created('Created; the fan-out has been queued.'),
    problems: [409],
  },
  createPromotion: {
    tag: 'Campaigns',
    summary: 'Send a promotion to a segment, now or later',
    description:
      'A marketing message to the customers in `segment` (every criterion must hold; an empty segment is everyone), with the built-in promotion templates or the owner’s. `sendAt` in the future makes a one-time schedule; absent, it starts now. Estimate it first with POST /campaign-estimates.',
    headers: idempotencyKey,
    body: { schema: PromotionRequest, example: promotionExample },
    success: created('Created; started, or scheduled for `sendAt`.'),
    problems: [409],
  },
  estimateCampaign: {
    tag: 'Campaigns',
    summary: 'Audience, cost and a sample before sending',
    description:
      'For a broadcast or promotion body: the customers it would reach per channel (consent given, address not suppressed), emails and SMS segments and their cost at `smsPricePerSegment` (null until set), and the message rendered for the first customer reached on each channel. Stores and sends nothing.',
    body: { schema: EstimateRequest, example: { kind: 'promotion', promotion: promotionExample } },
    success: { 200: { description: 'The estimate.', schema: CampaignEstimate } },
  },
  listCampaigns: {
    tag: 'Campaigns',
    summary: 'List broadcasts and promotions',
    description: 'Newest first; pass `nextCursor` back as `cursor` for the next page.',
    query: CampaignListQuery,
    success: {
      200: {
        description: 'A page of campaigns.',
        schema: z.object({ campaigns: z.array(CampaignView), nextCursor: z.string().optional() }),
      },
    },
  },
  getCampaign: {
    tag: 'Campaigns',
    summary: 'A campaign and its progress',
    description:
      '`queued` counts the messages put on the send queue; `sent`, `failed`, `unknown` and `skipped` (by reason) those settled; `pending` the rest (waiting, or held for quiet hours).',
    path: CampaignPath,
    success: {
      200: {
        description: 'The campaign and its counts.',
        schema: z.object({ campaign: CampaignView, progress: CampaignProgress }),
      },
    },
    problems: [404],
    notFound: campaignNotFound,
  },
  cancelCampaign: {
    tag: 'Campaigns',
    summary: 'Cancel a campaign',
    description:
      'Stops a scheduled, fanning-out or queued campaign: what is not yet sent is skipped as `campaign_cancelled` (within a few seconds). Cancelling again answers the cancelled campaign; a campaign with every message settled answers 409.',
    path: CampaignPath,
    success: { 200: { description: 'The cancelled campaign.', schema: CampaignView } },
    problems: [404, 409],
    notFound: campaignNotFound,
  },
};
