import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../core/ports';

/** SQS takes at most ten messages per SendMessageBatch. */
const SQS_BATCH = 10;
/** Batches in flight at once: a page of a thousand jobs goes out in ten rounds. */
const PARALLEL_BATCHES = 10;
const ATTEMPTS = 5;

/** Runs `work` over `items` with at most `limit` calls at once. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Many messages onto one SQS queue, ten per SendMessageBatch call; entries SQS reports as failed
 * are sent again with backoff, and if some still fail the call throws (the fan-out then replays
 * its page, and duplicates are harmless to the dispatcher).
 */
export class SqsBatchSink<Message> {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async sendAll(messages: readonly Message[]): Promise<void> {
    const batches: Message[][] = [];
    for (let start = 0; start < messages.length; start += SQS_BATCH)
      batches.push(messages.slice(start, start + SQS_BATCH));
    await eachLimited(batches, PARALLEL_BATCHES, (batch) => this.sendBatch(batch));
  }

  private async sendBatch(batch: readonly Message[]): Promise<void> {
    let pending = batch.map((message, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify(message),
    }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 50));
      const result = await this.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }),
      );
      const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
      pending = pending.filter((entry) => failed.has(entry.Id));
      if (pending.length > 0 && attempt >= ATTEMPTS)
        throw new Error(`SQS refused ${pending.length} messages of a batch ${ATTEMPTS} times`);
    }
  }
}

/** Many messages through a one-at-a-time queue (the local in-process queue, tests). */
export class OneByOneSink<Message> {
  constructor(
    private readonly queue: JobQueue<Message>,
    private readonly parallel = PARALLEL_BATCHES,
  ) {}

  async sendAll(messages: readonly Message[]): Promise<void> {
    await eachLimited(messages, this.parallel, (message) => this.queue.send(message));
  }
}
