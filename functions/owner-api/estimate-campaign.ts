import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import { EstimateRequest } from '../../workflows/campaigns/campaign';
import { campaignFromRequest } from '../../workflows/campaigns/create-campaign';
import { estimateCampaign } from '../../workflows/campaigns/estimate';
import { ok } from '../runtime/http-route';
import { campaignRoute } from './campaign-http';

/** As long as a real unsubscribe link, so an SMS sample counts the segments it will use. */
const SAMPLE_OPT_OUT_URL = `https://example.com/u/${'x'.repeat(51)}`;

/**
 * Before sending: the audience per channel, what it costs, and the message rendered for the first
 * customer reached on each channel. Reads every profile; stores and sends nothing.
 */
export const handler = campaignRoute(async (request, services) => {
  const body = request.body(EstimateRequest);
  // The owner may have just changed the SMS price: read the stored settings.
  const settings = await services.settingsStore().get();
  const now = services.clock.now().toISOString();
  const input =
    body.kind === 'broadcast'
      ? { kind: 'broadcast' as const, request: body.broadcast }
      : { kind: 'promotion' as const, request: body.promotion };
  const campaign = campaignFromRequest(
    { templates: builtInTemplate, settings },
    'estimate',
    input,
    now,
  );
  const audience = services.campaignAudience();
  const estimate = await estimateCampaign(
    { settings, templates: builtInTemplate, sampleOptOutUrl: SAMPLE_OPT_OUT_URL },
    campaign,
    audience.all(campaign.scanSegments),
    now,
  );
  return ok(estimate);
});
