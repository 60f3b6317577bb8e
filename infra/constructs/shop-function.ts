import { useCampaignSchedules, type CampaignSchedules } from './campaign-schedules';
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { EventHandlerDefinition } from '../../functions/events';
import type { QueueName } from '../../functions/queues';
import type { RouteDefinition, RouteNeeds } from '../../functions/routes';
import type { ScheduleDefinition } from '../../functions/schedules';
import {
  useAddressHashSecret,
  useDeadLetterForwarding,
  useEmailPause,
  useExportBucket,
  useQueueSender,
  useSending,
  useSmsOptOuts,
  useTable,
  type SendingResources,
} from '../grants';
import type { JobQueue } from './job-queue';
import { RegularsFunction } from './regulars-function';

/** The stateful resources a function may need, all from the data stack. */
export interface DataResources {
  readonly table: ITableV2;
  readonly addressHashSecret: ISecret;
  readonly exportBucket: IBucket;
}

/**
 * Everything a function's `needs` may name: the data stack's resources, the job queues and what
 * sending uses (configuration set, identity, public base URL), all of the API stack.
 */
export interface FunctionResources extends DataResources {
  readonly queues: ReadonlyMap<QueueName, JobQueue>;
  readonly sending: SendingResources;
  /** Where promotions set for later wait; absent when the stack has no campaign fan-out queue. */
  readonly campaignSchedules?: CampaignSchedules;
}

export interface ShopFunctionOptions {
  /** Directory that handler paths are relative to. */
  readonly functionsRoot: string;
  readonly resources: FunctionResources;
}

/** One function as functions/routes.ts, queues.ts or schedules.ts declares it. */
export interface ShopFunctionSpec {
  /** camelCase; the construct id is derived from it. */
  readonly name: string;
  /** Handler module, relative to the functions root. */
  readonly handler: string;
  readonly description: string;
  /** @default RegularsFunction's default */
  readonly timeoutSeconds?: number;
  readonly needs: RouteNeeds;
}

/**
 * The one path from a declaration to a function: the house construct, granted exactly what
 * `needs` names, with exactly the variables that name those resources. Routes, queue consumers
 * and scheduled functions all come through here.
 */
export function createShopFunction(
  scope: Construct,
  spec: ShopFunctionSpec,
  options: ShopFunctionOptions,
): RegularsFunction {
  const fn = new RegularsFunction(scope, `${pascalCase(spec.name)}Function`, {
    entry: path.join(options.functionsRoot, spec.handler),
    description: spec.description,
    timeout: spec.timeoutSeconds === undefined ? undefined : Duration.seconds(spec.timeoutSeconds),
  });
  const { needs } = spec;
  const { resources } = options;
  if (needs.table) useTable(fn, resources.table, needs.table);
  if (needs.addressHashing) useAddressHashSecret(fn, resources.addressHashSecret);
  if (needs.exportBucket) useExportBucket(fn, resources.exportBucket, needs.exportBucket);
  for (const name of needs.queues ?? []) {
    const jobQueue = resources.queues.get(name);
    if (!jobQueue) {
      throw new Error(`${spec.name} sends to the ${name} queue, which this stack does not declare`);
    }
    useQueueSender(fn, jobQueue.queue, jobQueue.definition.urlVariable);
  }
  if (needs.sending) useSending(fn, resources.sending, needs.sending);
  if (needs.smsOptOuts) useSmsOptOuts(fn);
  if (needs.campaignSchedules) {
    if (!resources.campaignSchedules) {
      throw new Error(
        `${spec.name} schedules campaigns, but this stack has no campaignFanOut queue`,
      );
    }
    useCampaignSchedules(fn, resources.campaignSchedules);
  }
  return fn;
}

/** The function behind one route. */
export function createRouteFunction(
  scope: Construct,
  route: RouteDefinition,
  options: ShopFunctionOptions,
): RegularsFunction {
  return createShopFunction(
    scope,
    {
      name: route.name,
      handler: route.handler,
      description: `${route.method} ${route.path}`,
      timeoutSeconds: route.timeoutSeconds,
      needs: route.needs,
    },
    options,
  );
}

/**
 * The function that consumes one job queue. Failed records are reported one by one (the worker
 * answers with Powertools' partial batch response), so SQS redelivers only those, and a record
 * that keeps failing reaches the dead-letter queue alone.
 */
export function createConsumerFunction(
  scope: Construct,
  jobQueue: JobQueue,
  options: ShopFunctionOptions,
): RegularsFunction {
  const { consumer } = jobQueue.definition;
  const fn = createShopFunction(
    scope,
    {
      name: consumer.name,
      handler: consumer.handler,
      description: consumerDescription(jobQueue.definition.name),
      timeoutSeconds: consumer.timeoutSeconds,
      needs: consumer.needs,
    },
    options,
  );
  if (consumer.forwardsToDeadLetterQueue) useDeadLetterForwarding(fn, jobQueue.deadLetterQueue);
  // Declared next to maxConcurrency, so the queue's whole rate is read in one place.
  if (consumer.ratePerSecond !== undefined)
    fn.addEnvironment('SEND_RATE_PER_SECOND', String(consumer.ratePerSecond));
  fn.addEventSource(
    new SqsEventSource(jobQueue.queue, {
      batchSize: consumer.batchSize,
      reportBatchItemFailures: true,
      // Lambda's own cap on this queue's consumers, which throttles nothing: messages wait in
      // the queue instead of being retried against a function-level concurrency limit.
      maxConcurrency: consumer.maxConcurrency,
    }),
  );
  return fn;
}

/**
 * The function one schedule runs. The schedule itself, with its dead-letter queue, is made apart
 * (ScheduledJob), as a queue's consumer is.
 */
export function createScheduledFunction(
  scope: Construct,
  definition: ScheduleDefinition,
  options: ShopFunctionOptions,
): RegularsFunction {
  return createShopFunction(
    scope,
    {
      name: definition.name,
      handler: definition.handler,
      description: scheduleDescription(definition.name),
      timeoutSeconds: definition.timeoutSeconds,
      needs: definition.needs,
    },
    options,
  );
}

/**
 * The function that handles one kind of event from the stack's topics. Its subscription, with
 * the dead-letter queue for the events it fails on, is made apart (TopicSubscriber).
 */
export function createEventFunction(
  scope: Construct,
  definition: EventHandlerDefinition,
  options: ShopFunctionOptions,
): RegularsFunction {
  const fn = createShopFunction(
    scope,
    {
      name: definition.name,
      handler: definition.handler,
      description: eventHandlerDescription(definition.name),
      timeoutSeconds: definition.timeoutSeconds,
      needs: definition.needs,
    },
    options,
  );
  if (definition.pausesEmail) useEmailPause(fn, options.resources.sending);
  return fn;
}

/** An event handler's description, by which the tests find it. */
export function eventHandlerDescription(name: string): string {
  return `Handles events: ${name}`;
}

/** A scheduled function's description, by which the tests find it. */
export function scheduleDescription(schedule: string): string {
  return `Runs on schedule: ${schedule}`;
}

/** The consumer's description, by which the tests find it, as routes are found by method and path. */
export function consumerDescription(queue: QueueName): string {
  return `Consumes the ${queue} queue`;
}

export function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
