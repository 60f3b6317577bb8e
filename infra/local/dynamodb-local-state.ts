import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isProcessAlive, readCommandLine, terminateProcess } from './process-control';

/** What a running DynamoDB Local leaves behind, so the next start can find it after a crash. */
export interface DynamoDbLocalState {
  readonly pid: number;
  readonly port: number;
  readonly dataDir?: string;
}

function isState(value: unknown): value is DynamoDbLocalState {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isInteger(record.pid) &&
    Number.isInteger(record.port) &&
    (record.dataDir === undefined || typeof record.dataDir === 'string')
  );
}

export async function readDynamoDbLocalState(
  stateFile: string,
): Promise<DynamoDbLocalState | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(stateFile, 'utf8'));
    return isState(parsed) ? parsed : undefined;
  } catch {
    // Missing or half-written by a crash: either way there is nothing to clean up.
    return undefined;
  }
}

export async function writeDynamoDbLocalState(
  stateFile: string,
  state: DynamoDbLocalState,
): Promise<void> {
  await mkdir(dirname(stateFile), { recursive: true });
  await writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

/** Removes the state file, but only while it still describes `pid` (a newer run may own it). */
export async function clearDynamoDbLocalState(stateFile: string, pid: number): Promise<void> {
  const state = await readDynamoDbLocalState(stateFile);
  if (state?.pid === pid) await rm(stateFile, { force: true });
}

/**
 * Stops a DynamoDB Local left running by a crashed run, which would otherwise hold the data
 * folder's lock. The command line is checked first so a recycled pid never gets a signal.
 * Returns the pid it stopped, if any.
 */
export async function stopStaleDynamoDbLocal(stateFile: string): Promise<number | undefined> {
  const state = await readDynamoDbLocalState(stateFile);
  if (!state) return undefined;
  let stopped: number | undefined;
  if (isProcessAlive(state.pid)) {
    const commandLine = await readCommandLine(state.pid);
    const isOurs =
      commandLine?.includes('DynamoDBLocal') === true &&
      (state.dataDir === undefined || commandLine.includes(state.dataDir));
    if (isOurs) {
      await terminateProcess(state.pid);
      stopped = state.pid;
    }
  }
  await rm(stateFile, { force: true });
  return stopped;
}
