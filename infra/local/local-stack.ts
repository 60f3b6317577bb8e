import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routes as productRoutes, type RouteDefinition } from '../../functions/routes';
import { createLocalDynamoDbClient, localCredentials } from './dynamodb-client';
import { startDynamoDbLocal, type DynamoDbLocalExit } from './dynamodb-local';
import { createHandlerLoader } from './handler-loader';
import { assertJavaAvailable } from './java';
import { ensureSecretFile } from './local-secret';
import { localExportsPrefix } from './local-exports';
import { startLocalQueues } from './local-queues';
import { startRepeatingSchedule } from './local-schedules';
import { loadOwnerIssuer } from './owner-issuer';
import { startLocalServer, type LocalRoute, type LocalServer } from './server';
import { startSesEmulator } from './ses-emulator';
import { smsOutboxPath } from './sms-outbox-page';
import { ensureTable } from './table';

/** The parts of a `functions/routes.ts` entry the local stack uses. */
export type LocalStackRoute = LocalRoute & Pick<RouteDefinition, 'handler'>;

export interface LocalStackOptions {
  /** Folder for everything local (database, keys, exports); `.regulars` for `npm start`. */
  readonly stateDir: string;
  /** 0 lets the OS choose. */
  readonly port: number;
  /** When `port` is taken, use a free one instead of failing. */
  readonly fallbackToFreePort?: boolean;
  readonly tableName?: string;
  readonly routes?: readonly LocalStackRoute[];
  readonly functionsDir?: string;
  readonly log?: (line: string) => void;
  /**
   * The base URL unsubscribe links carry (PUBLIC_BASE_URL); this server's own URL by default
   * (templates take plain http for this machine only), or an https tunnel to it.
   */
  readonly publicBaseUrl?: string;
  /** How often deferred messages are released (the 5-minute schedule in AWS); 30 s by default. */
  readonly releaseDeferredEveryMs?: number;
  /** How often the win-back planner runs (every 15 minutes in AWS); a minute by default. */
  readonly planWorkflowsEveryMs?: number;
}

export interface LocalStack {
  readonly url: string;
  readonly ownerToken: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** aws-ses-v2-local's web inbox, where every email the handlers send arrives. */
  readonly emailInboxUrl: string;
  /** The local SMS outbox: a JSON-lines file, also shown as a page on the API server. */
  readonly smsOutboxFile: string;
  readonly smsOutboxUrl: string;
  /** The variables the handlers read, as set on `process.env`. */
  readonly environment: Readonly<Record<string, string>>;
  /** Settles only if DynamoDB Local dies on its own; the HTTP server is closed by then. */
  readonly crashed: Promise<DynamoDbLocalExit>;
  /** Stops the server, the SES emulator and DynamoDB Local and restores `process.env`. */
  stop(): Promise<void>;
}

const defaultFunctionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));

function setEnvironment(values: Readonly<Record<string, string>>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  };
}

async function listen(options: LocalStackOptions, start: (port: number) => Promise<LocalServer>) {
  try {
    return await start(options.port);
  } catch (error) {
    if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE')
      throw error;
    const server = await start(0);
    options.log?.(
      `Port ${options.port} is already in use, so the API listens on port ${server.port} instead.`,
    );
    return server;
  }
}

/** The shop table's name in the local DynamoDB. */
export const LOCAL_TABLE_NAME = 'regulars-local';

/**
 * Starts what `npm start` runs: persisted DynamoDB Local with the shop table, the owner token
 * issuer, and the handlers of `functions/` behind a local API Gateway.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stateDir = resolve(options.stateDir);
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await assertJavaAvailable();

  const dynamoDb = await startDynamoDbLocal({
    dataDir: join(stateDir, 'dynamodb'),
    stateFile: join(stateDir, 'dynamodb-local.json'),
  });
  const cleanups: (() => Promise<void> | void)[] = [() => dynamoDb.stop()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const client = createLocalDynamoDbClient(dynamoDb.endpoint);
    await ensureTable(client, tableName).finally(() => client.destroy());
    const addressHashSecret = await ensureSecretFile(join(stateDir, 'address-hash-secret'));
    const issuer = await loadOwnerIssuer(join(stateDir, 'owner-signing-key.json'));
    const exportDir = join(stateDir, 'exports');
    await mkdir(exportDir, { recursive: true });
    const smsOutboxFile = join(stateDir, 'sms-outbox.jsonl');
    const ses = await startSesEmulator();
    cleanups.push(() => ses.stop());
    void ses.exited.then((exit) => {
      if (!exit.requested) log(`aws-ses-v2-local stopped unexpectedly (code ${exit.code}).`);
    });

    // Set before the first handler module is imported: handlers read configuration at load.
    const environment: Record<string, string> = {
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
      // The SDK's per-service endpoint variable: the real SES v2 client, pointed at the emulator.
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      SMS_OUTBOX_FILE: smsOutboxFile,
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      ADDRESS_HASH_SECRET: addressHashSecret,
      EXPORT_DIR: exportDir,
      POWERTOOLS_SERVICE_NAME: 'regulars',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      // The send worker's CloudWatch metrics would only clutter the terminal.
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const loadHandler = createHandlerLoader(options.functionsDir ?? defaultFunctionsDir);
    const localQueues = startLocalQueues(loadHandler);
    cleanups.push(localQueues.stop);
    Object.assign(environment, localQueues.environment);
    cleanups.push(setEnvironment(environment));
    const server = await listen({ ...options, log }, (port) =>
      startLocalServer<LocalStackRoute>({
        port,
        routes: options.routes ?? productRoutes,
        loadHandler,
        verifyOwnerToken: issuer.verifyOwnerToken,
        exportDir,
        smsOutboxFile,
        log,
      }),
    );
    cleanups.push(() => server.close());
    // Known only once the server listens; no request can reach a handler before this line.
    environment.EXPORT_BASE_URL = `${server.url}${localExportsPrefix.slice(0, -1)}`;
    // Unsubscribe links in sent messages point at this server (an SSM parameter in AWS).
    environment.PUBLIC_BASE_URL = options.publicBaseUrl ?? server.url;
    cleanups.push(
      setEnvironment({
        EXPORT_BASE_URL: environment.EXPORT_BASE_URL,
        PUBLIC_BASE_URL: environment.PUBLIC_BASE_URL,
      }),
    );
    // Stopped before the queues (cleanups run in reverse): no release enqueues into a stopped queue.
    const releases = startRepeatingSchedule(
      loadHandler,
      'releaseDeferredMessages',
      options.releaseDeferredEveryMs ?? 30_000,
      log,
    );
    cleanups.push(releases.stop);
    const planner = startRepeatingSchedule(
      loadHandler,
      'planWorkflows',
      options.planWorkflowsEveryMs ?? 60_000,
      log,
    );
    cleanups.push(planner.stop);
    // Locally a campaign set for later is its own schedule: the sweep that backs up
    // EventBridge Scheduler in AWS runs every 5 s here, so a promotion starts at most that late.
    const campaignStarts = startRepeatingSchedule(loadHandler, 'startDueCampaigns', 5_000, log);
    cleanups.push(campaignStarts.stop);

    const crashed = new Promise<DynamoDbLocalExit>((resolveCrash) => {
      void dynamoDb.exited.then(async (exit) => {
        if (exit.requested) return;
        log(
          `DynamoDB Local stopped unexpectedly (code ${exit.code}, signal ${exit.signal}); stopping the API.`,
        );
        await cleanUp();
        resolveCrash(exit);
      });
    });
    return {
      url: server.url,
      ownerToken: await issuer.issueOwnerToken(),
      dynamoEndpoint: dynamoDb.endpoint,
      tableName,
      emailInboxUrl: ses.inboxUrl,
      smsOutboxFile,
      smsOutboxUrl: `${server.url}${smsOutboxPath}`,
      environment,
      crashed,
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
