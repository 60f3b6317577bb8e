import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local runs with `-sharedDb`, so it accepts any credentials and region; these fixed
 * values keep the SDK from looking for a real AWS profile on the developer's machine.
 */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const localRegion = 'local';

/** A DynamoDB client for a DynamoDB Local endpoint, with fake credentials. */
export function createLocalDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
}
