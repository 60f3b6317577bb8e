import type { RouteNeeds } from './routes';

export type QueueName = 'exportJobs';

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
];
