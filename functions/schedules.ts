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
];
