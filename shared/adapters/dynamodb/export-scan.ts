import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerRecord } from '../../core/customer';
import { mergeAsync } from '../merge-async';
import { CUSTOMER_PREFIX } from './keys';
import { groupPartition } from './partition';

type Item = Record<string, unknown>;

/** Parallel scan segments: DynamoDB serves each from its own partitions, so they add up. */
export const EXPORT_SCAN_SEGMENTS = 4;

/**
 * Streams every customer's record from a parallel Scan. Only the export reads the whole table,
 * in a queued worker that Lambda allows fifteen minutes; the segments run side by side to keep
 * an export of 100,000 customers well inside that and quick for the owner, and at most one page
 * per segment is held in memory.
 */
export function scanCustomerRecords(
  client: DynamoDBDocumentClient,
  tableName: string,
  segments = EXPORT_SCAN_SEGMENTS,
): AsyncGenerator<CustomerRecord> {
  return mergeAsync(
    Array.from({ length: segments }, (_, segment) =>
      scanSegment(client, tableName, segment, segments),
    ),
  );
}

/**
 * One segment's records. A partition's items come back together and in sort-key order, so a
 * record is complete when the partition key changes; only one customer's items are held.
 */
async function* scanSegment(
  client: DynamoDBDocumentClient,
  tableName: string,
  segment: number,
  totalSegments: number,
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
        Segment: segment,
        TotalSegments: totalSegments,
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
