import { CampaignListQuery } from '../../workflows/campaigns/campaign';
import { ok } from '../runtime/http-route';
import { campaignRoute, campaignView } from './campaign-http';

/** Broadcasts and promotions, newest first, a page at a time. */
export const handler = campaignRoute(async (request, services) => {
  const query = request.query(CampaignListQuery);
  const page = await services.campaigns().list(query);
  return ok({
    campaigns: page.campaigns.map(campaignView),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  });
});
