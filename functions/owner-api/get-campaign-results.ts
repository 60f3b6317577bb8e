import { CampaignResultsPath, campaignResults } from '../../shared/core/results/results-view';
import { campaignTally } from '../../shared/core/results/tally';
import { ok, ownerRoute } from '../runtime/http-route';
import { CampaignNotFoundError } from '../../workflows/campaigns/errors';

/** A broadcast's or promotion's progress and results, from its counters. */
export const handler = ownerRoute(async (request, services) => {
  const { campaignId } = request.path(CampaignResultsPath);
  const [exists, counts, settings] = await Promise.all([
    services.campaignExists(campaignId),
    services.tallies().read(campaignTally(campaignId)),
    services.settings().get(),
  ]);
  if (!exists) throw new CampaignNotFoundError(campaignId);
  return ok(campaignResults(campaignId, counts, settings.currency));
});
