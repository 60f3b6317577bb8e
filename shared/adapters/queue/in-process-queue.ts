import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobQueue, SendOptions } from '../../core/ports';

/** What a queue consumer is: the same function Lambda would call with an SQS event. */
export type QueueConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

/** Local queue URLs look like `local://exportJobs`; the local stack registers their consumers. */
const consumers = new Map<string, QueueConsumer>();
const inFlight = new Set<Promise<void>>();
/** Waits (delays, back-offs) per queue, cut short when the queue's consumer is unregistered. */
const sleepers = new Map<string, Set<() => void>>();
/** Back-offs asked for by a consumer (ChangeMessageVisibility), by receipt handle. */
const visibility = new Map<string, number>();

export const inProcessQueues = {
  register(queueUrl: string, consumer: QueueConsumer): void {
    consumers.set(queueUrl, consumer);
  },
  unregister(queueUrl: string): void {
    consumers.delete(queueUrl);
    for (const wake of sleepers.get(queueUrl) ?? []) wake();
    sleepers.delete(queueUrl);
  },
  /**
   * ChangeMessageVisibility's local equivalent: a message the consumer then fails is delivered
   * again after `seconds` instead of at once.
   */
  changeVisibility(receiptHandle: string, seconds: number): void {
    visibility.set(receiptHandle, seconds);
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
 * a failed message up to three times, as the deployed queue's redrive policy does. A delay on
 * send, and a visibility change before a failure, hold the delivery back as SQS would; both end
 * early when the queue is unregistered, so stopping never waits for them.
 */
export class InProcessJobQueue<Message> implements JobQueue<Message> {
  constructor(private readonly queueUrl: string) {}

  async send(message: Message, options: SendOptions = {}): Promise<void> {
    if (!consumers.has(this.queueUrl))
      throw new Error(`No local consumer is registered for ${this.queueUrl}`);
    const body = JSON.stringify(message);
    const delivery = deliver(this.queueUrl, body, options.delaySeconds ?? 0).finally(() =>
      inFlight.delete(delivery),
    );
    inFlight.add(delivery);
  }
}

async function deliver(queueUrl: string, body: string, delaySeconds: number): Promise<void> {
  const messageId = randomUUID();
  await sleep(queueUrl, delaySeconds * 1000);
  for (let receive = 1; receive <= MAX_RECEIVES; receive += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    const consumer = consumers.get(queueUrl);
    if (consumer === undefined) return;
    const record = sqsRecord(queueUrl, messageId, body, receive);
    try {
      const result = await consumer({ Records: [record] });
      if (!result || result.batchItemFailures.length === 0) return;
    } catch {
      // Like Lambda's SQS poller: a thrown error means the whole batch is retried.
    }
    const backOffSeconds = visibility.get(record.receiptHandle) ?? 0;
    visibility.delete(record.receiptHandle);
    if (receive < MAX_RECEIVES) await sleep(queueUrl, backOffSeconds * 1000);
  }
  if (!consumers.has(queueUrl)) return;
  process.stderr.write(
    `Local queue ${queueUrl}: message ${messageId} failed ${MAX_RECEIVES} times and was dropped (a dead-letter queue keeps it in AWS).\n`,
  );
}

/** Waits `ms`, or less if the queue is unregistered meanwhile. */
function sleep(queueUrl: string, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const waiting = sleepers.get(queueUrl) ?? new Set<() => void>();
    sleepers.set(queueUrl, waiting);
    const wake = () => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiting.add(wake);
  });
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

/**
 * SqsRedelivery's local twin: a back-off holds the next local delivery back; a dead-lettered job
 * is reported on stderr and dropped, as the local queue drops what fails three times.
 */
export class InProcessRedelivery {
  constructor(private readonly queueUrl: string) {}

  async retryAfter(receiptHandle: string, seconds: number): Promise<void> {
    inProcessQueues.changeVisibility(receiptHandle, seconds);
  }

  async deadLetter(_body: string, reason: string): Promise<void> {
    process.stderr.write(
      `Local queue ${this.queueUrl}: a job was dead-lettered (${reason}) and dropped (the dead-letter queue keeps it in AWS).\n`,
    );
  }
}
