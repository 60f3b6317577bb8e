import { CampaignPath } from '../../workflows/campaigns/campaign';
import { cancelCampaign } from '../../workflows/campaigns/cancel-campaign';
import { ok } from '../runtime/http-route';
import { campaignRoute, campaignView } from './campaign-http';

/** Stops a campaign: what is not yet sent is not sent. Cancelling again answers the same. */
export const handler = campaignRoute(async (request, services) => {
  const { campaignId } = request.path(CampaignPath);
  const campaign = await cancelCampaign(
    {
      campaigns: services.campaigns(),
      scheduler: services.campaignScheduler(),
      tallies: services.tallies(),
      clock: services.clock,
    },
    campaignId,
  );
  return ok(campaignView(campaign));
});
