import type { ScheduleDefinition } from '../../functions/schedules';
import { startRepeatingSchedule } from './local-schedules';
import type { LocalHandler } from './server';

/**
 * Locally, one-time campaign schedules are the scheduled campaign items themselves: this checks
 * for due ones every few seconds (a promotion starts at most that late). Not one of the product's
 * schedules: in AWS, EventBridge Scheduler makes one schedule per campaign.
 */
const startDueCampaigns: ScheduleDefinition = {
  name: 'startDueCampaigns',
  handler: 'schedules/start-due-campaigns.ts',
  expression: 'rate(1 minute)',
  timeZone: 'UTC',
  timeoutSeconds: 60,
  needs: { table: { access: 'read' }, queues: ['campaignFanOut'] },
};

export function startLocalCampaignSchedules(
  loadHandler: (target: { readonly handler: string }) => Promise<LocalHandler>,
  everyMs: number,
  log: (line: string) => void,
): { stop: () => Promise<void> } {
  return startRepeatingSchedule(loadHandler, startDueCampaigns.name, everyMs, log, [
    startDueCampaigns,
  ]);
}
