import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerRecord } from '../../core/customer';
import { CUSTOMER_PREFIX } from './keys';
import { groupPartition } from './partition';

type Item = Record<string, unknown>;

/**
 * Streams every customer's record from a Scan. A partition's items come back together and in
 * sort-key order, so a record is complete when the partition key changes and only one customer's
 * items are held at a time: memory stays flat for 100,000 customers. Only the export reads the
 * whole table.
 */
export async function* scanCustomerRecords(
  client: DynamoDBDocumentClient,
  tableName: string,
): AsyncGenerator<CustomerRecord> {
  let current: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :customer)',
        ExpressionAttributeValues: { ':customer': CUSTOMER_PREFIX },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (current.length > 0 && current[0]?.pk !== item.pk) {
        const record = groupPartition(current);
        if (record !== undefined) yield record;
        current = [];
      }
      current.push(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  const last = groupPartition(current);
  if (last !== undefined) yield last;
}
