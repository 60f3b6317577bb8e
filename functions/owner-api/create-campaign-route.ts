import { BroadcastRequest, PromotionRequest } from '../../workflows/campaigns/campaign';
import { createCampaign, type CampaignRequest } from '../../workflows/campaigns/create-campaign';
import { campaignFanOutQueue } from '../runtime/campaign-queues';
import { campaignLocation, campaignRoute, campaignView, idempotencyKeyOf } from './campaign-http';

const requestSchemas = { broadcast: BroadcastRequest, promotion: PromotionRequest } as const;

/**
 * `POST /broadcasts` and `POST /campaigns`: 201 the first time, 200 with the same campaign when
 * the same Idempotency-Key comes again (a double tap, a retry). Templates are checked against the
 * owner's versions, the ones the dispatcher will send (`templateLookup`), not the built-ins only.
 */
export function createCampaignRoute(kind: CampaignRequest['kind']) {
  return campaignRoute(async (request, services) => {
    const key = idempotencyKeyOf(request);
    const input = { kind, request: request.body(requestSchemas[kind]) } as CampaignRequest;
    const [templates, settings] = await Promise.all([
      services.templateLookup(),
      services.settings().get(),
    ]);
    const { campaign, created } = await createCampaign(
      {
        campaigns: services.campaigns(),
        fanOut: campaignFanOutQueue(),
        scheduler: services.campaignScheduler(),
        templates,
        settings,
        clock: services.clock,
      },
      key,
      input,
    );
    return {
      status: created ? 201 : 200,
      body: campaignView(campaign),
      headers: { location: campaignLocation(campaign.id) },
    };
  });
}
