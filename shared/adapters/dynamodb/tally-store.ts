import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  isCounterName,
  type Counts,
  type TallyOwner,
  type TallyStore,
} from '../../core/results/tally';
import { keys } from './keys';

/**
 * The `ADD` update of an owner's counters, as one UpdateItem or one item of a transaction (a
 * fan-out page adds its `queued` in the same transaction that moves its cursor).
 */
export function tallyUpdate(tableName: string, owner: TallyOwner, counts: Counts) {
  const entries = Object.entries(counts).filter(([, value]) => value !== 0);
  for (const [name, value] of entries) {
    if (!isCounterName(name)) throw new Error(`Not a counter name: ${name}`);
    if (!Number.isFinite(value)) throw new Error(`Counter ${name} is not a finite number`);
  }
  return {
    TableName: tableName,
    Key: keys.tally(owner),
    UpdateExpression: `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(
      entries.map(([name], index) => [`#c${index}`, name]),
    ),
    ExpressionAttributeValues: Object.fromEntries(
      entries.map(([, value], index) => [`:c${index}`, value]),
    ),
  };
}

/** Counters on the shop table: one item per owner, incremented in place. */
export class DynamoTallyStore implements TallyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(owner: TallyOwner, counts: Counts): Promise<void> {
    if (Object.values(counts).every((value) => value === 0)) return;
    await this.client.send(new UpdateCommand(tallyUpdate(this.tableName, owner, counts)));
  }

  async read(owner: TallyOwner): Promise<Counts> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.tally(owner), ConsistentRead: true }),
    );
    if (Item === undefined) return {};
    const { pk, sk, ...counters } = Item;
    return Object.fromEntries(
      Object.entries(counters).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      ),
    );
  }
}
