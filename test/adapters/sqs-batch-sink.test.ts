import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsBatchSink } from '../../shared/adapters/queue/sqs-batch-sink';

// SendMessageBatch's partial failures cannot be provoked on a local peer: the client is mocked.
const sqs = mockClient(SQSClient);
const sink = () => new SqsBatchSink<{ n: number }>(new SQSClient({}), 'https://sqs.example/q');

beforeEach(() => sqs.reset());

describe('SqsBatchSink', () => {
  it('sends ten messages per SendMessageBatch call', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await sink().sendAll(Array.from({ length: 25 }, (_, n) => ({ n })));
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Entries?.length).sort()).toEqual([10, 10, 5]);
    const bodies = calls.flatMap((input) => input.Entries?.map((entry) => entry.MessageBody));
    expect(new Set(bodies).size).toBe(25);
  });

  it('sends again only the entries SQS reports as failed', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
      })
      .resolves({ Successful: [], Failed: [] });
    await sink().sendAll([{ n: 0 }, { n: 1 }, { n: 2 }]);
    const retry = sqs.commandCalls(SendMessageBatchCommand)[1]?.args[0].input;
    expect(retry?.Entries).toEqual([{ Id: '1', MessageBody: JSON.stringify({ n: 1 }) }]);
  });

  it('throws when entries keep failing, so the fan-out replays its page', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }],
    });
    await expect(sink().sendAll([{ n: 0 }])).rejects.toThrow(/refused 1 messages/);
  }, 20_000);
});
