import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one declaration of the shop table's physical shape. The CDK stack and the DynamoDB Local
 * setup (start-up and tests) are both built from it, so a test table is the production table.
 */
export const shopTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB deletes the item (export jobs; later, message claims). */
  timeToLiveAttribute: 'ttl',
  /** Sparse: only customer profiles carry it; lists customers newest first without a Scan. */
  customerList: {
    indexName: 'customerList',
    partitionKey: 'listPk',
    sortKey: 'listSk',
    projection: 'ALL',
  },
  /**
   * Sparse: only profiles with a due day carry it, sorted by that day. The win-back planner reads
   * the customers due up to today, so its cost follows the number due, not the size of the list;
   * keys only, because the planner reads the profiles it acts on anyway.
   */
  dueForWinBack: {
    indexName: 'dueForWinBack',
    partitionKey: 'duePk',
    sortKey: 'dueSk',
    projection: 'KEYS_ONLY',
  },
} as const;

/** Every global secondary index, with its key attributes (all strings). */
export const globalIndexes = [shopTable.customerList, shopTable.dueForWinBack] as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    shopTable.partitionKey,
    shopTable.sortKey,
    ...globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: shopTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: shopTable.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
