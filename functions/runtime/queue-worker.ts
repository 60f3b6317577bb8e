import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { queues, type QueueName } from '../queues';
import { logger } from './observability';
import { services, type Services } from './services';

/**
 * The house queue consumer: each record's body is parsed by the worker's own schema and handled
 * on its own; a record that fails is reported back (partial batch response) so SQS retries only
 * it, and after the queue's maxReceiveCount it lands in the dead-letter queue.
 */
export function queueWorker<S extends z.ZodType>(
  queueName: QueueName,
  schema: S,
  run: (message: z.output<S>, services: Services, attempt: { final: boolean }) => Promise<unknown>,
) {
  const processor = new BatchProcessor(EventType.SQS);
  const maxReceiveCount = queues.find((queue) => queue.name === queueName)?.maxReceiveCount ?? 1;
  const handleRecord = async (record: SQSRecord) => {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    try {
      const message = schema.parse(JSON.parse(record.body));
      await run(message, services, { final: receiveCount >= maxReceiveCount });
    } catch (error) {
      // Name and message only: job messages and our errors carry ids, never personal data.
      const { name, message } =
        error instanceof Error ? error : { name: 'Error', message: String(error) };
      logger.error('Job failed', {
        queue: queueName,
        messageId: record.messageId,
        receiveCount,
        error: { name, message },
      });
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) =>
      processPartialResponse(event, handleRecord, processor, { context }),
    );
}
