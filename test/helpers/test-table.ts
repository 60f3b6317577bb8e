import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { ensureTable } from '../../infra/local/table';

export interface TestTable {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  /** Deletes the table and releases the client; call it in `afterAll`. */
  dropTable(): Promise<void>;
}

/**
 * A fresh table, built from the production table definition, in the run's DynamoDB Local.
 * Each test file gets its own table so files can run in parallel without seeing each other.
 */
export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const client = createLocalDynamoDbClient(endpoint);
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  return {
    tableName,
    client,
    endpoint,
    async dropTable() {
      try {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
      } finally {
        client.destroy();
      }
    },
  };
}
