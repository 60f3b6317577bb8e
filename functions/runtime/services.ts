import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { HmacAddressHasher, type AddressHasher } from '../../shared/adapters/address-hasher';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import {
  CachedSettingsRepository,
  DynamoSettingsRepository,
} from '../../shared/adapters/dynamodb/settings-repository';
import { systemClock } from '../../shared/adapters/system-clock';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import type { CustomerCommandDeps } from '../../shared/core/customer-commands';
import type { CustomerRepository, ExportSink } from '../../shared/core/ports';
import { S3Client } from '@aws-sdk/client-s3';
import { FolderExportSink } from '../../shared/adapters/export/folder-export-sink';
import { S3ExportSink } from '../../shared/adapters/export/s3-export-sink';
import { config } from './config';

/** The clients and repositories of one function instance, made once and reused across requests. */
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const tableName = () => config().TABLE_NAME;

let hasher: Promise<AddressHasher> | undefined;

async function loadAddressHasher(): Promise<AddressHasher> {
  const { ADDRESS_HASH_SECRET: local, ADDRESS_HASH_SECRET_ARN: arn } = config();
  const secret = local ?? (await getSecret(arn as string, { maxAge: 3600 }));
  if (typeof secret !== 'string') throw new Error('The address hashing secret is not a string');
  return new HmacAddressHasher(secret);
}

let settingsRepository: CachedSettingsRepository | undefined;

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
  exportSink(): ExportSink {
    const { EXPORT_BUCKET: bucket, EXPORT_DIR: dir, EXPORT_BASE_URL: baseUrl } = config();
    if (bucket !== undefined) return new S3ExportSink(new S3Client({}), bucket, services.clock);
    if (dir !== undefined && baseUrl !== undefined)
      return new FolderExportSink(dir, baseUrl, services.clock);
    throw new Error('EXPORT_BUCKET (AWS) or EXPORT_DIR and EXPORT_BASE_URL (local) must be set');
  },
};
export type Services = typeof services;
