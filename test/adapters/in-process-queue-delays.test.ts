import { afterEach, describe, expect, it } from 'vitest';
import {
  InProcessJobQueue,
  InProcessRedelivery,
  inProcessQueues,
} from '../../shared/adapters/queue/in-process-queue';

const url = 'local://delayed-jobs';
afterEach(() => inProcessQueues.unregister(url));

describe('InProcessJobQueue delays', () => {
  it('holds a delayed message back for its delay', async () => {
    const receivedAt: number[] = [];
    inProcessQueues.register(url, async () => {
      receivedAt.push(Date.now());
      return { batchItemFailures: [] };
    });
    const sentAt = Date.now();
    await new InProcessJobQueue(url).send({ jobId: 'J1' }, { delaySeconds: 0.3 });
    await inProcessQueues.drain();
    expect((receivedAt[0] ?? 0) - sentAt).toBeGreaterThanOrEqual(290);
  });

  it('redelivers a failed message only after the visibility its consumer asked for', async () => {
    const redelivery = new InProcessRedelivery(url);
    const receivedAt: number[] = [];
    inProcessQueues.register(url, async (event) => {
      receivedAt.push(Date.now());
      const record = event.Records[0];
      if (receivedAt.length > 1) return { batchItemFailures: [] };
      await redelivery.retryAfter(record?.receiptHandle ?? '', 0.3);
      return { batchItemFailures: [{ itemIdentifier: record?.messageId ?? '' }] };
    });
    await new InProcessJobQueue(url).send({ jobId: 'J2' });
    await inProcessQueues.drain();
    expect(receivedAt).toHaveLength(2);
    expect((receivedAt[1] ?? 0) - (receivedAt[0] ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('stops waiting when the queue is unregistered, so shutting down never hangs', async () => {
    let received = 0;
    inProcessQueues.register(url, async () => {
      received += 1;
      return { batchItemFailures: [] };
    });
    await new InProcessJobQueue(url).send({ jobId: 'J3' }, { delaySeconds: 900 });
    const started = Date.now();
    inProcessQueues.unregister(url);
    await inProcessQueues.drain();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(received).toBe(0);
  });
});
