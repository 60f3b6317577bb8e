import { Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterOrPolicy, SubscriptionFilter, type ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventHandlerDefinition } from '../../functions/events';
import { createDeadLetterAlarm, createDeadLetterQueue, deadLetterFailedRuns } from './job-queue';

export interface TopicSubscriberProps {
  readonly definition: EventHandlerDefinition;
  /** The function, made by createEventFunction. */
  readonly fn: LambdaFunction;
  readonly topic: ITopic;
  /** The names of the alarms the definition's `alarms` refers to, when it filters on them. */
  readonly alarmNames?: readonly string[];
}

/** Attempts after the first, by Lambda, for an event whose run failed. */
const retryAttempts = 2;

/**
 * An event handler from functions/events.ts subscribed to its topic, with one dead-letter queue
 * for the events it could not handle and an alarm on that queue.
 *
 * SNS invokes Lambda asynchronously, so an event can fail in two places, and both end in the one
 * queue: SNS's own retries cover handing the event to Lambda (a missing permission, Lambda
 * unavailable) and then send it to the subscription's dead-letter queue; Lambda's retries cover
 * the run (an error, a timeout) and then send it to the same queue as its on-failure destination.
 * A handler drops malformed events itself, so what lands here is worth a redrive once fixed.
 */
export class TopicSubscriber extends Construct {
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: TopicSubscriberProps) {
    super(scope, id);
    const { definition, fn, topic } = props;

    this.deadLetterQueue = createDeadLetterQueue(this, 'DeadLetterQueue');
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue: of the ${definition.name} subscription's undeliverable events and of its function's failed runs.`,
    });

    topic.addSubscription(
      new LambdaSubscription(fn, {
        deadLetterQueue: this.deadLetterQueue,
        ...(props.alarmNames === undefined
          ? {}
          : {
              // CloudWatch's alarm message is JSON; only these alarms entering ALARM pass.
              filterPolicyWithMessageBody: {
                AlarmName: FilterOrPolicy.filter(
                  SubscriptionFilter.stringFilter({ allowlist: [...props.alarmNames] }),
                ),
                NewStateValue: FilterOrPolicy.filter(
                  SubscriptionFilter.stringFilter({ allowlist: ['ALARM'] }),
                ),
              },
            }),
      }),
    );

    deadLetterFailedRuns(fn, this.deadLetterQueue, retryAttempts);

    this.deadLetterAlarm = createDeadLetterAlarm(this, 'DeadLetterAlarm', {
      deadLetterQueue: this.deadLetterQueue,
      name: definition.name,
      description: `An event for ${definition.name} failed every attempt and waits in its dead-letter queue; see the ${definition.name} function's logs, fix the cause, then redrive the queue to the function.`,
    });
  }
}
