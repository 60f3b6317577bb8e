import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryReceipts } from '../../shared/adapters/dynamodb/delivery-receipts';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { workflowTally } from '../../shared/core/results/tally';
import { createStore, type StoreFixture } from '../helpers/store';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

describe('delivery receipts', () => {
  it('counts a delivery once, however often SNS redelivers its event', async () => {
    const { documentClient: client, table } = store;
    const receipts = new DynamoDeliveryReceipts(client, table.tableName);
    const tallies = new DynamoTallyStore(client, table.tableName);
    const owner = workflowTally('win-back');
    const now = new Date('2026-11-23T03:00:00.000Z');

    const first = await receipts.count('ses-message-1', owner, now);
    const again = await receipts.count('ses-message-1', owner, now);
    const other = await receipts.count('ses-message-2', owner, now);

    expect([first, again, other]).toEqual([true, false, true]);
    expect(await tallies.read(owner)).toEqual({ delivered: 2 });
  });
});
