import { campaignTally } from '../../shared/core/results/tally';
import { CampaignPath } from '../../workflows/campaigns/campaign';
import { CampaignNotFoundError } from '../../workflows/campaigns/errors';
import { campaignProgress } from '../../workflows/campaigns/progress';
import { ok } from '../runtime/http-route';
import { campaignRoute, campaignView } from './campaign-http';

/** A broadcast or promotion with its progress: queued, sent, skipped by reason, pending. */
export const handler = campaignRoute(async (request, services) => {
  const { campaignId } = request.path(CampaignPath);
  const [campaign, counts] = await Promise.all([
    services.campaigns().get(campaignId),
    services.tallies().read(campaignTally(campaignId)),
  ]);
  if (campaign === undefined) throw new CampaignNotFoundError(campaignId);
  return ok({ campaign: campaignView(campaign), progress: campaignProgress(counts) });
});
