import { PromotionRequest } from '../../workflows/campaigns/campaign';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import { createCampaign } from '../../workflows/campaigns/create-campaign';
import { campaignFanOutQueue } from '../runtime/campaign-queues';
import { campaignLocation, campaignRoute, campaignView, idempotencyKeyOf } from './campaign-http';

/**
 * A promotion to a segment, now or at `sendAt` (a one-time schedule): 201 the first time, 200
 * with the same campaign when the same Idempotency-Key comes again. Follow `location` for progress.
 */
export const handler = campaignRoute(async (request, services) => {
  const key = idempotencyKeyOf(request);
  const input = request.body(PromotionRequest);
  const { campaign, created } = await createCampaign(
    {
      campaigns: services.campaigns(),
      fanOut: campaignFanOutQueue(),
      scheduler: services.campaignScheduler(),
      templates: builtInTemplate,
      settings: await services.settings().get(),
      clock: services.clock,
    },
    key,
    { kind: 'promotion', request: input },
  );
  return {
    status: created ? 201 : 200,
    body: campaignView(campaign),
    headers: { location: campaignLocation(campaign.id) },
  };
});
