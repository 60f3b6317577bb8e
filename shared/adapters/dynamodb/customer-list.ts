import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Customer } from '../../core/customer';
import type { CustomerLapse } from '../../core/customer-lapse';
import { ConcurrentWriteError } from '../../core/errors';
import { profileItem } from './items';
import { CUSTOMER_LIST_PARTITION, dueKeys, keys } from './keys';
import type { TableAccess } from './table-access';
import { shopTable } from './table-definition';

type Item = Record<string, unknown>;

/** One page of the customer-list index, newest first. */
export async function customerListPage(
  store: TableAccess,
  page: { limit?: number; startKey?: Item },
): Promise<{ customers: Customer[]; lastKey?: Item }> {
  const index = shopTable.customerList;
  const result = await store.client.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: `${index.partitionKey} = :list`,
      ExpressionAttributeValues: { ':list': CUSTOMER_LIST_PARTITION },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.startKey,
    }),
  );
  return {
    customers: (result.Items ?? []).map(profileItem.parse),
    lastKey: result.LastEvaluatedKey,
  };
}

/** Every profile, page by page from the customer-list index: the refit never Scans the table. */
export async function* allProfiles(store: TableAccess): AsyncGenerator<Customer> {
  let startKey: Item | undefined;
  do {
    const page = await customerListPage(store, { startKey });
    yield* page.customers;
    startKey = page.lastKey;
  } while (startKey !== undefined);
}

/**
 * Rewrites a profile's lapse and its place on the due index, if the profile is still at the
 * version it was read at. Only these attributes change: the lapse is derived from the profile.
 */
export async function saveLapse(
  store: TableAccess,
  customerId: string,
  lapse: CustomerLapse | null,
  readVersion: number,
): Promise<void> {
  const due = lapse?.dueDay == null ? undefined : dueKeys(customerId, lapse.dueDay);
  try {
    await store.client.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.profile(customerId),
        UpdateExpression: due
          ? 'SET lapse = :lapse, duePk = :duePk, dueSk = :dueSk'
          : 'SET lapse = :lapse REMOVE duePk, dueSk',
        ConditionExpression: 'version = :readVersion',
        ExpressionAttributeValues: {
          ':lapse': lapse,
          ':readVersion': readVersion,
          ...(due && { ':duePk': due.duePk, ':dueSk': due.dueSk }),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConcurrentWriteError(`Customer ${customerId}`, { cause: error });
    }
    throw error;
  }
}
