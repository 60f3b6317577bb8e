import { InvalidInputError } from '../../shared/core/errors';
import { EstimateRequest } from '../../workflows/campaigns/campaign';
import { campaignFromRequest } from '../../workflows/campaigns/create-campaign';
import { estimateCampaign } from '../../workflows/campaigns/estimate';
import { ok } from '../runtime/http-route';
import { campaignRoute } from './campaign-http';

/** As long as a real unsubscribe link, so an SMS sample counts the segments it will use. */
const SAMPLE_OPT_OUT_URL = `https://example.com/u/${'x'.repeat(51)}`;

/**
 * Before sending: the audience per channel, what it costs, and the message rendered for the first
 * customer reached on each channel. Reads every profile; stores and sends nothing. Templates are
 * the owner's versions, as the dispatcher will send them.
 */
export const handler = campaignRoute(async (request, services) => {
  const body = request.body(EstimateRequest);
  // The owner may have just changed the SMS price: read the stored settings.
  const [settings, templates] = await Promise.all([
    services.settingsStore().get(),
    services.templateLookup(),
  ]);
  const now = services.clock.now().toISOString();
  const input =
    body.kind === 'broadcast'
      ? { kind: 'broadcast' as const, request: body.broadcast }
      : { kind: 'promotion' as const, request: body.promotion };
  const campaign = withFieldsUnder(body.kind, () =>
    campaignFromRequest({ templates, settings }, 'estimate', input, now),
  );
  const audience = services.campaignAudience();
  const estimate = await estimateCampaign(
    { settings, templates, sampleOptOutUrl: SAMPLE_OPT_OUT_URL },
    campaign,
    audience.all(campaign.scanSegments),
    now,
  );
  return ok(estimate);
});

/** The request nests the campaign under `broadcast` / `promotion`: its problems name it so. */
function withFieldsUnder<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(
      error.issues.map((issue) => ({ ...issue, field: `${prefix}.${issue.field}` })),
      { cause: error },
    );
  }
}
