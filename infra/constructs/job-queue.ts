import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../../functions/queues';

export interface JobQueueProps {
  readonly definition: QueueDefinition;
}

/**
 * A job queue from functions/queues.ts with its dead-letter queue and an alarm on the latter.
 * The consumer function is made apart (createConsumerFunction), once every queue exists, so a
 * consumer can itself send to any queue.
 *
 * Encryption is SQS-managed (SSE-SQS), not KMS: a message carries only a job id, never personal
 * data, and a KMS key would add a monthly charge, per-request calls and key grants for every
 * sender and the consumer without protecting anything worth it.
 */
export class JobQueue extends Construct {
  readonly definition: QueueDefinition;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** In alarm while any message waits in the dead-letter queue; the stack adds its action. */
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;

    this.deadLetterQueue = createDeadLetterQueue(this, 'DeadLetterQueue');

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: visibilityTimeoutFor(definition.consumer.timeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });

    // A dead letter is a job that failed every attempt: for an export, an owner left waiting;
    // for a send, a message not sent. The stack notifies the operator's alarm topic.
    this.deadLetterAlarm = createDeadLetterAlarm(this, 'DeadLetterAlarm', {
      deadLetterQueue: this.deadLetterQueue,
      name: definition.name,
      description: `A message on the ${definition.name} queue failed ${definition.maxReceiveCount} deliveries and waits in the dead-letter queue; see the ${definition.consumer.name} function's logs, then redrive or purge it.`,
    });
  }
}

/**
 * A dead-letter queue: SQS-managed encryption, TLS only, and SQS's longest retention, 14 days,
 * for time to notice, find the cause in the logs and redrive. A message keeps its original
 * enqueue time when it moves here, so this must exceed a source queue's 4 days.
 */
export function createDeadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}

export interface DeadLetterAlarmProps {
  readonly deadLetterQueue: Queue;
  /** What the dead letters come from (a queue or a schedule); names the alarm in its stack. */
  readonly name: string;
  /** What a dead letter means and what to do about it. */
  readonly description: string;
}

/**
 * In alarm while any message waits in `deadLetterQueue`. Named after its stack, so shops sharing
 * an account do not collide. The stack adds the action (the operator's alarm topic).
 */
export function createDeadLetterAlarm(
  scope: Construct,
  id: string,
  props: DeadLetterAlarmProps,
): Alarm {
  return new Alarm(scope, id, {
    alarmName: `${Stack.of(scope).stackName}-${props.name}-dead-letters`,
    alarmDescription: props.description,
    metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: Stats.MAXIMUM,
    }),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    // SQS stops sending metrics for a queue idle for six hours: an empty, idle queue is fine.
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/**
 * Six times the consumer's timeout, as AWS advises for Lambda's SQS event sources: Lambda checks
 * only that it is at least the timeout, but a throttled invocation is retried while the message
 * stays invisible, and with no margin a throttle would use up a delivery (three and the job is a
 * dead letter) and a run cut off at its timeout could overlap the redelivery. The price: a job
 * whose run fails is retried when the timeout runs out, up to 90 minutes for a 15-minute worker.
 * 6 × 900 s is well under SQS's 12-hour maximum.
 */
export function visibilityTimeoutFor(consumerTimeoutSeconds: number): Duration {
  return Duration.seconds(Math.min(6 * consumerTimeoutSeconds, Duration.hours(12).toSeconds()));
}

/**
 * Keeps a function's failed asynchronous runs, after `retryAttempts` retries, in `queue`. Lambda
 * sends them with the function's own role, so that role may send there; not SqsDestination,
 * whose grant adds GetQueueAttributes and GetQueueUrl, which nothing uses.
 */
export function deadLetterFailedRuns(
  fn: LambdaFunction,
  queue: Queue,
  retryAttempts: number,
): void {
  fn.configureAsyncInvoke({
    retryAttempts,
    maxEventAge: Duration.hours(6),
    onFailure: { bind: () => ({ destination: queue.queueArn }) },
  });
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
}
