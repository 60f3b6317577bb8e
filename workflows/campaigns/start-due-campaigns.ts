import type { Clock, JobQueue } from '../../shared/core/ports';
import type { FanOutMessage } from './campaign';
import type { CampaignStore } from './ports';

/**
 * Every campaign still scheduled whose time has come gets its start message: locally the stand-in
 * for EventBridge Scheduler's one-time schedules (the campaign item is the schedule), in AWS the
 * sweep behind them. Starting is conditional, so a campaign started twice fans out once. Returns
 * the ids it started.
 */
export async function startDueCampaigns(deps: {
  readonly campaigns: CampaignStore;
  readonly fanOut: JobQueue<FanOutMessage>;
  readonly clock: Clock;
}): Promise<string[]> {
  const due = await deps.campaigns.scheduledDue(deps.clock.now().toISOString());
  for (const campaign of due) await deps.fanOut.send({ kind: 'start', campaignId: campaign.id });
  return due.map((campaign) => campaign.id);
}
