import type { SQSRecord } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { inProcessQueues } from '../../shared/adapters/queue/in-process-queue';
// Types only: the module is imported once its environment is set.
import type * as FanOutWorker from '../../functions/workers/fan-out-campaign';

// The fan-out consumer as Lambda runs it, on the local queue: its back-off is the in-process
// queue's visibility change. With an empty table name every delivery fails, as a throttled or
// unreachable DynamoDB would make it.
let handler: typeof FanOutWorker.handler;
let fanOutBackOffSeconds: typeof FanOutWorker.fanOutBackOffSeconds;

beforeAll(async () => {
  vi.stubEnv('CAMPAIGN_QUEUE_URL', 'local://campaignFanOut');
  vi.stubEnv('TABLE_NAME', '');
  ({ handler, fanOutBackOffSeconds } = await import('../../functions/workers/fan-out-campaign'));
});
afterEach(() => vi.restoreAllMocks());

function aRecord(receiveCount: number): SQSRecord {
  const messageId = `m-${receiveCount}`;
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: JSON.stringify({ kind: 'start', campaignId: '0123456789ABCDEFGHJKMNPQRS' }),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '0',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:campaignFanOut',
    awsRegion: 'local',
  };
}

const context = () =>
  createLambdaContext({ functionName: 'fanOutCampaign', awsRequestId: 'r', timeoutMs: 900_000 });

describe('the fan-out consumer on a failure', () => {
  it('holds the message back for a short, growing back-off and reports it failed', async () => {
    const backOffs = vi.spyOn(inProcessQueues, 'changeVisibility');
    for (const receiveCount of [1, 3]) {
      const record = aRecord(receiveCount);
      expect(await handler({ Records: [record] }, context())).toEqual({
        batchItemFailures: [{ itemIdentifier: record.messageId }],
      });
    }
    expect(backOffs.mock.calls).toEqual([
      ['handle-m-1', 10],
      ['handle-m-3', 40],
    ]);
  });

  it('never waits more than 15 minutes', () => {
    expect([1, 2, 5, 7, 8, 20].map(fanOutBackOffSeconds)).toEqual([10, 20, 160, 640, 900, 900]);
  });
});
