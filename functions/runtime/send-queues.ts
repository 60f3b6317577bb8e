import { SQSClient } from '@aws-sdk/client-sqs';
import {
  InProcessJobQueue,
  InProcessRedelivery,
} from '../../shared/adapters/queue/in-process-queue';
import { SqsJobQueue } from '../../shared/adapters/queue/sqs-queue';
import { SqsRedelivery } from '../../shared/adapters/queue/sqs-redelivery';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { JobQueue } from '../../shared/core/ports';
import { config } from './config';

let sqs: SQSClient | undefined;

function sendQueueUrl(): string {
  const url = config().SEND_QUEUE_URL;
  if (url === undefined)
    throw new Error('SEND_QUEUE_URL is not set: add sendJobs to this function’s needs.queues');
  return url;
}

/** The send queue: SQS in AWS, the in-process queue locally (`local://sendJobs`). */
export function sendJobQueue(): JobQueue<SendJob> {
  const url = sendQueueUrl();
  if (url.startsWith('local://')) return new InProcessJobQueue<SendJob>(url);
  sqs ??= new SQSClient({});
  return new SqsJobQueue<SendJob>(sqs, url);
}

/** How the send worker holds back or dead-letters a received job. */
export interface SendRedelivery {
  retryAfter(receiptHandle: string, seconds: number): Promise<void>;
  deadLetter(body: string, reason: string): Promise<void>;
}

export function sendRedelivery(): SendRedelivery {
  const url = sendQueueUrl();
  if (url.startsWith('local://')) return new InProcessRedelivery(url);
  sqs ??= new SQSClient({});
  return new SqsRedelivery(sqs, url, config().DEAD_LETTER_QUEUE_URL);
}
