import { SQSClient } from '@aws-sdk/client-sqs';
import { InProcessJobQueue } from '../../shared/adapters/queue/in-process-queue';
import { SqsJobQueue } from '../../shared/adapters/queue/sqs-queue';
import type { ExportJobMessage } from '../../shared/core/export-job';
import type { JobQueue } from '../../shared/core/ports';
import { config } from './config';

let sqs: SQSClient | undefined;

function jobQueue<Message>(url: string | undefined, variable: string): JobQueue<Message> {
  if (url === undefined)
    throw new Error(`${variable} is not set: add the queue to this function's needs.queues`);
  if (url.startsWith('local://')) return new InProcessJobQueue<Message>(url);
  sqs ??= new SQSClient({});
  return new SqsJobQueue<Message>(sqs, url);
}

export const exportJobQueue = () =>
  jobQueue<ExportJobMessage>(config().EXPORT_QUEUE_URL, 'EXPORT_QUEUE_URL');
