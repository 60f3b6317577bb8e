import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { queues, type QueueName } from '../queues';
import { logger } from './observability';
import { services, type Services } from './services';

/** How a failed record is held back before its next delivery, instead of the visibility timeout. */
export interface RetryPolicy {
  /** ChangeMessageVisibility in AWS, the in-process queue's back-off locally. */
  redelivery(): { retryAfter(receiptHandle: string, seconds: number): Promise<void> };
  /** Seconds to wait before the next delivery, by the deliveries so far (1 on the first). */
  backOffSeconds(receiveCount: number): number;
}

/**
 * The house queue consumer: each record's body is parsed by the worker's own schema and handled
 * on its own; a record that fails is reported back (partial batch response) so SQS retries only
 * it, and after the queue's maxReceiveCount it lands in the dead-letter queue.
 */
export function queueWorker<S extends z.ZodType>(
  queueName: QueueName,
  schema: S,
  run: (message: z.output<S>, services: Services, attempt: { final: boolean }) => Promise<unknown>,
  /**
   * Unset: a failed record waits out the queue's visibility timeout (six times the consumer's
   * timeout) before its next delivery. Set: it comes back after this back-off instead.
   */
  retry?: RetryPolicy,
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
      if (retry !== undefined) await holdBack(retry, record, receiveCount);
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) =>
      // With a back-off, a failed record is reported back, not thrown: the back-off holds it.
      processPartialResponse(event, handleRecord, processor, {
        context,
        throwOnFullBatchFailure: retry === undefined,
      }),
    );
}

/** Sets the record's back-off; if that fails too, the visibility timeout applies as before. */
async function holdBack(retry: RetryPolicy, record: SQSRecord, receiveCount: number) {
  const seconds = retry.backOffSeconds(receiveCount);
  try {
    await retry.redelivery().retryAfter(record.receiptHandle, seconds);
  } catch (error) {
    const { name, message } =
      error instanceof Error ? error : { name: 'Error', message: String(error) };
    logger.warn('Back-off not set; the visibility timeout applies', {
      messageId: record.messageId,
      seconds,
      error: { name, message },
    });
  }
}
