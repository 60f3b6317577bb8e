import { BroadcastRequest } from '../../workflows/campaigns/campaign';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import { createCampaign } from '../../workflows/campaigns/create-campaign';
import { campaignFanOutQueue } from '../runtime/campaign-queues';
import { campaignLocation, campaignRoute, campaignView, idempotencyKeyOf } from './campaign-http';

/**
 * An outage broadcast, sent at once: 201 the first time, 200 with the same broadcast when the
 * same Idempotency-Key comes again (a double tap, a retry). Follow `location` for progress.
 */
export const handler = campaignRoute(async (request, services) => {
  const key = idempotencyKeyOf(request);
  const input = request.body(BroadcastRequest);
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
    { kind: 'broadcast', request: input },
  );
  return {
    status: created ? 201 : 200,
    body: campaignView(campaign),
    headers: { location: campaignLocation(campaign.id) },
  };
});
