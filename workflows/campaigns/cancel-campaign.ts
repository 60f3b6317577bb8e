import type { Clock } from '../../shared/core/ports';
import type { TallyStore } from '../../shared/core/results/tally';
import { campaignTally } from '../../shared/core/results/tally';
import type { Campaign } from './campaign';
import { CampaignFinishedError, CampaignNotFoundError } from './errors';
import type { CampaignScheduler, CampaignStore } from './ports';
import { campaignProgress } from './progress';

export interface CancelCampaignDeps {
  readonly campaigns: CampaignStore;
  readonly scheduler: CampaignScheduler;
  readonly tallies: TallyStore;
  readonly clock: Clock;
}

/**
 * Cancels a campaign that has not finished: scheduled (its one-time schedule is deleted),
 * fanning out (the next page stops the fan-out) or queued (the dispatcher skips every job not yet
 * sent, as `campaign_cancelled`). Cancelling twice answers the cancelled campaign again; a
 * campaign whose every message is settled has nothing left to stop (CampaignFinishedError).
 */
export async function cancelCampaign(
  deps: CancelCampaignDeps,
  campaignId: string,
): Promise<Campaign> {
  const campaign = await deps.campaigns.get(campaignId);
  if (campaign === undefined) throw new CampaignNotFoundError(campaignId);
  if (campaign.status === 'cancelled') return campaign;
  if (campaign.status === 'queued') {
    const progress = campaignProgress(await deps.tallies.read(campaignTally(campaignId)));
    if (progress.pending === 0) throw new CampaignFinishedError(campaignId);
  }
  const now = deps.clock.now().toISOString();
  const cancelled = await deps.campaigns.transition(
    campaignId,
    ['scheduled', 'fanning_out', 'queued'],
    'cancelled',
    now,
  );
  // Its status moved meanwhile (started, or cancelled by a racing request): judge it again.
  if (cancelled === undefined) return cancelCampaign(deps, campaignId);
  if (campaign.status === 'scheduled') await deps.scheduler.cancel(campaignId);
  return cancelled;
}
