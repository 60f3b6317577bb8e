import { SQSClient } from '@aws-sdk/client-sqs';
import {
  InProcessJobQueue,
  InProcessRedelivery,
} from '../../shared/adapters/queue/in-process-queue';
import { OneByOneSink, SqsBatchSink } from '../../shared/adapters/queue/sqs-batch-sink';
import { SqsJobQueue } from '../../shared/adapters/queue/sqs-queue';
import { SqsRedelivery } from '../../shared/adapters/queue/sqs-redelivery';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { JobQueue } from '../../shared/core/ports';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import type { SendJobSink } from '../../workflows/campaigns/ports';
import { campaignConfig } from './campaign-config';
import { config } from './config';

let sqs: SQSClient | undefined;

function fanOutQueueUrl(): string {
  const url = campaignConfig().CAMPAIGN_QUEUE_URL;
  if (url === undefined)
    throw new Error(
      'CAMPAIGN_QUEUE_URL is not set: add campaignFanOut to this function’s needs.queues',
    );
  return url;
}

/** The campaign fan-out queue: SQS in AWS, the in-process queue locally (`local://campaignFanOut`). */
export function campaignFanOutQueue(): JobQueue<FanOutMessage> {
  const url = fanOutQueueUrl();
  if (url.startsWith('local://')) return new InProcessJobQueue<FanOutMessage>(url);
  sqs ??= new SQSClient({});
  return new SqsJobQueue<FanOutMessage>(sqs, url);
}

/**
 * How the fan-out consumer holds a failed message back: ChangeMessageVisibility on its own queue
 * (the grant to consume it includes that), or the in-process queue's back-off locally. It never
 * dead-letters by itself: SQS's redrive does after maxReceiveCount.
 */
export function campaignFanOutRedelivery(): Pick<SqsRedelivery, 'retryAfter'> {
  const url = fanOutQueueUrl();
  if (url.startsWith('local://')) return new InProcessRedelivery(url);
  sqs ??= new SQSClient({});
  return new SqsRedelivery(sqs, url, undefined);
}

/** Send jobs by the page: ten per SendMessageBatch in AWS, one by one on the local queue. */
export function sendJobSink(): SendJobSink {
  const url = config().SEND_QUEUE_URL;
  if (url === undefined)
    throw new Error('SEND_QUEUE_URL is not set: add sendJobs to this function’s needs.queues');
  if (url.startsWith('local://'))
    return new OneByOneSink<SendJob>(new InProcessJobQueue<SendJob>(url));
  sqs ??= new SQSClient({});
  return new SqsBatchSink<SendJob>(sqs, url);
}
