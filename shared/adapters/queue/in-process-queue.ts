import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobQueue } from '../../core/ports';

/** What a queue consumer is: the same function Lambda would call with an SQS event. */
export type QueueConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

/** Local queue URLs look like `local://exportJobs`; the local stack registers their consumers. */
const consumers = new Map<string, QueueConsumer>();
const inFlight = new Set<Promise<void>>();

export const inProcessQueues = {
  register(queueUrl: string, consumer: QueueConsumer): void {
    consumers.set(queueUrl, consumer);
  },
  unregister(queueUrl: string): void {
    consumers.delete(queueUrl);
  },
  /** Resolves when every delivery started so far has finished (tests and shutdown wait on it). */
  async drain(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  },
};

const MAX_RECEIVES = 3;

/**
 * The local stand-in for SQS: delivers each message to the registered consumer with the SQS
 * event shape, after the sender's call has returned (like SQS, never inside it), and redelivers
 * a failed message up to three times, as the deployed queue's redrive policy does.
 */
export class InProcessJobQueue<Message> implements JobQueue<Message> {
  constructor(private readonly queueUrl: string) {}

  async send(message: Message): Promise<void> {
    if (!consumers.has(this.queueUrl))
      throw new Error(`No local consumer is registered for ${this.queueUrl}`);
    const body = JSON.stringify(message);
    const delivery = deliver(this.queueUrl, body).finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  }
}

async function deliver(queueUrl: string, body: string): Promise<void> {
  const messageId = randomUUID();
  for (let receive = 1; receive <= MAX_RECEIVES; receive += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    const consumer = consumers.get(queueUrl);
    if (consumer === undefined) return;
    try {
      const result = await consumer({ Records: [sqsRecord(queueUrl, messageId, body, receive)] });
      if (!result || result.batchItemFailures.length === 0) return;
    } catch {
      // Like Lambda's SQS poller: a thrown error means the whole batch is retried.
    }
  }
  process.stderr.write(
    `Local queue ${queueUrl}: message ${messageId} failed ${MAX_RECEIVES} times and was dropped (a dead-letter queue keeps it in AWS).\n`,
  );
}

function sqsRecord(
  queueUrl: string,
  messageId: string,
  body: string,
  receiveCount: number,
): SQSRecord {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: `${messageId}#${receiveCount}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: now,
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queueUrl.replace('local://', '')}`,
    awsRegion: 'local',
  };
}
