import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HmacAddressHasher } from '../../shared/adapters/address-hasher';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamodb/settings-repository';
import type { CustomerCommandDeps } from '../../shared/core/customer-commands';
import type { ShopLapseModel } from '../../shared/core/lapse/shop-lapse-model';
import { createTestTable, type TestTable } from './test-table';
import { ManualClock, ids, vietnameseShop } from './builders';

export const TEST_ADDRESS_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface StoreFixture extends CustomerCommandDeps {
  /** The fitted model order writes use; null until a test sets one. */
  lapseModel: ShopLapseModel | null;
  readonly table: TestTable;
  readonly documentClient: DynamoDBDocumentClient;
  readonly customers: DynamoCustomerRepository;
  readonly settingsRepository: DynamoSettingsRepository;
  readonly clock: ManualClock;
  readonly hasher: HmacAddressHasher;
}

/** The real repositories on a table of their own in DynamoDB Local. */
export async function createStore(): Promise<StoreFixture> {
  const table = await createTestTable('store');
  const documentClient = DynamoDBDocumentClient.from(table.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const hasher = new HmacAddressHasher(TEST_ADDRESS_SECRET);
  return {
    table,
    documentClient,
    hasher,
    customers: new DynamoCustomerRepository(documentClient, table.tableName, hasher),
    settingsRepository: new DynamoSettingsRepository(documentClient, table.tableName),
    settings: vietnameseShop,
    clock: new ManualClock(),
    lapseModel: null,
    ids,
  };
}
