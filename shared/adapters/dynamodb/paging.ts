import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchGetCommandOutput,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dueIndexUpTo, type ItemKey } from './keys';
import { shopTable } from './table-definition';

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/** Every item a Query matches, following LastEvaluatedKey. */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** BatchWriteItem in chunks of 25, resending what DynamoDB returns unprocessed, with backoff. */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(start, start + 25);
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 2 ** attempt * 25)));
      const result = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[tableName] as WriteRequest[] | undefined;
    }
  }
}

/**
 * Strongly consistent BatchGetItem of at most 100 keys, resending what DynamoDB returns
 * unprocessed, with backoff. Returns the items found, by `pk` and `sk`.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  wanted: readonly ItemKey[],
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  let pending: Item[] | undefined = wanted.map((key) => ({ ...key }));
  for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
    if (attempt > 0)
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 2 ** attempt * 25)));
    const result: BatchGetCommandOutput = await client.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
      }),
    );
    for (const item of result.Responses?.[tableName] ?? []) found.set(itemKeyId(item), item);
    pending = result.UnprocessedKeys?.[tableName]?.Keys;
  }
  return found;
}

/** How {@link batchGetAll} names an item in its result. */
export function itemKeyId(key: { readonly pk?: unknown; readonly sk?: unknown }): string {
  return `${String(key.pk)}\u0000${String(key.sk)}`;
}

/**
 * The items at these keys (for example the entries of a keys-only index page), in the same
 * order; a key with no item (deleted since the query) is left out. At most 100 keys.
 */
export async function readItemsInOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  entries: readonly { readonly pk?: unknown; readonly sk?: unknown }[],
): Promise<Item[]> {
  const wanted = entries.map(({ pk, sk }) => ({ pk: String(pk), sk: String(sk) }));
  const found = await batchGetAll(client, tableName, wanted);
  return wanted.flatMap((key) => {
    const item = found.get(itemKeyId(key));
    return item === undefined ? [] : [item];
  });
}

/**
 * The keys-only due index under one partition, oldest first, up to and including `upTo` (see
 * `dueIndexUpTo`), a page at a time; stops once `limit` entries were yielded. Win-back
 * candidates, due journeys and deferred jobs all read it this way.
 */
export async function* dueIndexPages(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: { partition: string; upTo: string; pageSize: number; limit?: number },
): AsyncIterable<Record<string, unknown>[]> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  let taken = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: shopTable.dueForWinBack.indexName,
        KeyConditionExpression: '#duePk = :partition AND #dueSk <= :upTo',
        ExpressionAttributeNames: { '#duePk': 'duePk', '#dueSk': 'dueSk' },
        ExpressionAttributeValues: {
          ':partition': query.partition,
          ':upTo': dueIndexUpTo(query.upTo),
        },
        Limit: Math.min(query.pageSize, limit - taken),
        ExclusiveStartKey: startKey,
      }),
    );
    startKey = page.LastEvaluatedKey;
    const entries = page.Items ?? [];
    taken += entries.length;
    yield entries;
  } while (startKey !== undefined && taken < limit);
}
