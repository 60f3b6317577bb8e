import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from './observability';
import { services, type Services } from './services';

/**
 * The house queue consumer: each record's body is parsed by the worker's own schema and handled
 * on its own; a record that fails is reported back (partial batch response) so SQS retries only
 * it, and after the queue's maxReceiveCount it lands in the dead-letter queue.
 */
export function queueWorker<S extends z.ZodType>(
  schema: S,
  run: (message: z.output<S>, services: Services) => Promise<unknown>,
) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const message = schema.parse(JSON.parse(record.body));
    await run(message, services);
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) =>
      processPartialResponse(event, handleRecord, processor, { context }),
    );
}
