import type { RouteNeeds } from './routes';

export type QueueName = 'exportJobs' | 'sendJobs' | 'campaignFanOut';

/**
 * The job queues, declared once. The CDK stack makes each queue with its dead-letter queue and
 * its consumer function; the local stack delivers to the same consumer module in-process.
 */
export interface QueueDefinition {
  readonly name: QueueName;
  /** The environment variable through which senders learn the queue's URL. */
  readonly urlVariable: string;
  /** Deliveries before a message goes to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly consumer: {
    /** Handler module, relative to `functions/`, exporting `handler`. */
    readonly handler: string;
    readonly name: string;
    /**
     * Lambda's timeout. The queue's visibility timeout is six times this (AWS's advice for SQS
     * event sources), so a message is never redelivered mid-run.
     */
    readonly timeoutSeconds: number;
    readonly batchSize: number;
    /**
     * At most this many consumers at once (the event source's maximum concurrency, 2..1000), so
     * a large backlog drains at a pace the downstream quota allows; unlimited when absent.
     */
    readonly maxConcurrency?: number;
    /**
     * Provider calls per second of one consumer instance (`SEND_RATE_PER_SECOND`); with
     * maxConcurrency, it bounds the whole queue's rate: ratePerSecond × maxConcurrency.
     */
    readonly ratePerSecond?: number;
    /**
     * The consumer moves a message it can never handle to the dead-letter queue itself, at once,
     * instead of failing it maxReceiveCount times: it gets the DLQ's URL (`DEAD_LETTER_QUEUE_URL`)
     * and may send to that queue, and no other consumer may.
     */
    readonly forwardsToDeadLetterQueue?: true;
    readonly needs: RouteNeeds;
  };
}

export const queues: readonly QueueDefinition[] = [
  {
    name: 'exportJobs',
    urlVariable: 'EXPORT_QUEUE_URL',
    maxReceiveCount: 3,
    // An export of 100,000 customers takes minutes; Lambda allows fifteen.
    consumer: {
      handler: 'workers/run-export.ts',
      name: 'runExport',
      timeoutSeconds: 900,
      batchSize: 1,
      // Scans every customer, and reads and writes the job's own item.
      needs: { table: { access: 'readWrite', scan: true }, exportBucket: 'write' },
    },
  },
  {
    name: 'sendJobs',
    urlVariable: 'SEND_QUEUE_URL',
    // Throttling and contention are retried by the dispatcher itself (see workers/dispatch-send);
    // this is the backstop for a job that crashes its consumer again and again.
    maxReceiveCount: 10,
    consumer: {
      handler: 'workers/dispatch-send.ts',
      name: 'dispatchSend',
      // A send waits on SES or SNS for seconds at most; a batch of ten, a little longer.
      timeoutSeconds: 60,
      batchSize: 10,
      // 6 provider calls a second × 2 consumers: 12 messages a second at most, under SES's
      // starting production quota (14/s) and SNS's default SMS rate (20/s). The two are declared
      // here only; the stack sets SEND_RATE_PER_SECOND.
      maxConcurrency: 2,
      ratePerSecond: 6,
      // An unbuildable job (invalid, misconfigured) goes to the dead-letter queue at once.
      forwardsToDeadLetterQueue: true,
      // Reads the recipient, writes the ledger and the cap window; defers jobs by re-queueing.
      needs: {
        table: { access: 'readWrite' },
        addressHashing: true,
        sending: { email: true, sms: true },
        queues: ['sendJobs'],
      },
    },
  },
  {
    name: 'campaignFanOut',
    urlVariable: 'CAMPAIGN_QUEUE_URL',
    // A failure is retried after 10 s, doubling up to 15 minutes (see the worker): ten receives
    // ride out about 50 minutes of throttling or an outage before a segment that keeps failing (a
    // bug, a missing grant) goes to the dead-letter queue to be looked at. A crash mid-segment
    // resumes from the committed cursor on the next delivery.
    maxReceiveCount: 10,
    consumer: {
      handler: 'workers/fan-out-campaign.ts',
      name: 'fanOutCampaign',
      // A segment of 100,000 customers takes a few minutes; one that runs long hands the rest on.
      timeoutSeconds: 900,
      batchSize: 1,
      // Scans the profiles (parallel segments), moves each segment's cursor and the campaign's
      // status, and puts send jobs (and its own segment messages) on the queues.
      needs: {
        table: { access: 'readWrite', scan: true },
        queues: ['sendJobs', 'campaignFanOut'],
      },
    },
  },
];
