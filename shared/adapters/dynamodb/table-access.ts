import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AddressHasher } from '../address-hasher';

/** What the repository's modules share: the client, the shop's table, and the address hasher. */
export interface TableAccess {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly hasher: AddressHasher;
}
