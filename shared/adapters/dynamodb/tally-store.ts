import { TransactionConflictException } from '@aws-sdk/client-dynamodb';
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

/** Tries of one increment that meets a transaction on its item, before giving up. */
const ADD_ATTEMPTS = 5;

/** Counters on the shop table: one item per owner, incremented in place. */
export class DynamoTallyStore implements TallyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Waits between tries; a test makes it instant. */
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * A plain ADD that meets a transaction in flight on the same item (a fan-out page commits its
   * `queued` to the campaign's tally in one) fails with TransactionConflict, which the SDK does not
   * retry; the send worker would then drop the batch's counts. It is tried again after a short
   * jittered wait. The update has no condition, so nothing else can make it fail this way.
   */
  async add(owner: TallyOwner, counts: Counts): Promise<void> {
    if (Object.values(counts).every((value) => value === 0)) return;
    const update = tallyUpdate(this.tableName, owner, counts);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new UpdateCommand(update));
        return;
      } catch (error) {
        if (!isTransactionConflict(error) || attempt >= ADD_ATTEMPTS) throw error;
        await this.sleep(Math.random() * 20 * 2 ** attempt);
      }
    }
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

function isTransactionConflict(error: unknown): boolean {
  return (
    error instanceof TransactionConflictException ||
    (error instanceof Error && error.name === 'TransactionConflictException')
  );
}
