import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { ensureTable } from '../../infra/local/table';
import { createTableInput, globalIndexes } from '../../shared/adapters/dynamodb/table-definition';

describe('ensureTable', () => {
  it('adds the indexes a table made by an older version lacks, keeping the table', async () => {
    const client = createLocalDynamoDbClient(inject('dynamoEndpoint'));
    const tableName = `older-${randomUUID()}`;
    const current = createTableInput(tableName);
    const [first] = current.GlobalSecondaryIndexes ?? [];
    const used = new Set(
      [...(current.KeySchema ?? []), ...(first?.KeySchema ?? [])].map((key) => key.AttributeName),
    );
    await client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions?.filter((a) =>
          used.has(a.AttributeName),
        ),
        GlobalSecondaryIndexes: first ? [first] : [],
      }),
    );
    try {
      await ensureTable(client, tableName);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        globalIndexes.map((index) => index.indexName).sort(),
      );
    } finally {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    }
  });
});
