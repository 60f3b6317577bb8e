import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { CampaignScheduler } from '../../../workflows/campaigns/ports';

export interface CampaignScheduleTarget {
  /** The shop stack's schedule group: its own schedules only, which IAM grants. */
  readonly groupName: string;
  /** The campaign fan-out queue the schedule sends the start message to. */
  readonly queueArn: string;
  /** The role EventBridge Scheduler assumes to send to that queue. */
  readonly roleArn: string;
}

const MINUTE_MS = 60_000;

/**
 * `at(…)` takes a local date-time without zone or fraction; the zone is given as UTC. Scheduler
 * fires within the minute, so the time is rounded up to the next whole minute: a schedule never
 * fires before the campaign's sendAt (a start that is still early is put back by the fan-out).
 */
export function atExpression(instant: string): string {
  const minute = Math.ceil(Date.parse(instant) / MINUTE_MS) * MINUTE_MS;
  return `at(${new Date(minute).toISOString().slice(0, 19)})`;
}

/**
 * One-time EventBridge Scheduler schedules, one per campaign set for later, named after it: at
 * its time the schedule puts the campaign's start message on the fan-out queue and deletes itself.
 */
export class EventBridgeCampaignScheduler implements CampaignScheduler {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly target: CampaignScheduleTarget,
  ) {}

  async schedule(campaignId: string, at: string): Promise<void> {
    try {
      await this.scheduler.send(
        new CreateScheduleCommand({
          Name: scheduleName(campaignId),
          GroupName: this.target.groupName,
          ScheduleExpression: atExpression(at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.target.queueArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify({ kind: 'start', campaignId }),
          },
        }),
      );
    } catch (error) {
      // The campaign's schedule exists already: a retried request made it the first time.
      if (error instanceof ConflictException) return;
      throw error;
    }
  }

  async cancel(campaignId: string): Promise<void> {
    try {
      await this.scheduler.send(
        new DeleteScheduleCommand({
          Name: scheduleName(campaignId),
          GroupName: this.target.groupName,
        }),
      );
    } catch (error) {
      // Fired and deleted itself, or never made (a campaign sent at once).
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
  }
}

export function scheduleName(campaignId: string): string {
  return `campaign-${campaignId}`;
}

/**
 * Locally the scheduled campaign item is its own schedule (see startDueCampaigns): nothing to make
 * or delete.
 */
export const campaignItemIsTheSchedule: CampaignScheduler = {
  schedule: () => Promise.resolve(),
  cancel: () => Promise.resolve(),
};
