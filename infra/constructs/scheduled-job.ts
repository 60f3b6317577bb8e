import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../../functions/schedules';
import { acknowledgeWildcardResource } from '../nag';
import { createDeadLetterAlarm, createDeadLetterQueue, deadLetterFailedRuns } from './job-queue';

export interface ScheduledJobProps {
  readonly definition: ScheduleDefinition;
  /** The function the schedule runs, made by createScheduledFunction. */
  readonly fn: LambdaFunction;
}

/** Attempts after the first, by the scheduler to hand the event over and by Lambda to run it. */
const retryAttempts = 2;

/**
 * A schedule from functions/schedules.ts: an EventBridge Scheduler schedule that runs its
 * function, a dead-letter queue for the runs that fail, and an alarm on that queue.
 *
 * The scheduler invokes Lambda asynchronously, so a run can fail in two places, and both end in
 * the one dead-letter queue: the scheduler's own retries cover handing the event to Lambda
 * (throttling, a missing permission), and Lambda's retries cover the run itself (an error, a
 * timeout), after which Lambda sends the event to the queue as its on-failure destination.
 */
export class ScheduledJob extends Construct {
  readonly definition: ScheduleDefinition;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
  /** The role the scheduler assumes to invoke the function. */
  readonly role: Role;
  /** In alarm while any failed run waits in the dead-letter queue; the stack adds its action. */
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { definition, fn } = props;
    this.definition = definition;

    this.deadLetterQueue = createDeadLetterQueue(this, 'DeadLetterQueue');
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue: of the ${definition.name} schedule's failed invocations and of its function's failed runs.`,
    });

    // Ours rather than LambdaInvoke's default, to hold it and describe it; it gets the same
    // grants: invoking the function and sending to the dead-letter queue, nothing else. Only
    // the scheduler, for a schedule of this account's default group, may assume it.
    const stack = Stack.of(this);
    this.role = new Role(this, 'SchedulerRole', {
      description: `Lets EventBridge Scheduler run ${definition.name} and report its failures`,
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
    });

    // The scheduler hands the event to Lambda's async queue and is done; these retries and this
    // age cover only that hand-over, which fails for throttling or a broken permission.
    const target = new LambdaInvoke(fn, {
      role: this.role,
      retryAttempts,
      maxEventAge: Duration.hours(1),
      deadLetterQueue: this.deadLetterQueue,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Runs ${definition.name} (functions/schedules.ts)`,
      schedule: ScheduleExpression.expression(
        definition.expression,
        TimeZone.of(definition.timeZone),
      ),
      target,
      // At the declared minute: a schedule's expression names the hour it was chosen for.
      timeWindow: TimeWindow.off(),
    });

    // The run itself: a failed run is retried by Lambda, then kept in the dead-letter queue.
    deadLetterFailedRuns(fn, this.deadLetterQueue, retryAttempts);

    // LambdaInvoke grants invoking the function and its versions and aliases (`<arn>:*`); the
    // schedule invokes the unqualified function, but the grant is still this one function only.
    acknowledgeWildcardResource(
      this.role,
      `${fn.functionArn}:*`,
      'The qualified ARNs (versions and aliases) of the one function this schedule runs, as LambdaInvoke grants them; no other function may be invoked.',
    );

    this.deadLetterAlarm = createDeadLetterAlarm(this, 'DeadLetterAlarm', {
      deadLetterQueue: this.deadLetterQueue,
      name: definition.name,
      description: `A run of the ${definition.name} schedule failed every attempt and waits in its dead-letter queue; see the ${definition.name} function's logs, fix the cause, then purge the queue: the next run starts afresh, or invoke the function by hand.`,
    });
  }
}
