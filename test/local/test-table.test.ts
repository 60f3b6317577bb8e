import {
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { globalIndexes } from '../../shared/adapters/dynamodb/table-definition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../helpers/test-table';

describe('test table helper', () => {
  let table: TestTable;
  let other: TestTable;

  beforeAll(async () => {
    [table, other] = await Promise.all([createTestTable(), createTestTable()]);
  });

  afterAll(() => table.dropTable());

  describe('isolation', () => {
    it('creates an active table from the production definition', async () => {
      const { Table } = await table.client.send(
        new DescribeTableCommand({ TableName: table.tableName }),
      );
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        globalIndexes.map((index) => index.indexName).sort(),
      );
    });

    it('gives each caller its own table so items do not leak between test files', async () => {
      const Key = { pk: { S: 'CUST#1' }, sk: { S: 'PROFILE' } };
      await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: Key }));
      const { Item } = await other.client.send(
        new GetItemCommand({ TableName: other.tableName, Key }),
      );
      expect(Item).toBeUndefined();
    });
  });

  describe('dropping', () => {
    it('deletes the table when dropTable is called', async () => {
      const { tableName } = other;
      await other.dropTable();
      await expect(
        table.client.send(new DescribeTableCommand({ TableName: tableName })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });
});
