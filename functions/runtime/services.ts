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
import type { UnsubscribeDeps } from '../../shared/core/messaging/unsubscribe';
import {
  deriveUnsubscribeKey,
  type UnsubscribeKey,
} from '../../shared/core/messaging/unsubscribe-token';
import type { CustomerRepository } from '../../shared/core/ports';
import { config } from './config';

/** The clients and repositories of one function instance, made once and reused across requests. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const tableName = () => config().TABLE_NAME;

let hasher: Promise<AddressHasher> | undefined;

/** The shop's address-hashing secret, for the functions granted it (needs.addressHashing). */
async function loadAddressHashSecret(): Promise<string | undefined> {
  const { ADDRESS_HASH_SECRET: local, ADDRESS_HASH_SECRET_ARN: arn } = config();
  if (local === undefined && arn === undefined) return undefined;
  const secret = local ?? (await getSecret(arn as string, { maxAge: 3600 }));
  if (typeof secret !== 'string') throw new Error('The address hashing secret is not a string');
  return secret;
}

/** The shop's HMAC key, for the functions granted it; the others get one that fails loudly. */
async function loadAddressHasher(): Promise<AddressHasher> {
  const secret = await loadAddressHashSecret();
  return secret === undefined ? hasherNotGranted : new HmacAddressHasher(secret);
}

let unsubscribeKey: Promise<UnsubscribeKey> | undefined;

/** The token key is derived from the address-hashing secret (see deriveUnsubscribeKey). */
async function loadUnsubscribeKey(): Promise<UnsubscribeKey> {
  const secret = await loadAddressHashSecret();
  if (secret === undefined) {
    throw new Error(
      'This code was not granted the address-hashing key, which signs unsubscribe links (needs.addressHashing in functions/routes.ts)',
    );
  }
  return deriveUnsubscribeKey(secret);
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
  /** What an unsubscribe link needs: the token key, the repository and the shop's language. */
  async unsubscribe(): Promise<UnsubscribeDeps & { shopName: string }> {
    unsubscribeKey ??= loadUnsubscribeKey().catch((error: unknown) => {
      unsubscribeKey = undefined;
      throw error;
    });
    const [customers, settings, key] = await Promise.all([
      services.customers(),
      services.settings().get(),
      unsubscribeKey,
    ]);
    return {
      customers,
      clock: services.clock,
      ids: services.ids,
      unsubscribeKey: key,
      defaultLocale: settings.locale,
      shopName: settings.name,
    };
  },
};
export type Services = typeof services;
