import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import {
  HmacAddressHasher,
  hasherNotGranted,
  type AddressHasher,
} from '../../shared/adapters/address-hasher';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import {
  CachedLapseModel,
  DynamoLapseModelRepository,
} from '../../shared/adapters/dynamodb/lapse-model-repository';
import type { ShopLapseModel } from '../../shared/core/lapse/shop-lapse-model';
import {
  CachedSettingsRepository,
  DynamoSettingsRepository,
} from '../../shared/adapters/dynamodb/settings-repository';
import { systemClock } from '../../shared/adapters/system-clock';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import type { CustomerCommandDeps } from '../../shared/core/customer-commands';
import type { CustomerRepository } from '../../shared/core/ports';
import { config } from './config';

/** The clients and repositories of one function instance, made once and reused across requests. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const tableName = () => config().TABLE_NAME;

let hasher: Promise<AddressHasher> | undefined;

/** The shop's HMAC key, for the functions granted it; the others get one that fails loudly. */
async function loadAddressHasher(): Promise<AddressHasher> {
  const { ADDRESS_HASH_SECRET: local, ADDRESS_HASH_SECRET_ARN: arn } = config();
  if (local === undefined && arn === undefined) return hasherNotGranted;
  const secret = local ?? (await getSecret(arn as string, { maxAge: 3600 }));
  if (typeof secret !== 'string') throw new Error('The address hashing secret is not a string');
  return new HmacAddressHasher(secret);
}

let settingsRepository: CachedSettingsRepository | undefined;
let cachedLapseModel: CachedLapseModel | undefined;

export const services = {
  clock: systemClock,
  ids: new UlidGenerator(),
  /** Settings as most requests need them: cached for a minute. */
  settings(): CachedSettingsRepository {
    settingsRepository ??= new CachedSettingsRepository(services.settingsStore(), () => Date.now());
    return settingsRepository;
  },
  /** Settings as the owner reads and edits them: always the stored version. */
  settingsStore(): DynamoSettingsRepository {
    return new DynamoSettingsRepository(dynamo, tableName());
  },
  /** The shop's fitted lapse model, as the weekly refit stored it. */
  lapseModels(): DynamoLapseModelRepository {
    return new DynamoLapseModelRepository(dynamo, tableName());
  },
  /** The fitted model as order writes use it: cached for ten minutes, null before any refit. */
  lapseModel(): Promise<ShopLapseModel | null> {
    cachedLapseModel ??= new CachedLapseModel(services.lapseModels(), () => Date.now());
    return cachedLapseModel.current();
  },
  async customers(): Promise<CustomerRepository> {
    hasher ??= loadAddressHasher().catch((error: unknown) => {
      hasher = undefined; // a failed secret read is retried by the next request, not cached
      throw error;
    });
    return new DynamoCustomerRepository(dynamo, tableName(), await hasher);
  },
  /** What the customer commands need: repository, current settings, clock and ids. */
  async customerCommands(): Promise<CustomerCommandDeps> {
    const [customers, settings] = await Promise.all([
      services.customers(),
      services.settings().get(),
    ]);
    return { customers, settings, clock: services.clock, ids: services.ids };
  },
};
export type Services = typeof services;
