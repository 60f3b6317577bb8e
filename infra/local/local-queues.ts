import { randomUUID } from 'node:crypto';
import type { Context, SQSEvent } from 'aws-lambda';
import { queues as productQueues, type QueueDefinition } from '../../functions/queues';
import { inProcessQueues, type QueueConsumer } from '../../shared/adapters/queue/in-process-queue';
import { createLambdaContext } from './lambda-context';
import type { LocalHandler } from './server';

/**
 * Stands in for SQS and its event source mappings: each queue gets a `local://` URL in the
 * variable its senders read, and its messages go to the same consumer module Lambda would run,
 * with the SQS event shape. Returns the variables to set and a function that unregisters.
 */
export function startLocalQueues(
  loadHandler: (target: { readonly handler: string }) => Promise<LocalHandler>,
  queues: readonly QueueDefinition[] = productQueues,
): { environment: Record<string, string>; stop: () => Promise<void> } {
  const environment: Record<string, string> = {};
  for (const queue of queues) {
    const url = `local://${queue.name}`;
    environment[queue.urlVariable] = url;
    const consumer: QueueConsumer = async (event: SQSEvent) => {
      // The loader is typed for HTTP handlers; a queue consumer takes the SQS event instead.
      const handler = (await loadHandler(queue.consumer)) as unknown as (
        event: SQSEvent,
        context: Context,
      ) => Promise<unknown>;
      const context = createLambdaContext({
        functionName: queue.consumer.name,
        awsRequestId: randomUUID(),
        timeoutMs: queue.consumer.timeoutSeconds * 1000,
      });
      return (await handler(event, context)) as Awaited<ReturnType<QueueConsumer>>;
    };
    inProcessQueues.register(url, consumer);
  }
  return {
    environment,
    stop: async () => {
      for (const queue of queues) inProcessQueues.unregister(`local://${queue.name}`);
      await inProcessQueues.drain();
    },
  };
}
