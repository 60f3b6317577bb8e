import { SQSClient } from '@aws-sdk/client-sqs';
import { InProcessJobQueue } from '../../shared/adapters/queue/in-process-queue';
import { OneByOneSink, SqsBatchSink } from '../../shared/adapters/queue/sqs-batch-sink';
import { SqsJobQueue } from '../../shared/adapters/queue/sqs-queue';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { JobQueue } from '../../shared/core/ports';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import type { SendJobSink } from '../../workflows/campaigns/ports';
import { campaignConfig } from './campaign-config';
import { config } from './config';

let sqs: SQSClient | undefined;

/** The campaign fan-out queue: SQS in AWS, the in-process queue locally (`local://campaignFanOut`). */
export function campaignFanOutQueue(): JobQueue<FanOutMessage> {
  const url = campaignConfig().CAMPAIGN_QUEUE_URL;
  if (url === undefined)
    throw new Error(
      'CAMPAIGN_QUEUE_URL is not set: add campaignFanOut to this function’s needs.queues',
    );
  if (url.startsWith('local://')) return new InProcessJobQueue<FanOutMessage>(url);
  sqs ??= new SQSClient({});
  return new SqsJobQueue<FanOutMessage>(sqs, url);
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
