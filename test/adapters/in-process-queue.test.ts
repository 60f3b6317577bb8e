import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessJobQueue, inProcessQueues } from '../../shared/adapters/queue/in-process-queue';

const url = 'local://test-jobs';
afterEach(() => inProcessQueues.unregister(url));

describe('InProcessJobQueue', () => {
  it('delivers after send returns, with the SQS event shape and the message as JSON', async () => {
    const received: SQSEvent[] = [];
    inProcessQueues.register(url, async (event) => {
      received.push(event);
      return { batchItemFailures: [] };
    });
    await new InProcessJobQueue<{ jobId: string }>(url).send({ jobId: 'J1' });
    expect(received).toHaveLength(0);
    await inProcessQueues.drain();
    expect(received).toHaveLength(1);
    const [record] = received[0]?.Records ?? [];
    expect(JSON.parse(record?.body ?? '')).toEqual({ jobId: 'J1' });
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      attributes: { ApproximateReceiveCount: '1' },
    });
  });

  it('redelivers a failed message up to three times, like the deployed redrive policy', async () => {
    const receiveCounts: string[] = [];
    inProcessQueues.register(url, async (event) => {
      const record = event.Records[0];
      receiveCounts.push(record?.attributes.ApproximateReceiveCount ?? '');
      if (receiveCounts.length < 2) throw new Error('transient');
      if (receiveCounts.length < 3)
        return { batchItemFailures: [{ itemIdentifier: record?.messageId ?? '' }] };
      return { batchItemFailures: [] };
    });
    await new InProcessJobQueue(url).send({ jobId: 'J2' });
    await inProcessQueues.drain();
    expect(receiveCounts).toEqual(['1', '2', '3']);
  });

  it('refuses to send to a queue nobody consumes', async () => {
    await expect(new InProcessJobQueue('local://nobody').send({})).rejects.toThrow(
      'No local consumer',
    );
  });
});
