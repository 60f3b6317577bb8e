import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { campaignTally } from '../../shared/core/results/tally';

// TransactionConflict needs a transaction in flight at the same moment: the client is mocked.
const dynamo = mockClient(DynamoDBDocumentClient);
const waits: number[] = [];
const store = () =>
  new DynamoTallyStore(
    DynamoDBDocumentClient.from(new DynamoDBClient({})),
    'shop',
    async (ms) => void waits.push(ms),
  );
const conflict = () => new TransactionConflictException({ message: 'conflict', $metadata: {} });
const owner = campaignTally('0123456789ABCDEFGHJKMNPQRS');

beforeEach(() => {
  dynamo.reset();
  waits.length = 0;
});

describe('DynamoTallyStore.add', () => {
  it('tries again when its update meets a transaction on the tally item, so no count is lost', async () => {
    dynamo.on(UpdateCommand).rejectsOnce(conflict()).resolves({});
    await store().add(owner, { sent: 3, 'skipped.quiet_hours': 1 });
    const calls = dynamo.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toEqual(calls[0]?.args[0].input);
    expect(waits).toHaveLength(1);
  });

  it('gives up after a few conflicts, and lets any other error through at once', async () => {
    dynamo.on(UpdateCommand).rejects(conflict());
    await expect(store().add(owner, { sent: 1 })).rejects.toBeInstanceOf(
      TransactionConflictException,
    );
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(5);

    dynamo.reset();
    dynamo
      .on(UpdateCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }));
    await expect(store().add(owner, { sent: 1 })).rejects.toThrow('slow');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });
});
