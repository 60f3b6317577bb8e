import { z } from 'zod';

/**
 * The campaign functions' own variables, parsed once: the fan-out queue (needs.queues), and for
 * the functions that make one-time schedules (needs.campaignSchedules) the schedule group, the
 * role EventBridge Scheduler assumes and the queue it sends to. Unset locally, where the campaign
 * item is its own schedule.
 */
const CampaignConfig = z.object({
  CAMPAIGN_QUEUE_URL: z.string().min(1).optional(),
  SCHEDULE_GROUP_NAME: z.string().min(1).optional(),
  SCHEDULE_ROLE_ARN: z.string().startsWith('arn:').optional(),
  CAMPAIGN_QUEUE_ARN: z.string().startsWith('arn:').optional(),
});
export type CampaignConfig = z.infer<typeof CampaignConfig>;

let parsed: CampaignConfig | undefined;

export function campaignConfig(): CampaignConfig {
  parsed ??= CampaignConfig.parse(process.env);
  return parsed;
}
