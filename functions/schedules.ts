import type { RouteNeeds } from './routes';

/**
 * Functions run on a schedule, declared once: the CDK stack makes each function and an
 * EventBridge Scheduler schedule for it; locally, `npm run <name>` runs the same core use case.
 */
export interface ScheduleDefinition {
  readonly name: string;
  /** Handler module, relative to `functions/`, exporting `handler`. */
  readonly handler: string;
  /** An EventBridge Scheduler expression, read in `timeZone`. */
  readonly expression: string;
  readonly timeZone: string;
  readonly timeoutSeconds: number;
  readonly needs: RouteNeeds;
}

export const schedules: readonly ScheduleDefinition[] = [
  {
    name: 'refitLapseModel',
    handler: 'schedules/refit-lapse-model.ts',
    // Mondays at 03:00 in Việt Nam: a quiet hour, and a fresh week's data.
    expression: 'cron(0 3 ? * MON *)',
    timeZone: 'Asia/Ho_Chi_Minh',
    // Reading 100,000 profiles and fitting takes well under a minute; the margin is for rewrites.
    timeoutSeconds: 900,
    needs: { table: { access: 'readWrite' } },
  },
  {
    name: 'releaseDeferredMessages',
    handler: 'schedules/release-deferred-messages.ts',
    // Jobs deferred past quiet hours (longer than SQS's 15-minute delay) go back on the send queue
    // when due; five minutes is the most a deferred message waits beyond its jittered due time.
    expression: 'rate(5 minutes)',
    timeZone: 'Asia/Ho_Chi_Minh',
    timeoutSeconds: 300,
    needs: { table: { access: 'readWrite' }, queues: ['sendJobs'] },
  },
  {
    name: 'syncSmsOptOuts',
    handler: 'schedules/sync-sms-opt-outs.ts',
    // Daily at 06:00 in Việt Nam, before the day's first advertising hour (07:00).
    expression: 'cron(0 6 * * ? *)',
    timeZone: 'Asia/Ho_Chi_Minh',
    // A few thousand opted-out numbers at most, each one short transaction.
    timeoutSeconds: 300,
    // Reads the account's SNS opt-out list (and may not send) and suppresses each number on its
    // address item and its holder's profile.
    needs: { table: { access: 'readWrite' }, addressHashing: true, smsOptOuts: 'read' },
  },
  {
    name: 'planWorkflows',
    handler: 'schedules/plan-workflows.ts',
    // Enrolls lapsed customers in win-back and advances due journeys; a step waits at most this
    // long beyond its time, and a missed run's work is picked up by the next (oldest first).
    expression: 'rate(15 minutes)',
    timeZone: 'Asia/Ho_Chi_Minh',
    // A run takes at most 2,000 candidates and 5,000 due journeys: well under a minute.
    timeoutSeconds: 300,
    needs: { table: { access: 'readWrite' }, queues: ['sendJobs'] },
  },
  {
    name: 'startDueCampaigns',
    handler: 'schedules/start-due-campaigns.ts',
    // The sweep behind each campaign's one-time schedule: a campaign left `scheduled` past its
    // time (a crash between storing it and starting or scheduling it, a lost schedule) starts at
    // most this late. Starting is conditional, so a start it repeats is harmless.
    expression: 'rate(5 minutes)',
    timeZone: 'UTC',
    // One Query of the campaign list and a message per due campaign.
    timeoutSeconds: 60,
    // Reads the campaign list and sends start messages; the fan-out consumer does the writing.
    needs: { table: { access: 'read' }, queues: ['campaignFanOut'] },
  },
];
