import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { join, resolve } from 'node:path';
import { hasherNotGranted } from '../../shared/adapters/address-hasher';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoLapseModelRepository } from '../../shared/adapters/dynamodb/lapse-model-repository';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamodb/settings-repository';
import { systemClock } from '../../shared/adapters/system-clock';
import { refitLapseModel } from '../../shared/core/refit-lapse-model';
import { createLocalDynamoDbClient } from './dynamodb-client';
import { startDynamoDbLocal } from './dynamodb-local';
import { readDynamoDbLocalState } from './dynamodb-local-state';
import { assertJavaAvailable } from './java';
import { LOCAL_TABLE_NAME } from './local-stack';
import { isProcessAlive } from './process-control';
import { ensureTable } from './table';

/**
 * `npm run refit`: what the weekly schedule does in AWS, on the local data. Uses the DynamoDB
 * Local of a running `npm start`, or starts one on `.regulars` for the length of the refit.
 */
async function main(): Promise<void> {
  const stateDir = resolve('.regulars');
  const running = await readDynamoDbLocalState(join(stateDir, 'dynamodb-local.json'));
  let stop: () => Promise<void> = async () => undefined;
  let endpoint: string;
  if (running !== undefined && isProcessAlive(running.pid)) {
    endpoint = `http://127.0.0.1:${running.port}`;
  } else {
    await assertJavaAvailable();
    const started = await startDynamoDbLocal({
      dataDir: join(stateDir, 'dynamodb'),
      stateFile: join(stateDir, 'dynamodb-local.json'),
    });
    endpoint = started.endpoint;
    stop = () => started.stop();
  }
  try {
    const client = createLocalDynamoDbClient(endpoint);
    await ensureTable(client, LOCAL_TABLE_NAME);
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const result = await refitLapseModel({
      customers: new DynamoCustomerRepository(documentClient, LOCAL_TABLE_NAME, hasherNotGranted),
      lapseModels: new DynamoLapseModelRepository(documentClient, LOCAL_TABLE_NAME),
      settings: await new DynamoSettingsRepository(documentClient, LOCAL_TABLE_NAME).get(),
      clock: systemClock,
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await stop();
  }
}

await main();
