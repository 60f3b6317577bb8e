import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isProcessAlive, readCommandLine, terminateProcess } from './process-control';

/** What a running DynamoDB Local leaves behind, so the next start can find it after a crash. */
export interface DynamoDbLocalState {
  readonly pid: number;
  readonly port: number;
  readonly dataDir?: string;
  /** The Node.js process that started it; while that one lives, the database is not stale. */
  readonly ownerPid?: number;
}

/** Another live run owns the DynamoDB Local on this data folder. */
export class DynamoDbLocalInUseError extends Error {
  override readonly name = 'DynamoDbLocalInUseError';
}

function isState(value: unknown): value is DynamoDbLocalState {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isInteger(record.pid) &&
    Number.isInteger(record.port) &&
    (record.dataDir === undefined || typeof record.dataDir === 'string') &&
    (record.ownerPid === undefined || Number.isInteger(record.ownerPid))
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
 * folder's lock. The command line is checked first so a recycled pid never gets a signal, and
 * a database whose owner is still alive (a second `npm start` in the same folder) is left alone.
 * Returns the pid it stopped, if any.
 */
export async function stopStaleDynamoDbLocal(stateFile: string): Promise<number | undefined> {
  const state = await readDynamoDbLocalState(stateFile);
  if (!state) return undefined;
  const commandLine = isProcessAlive(state.pid) ? await readCommandLine(state.pid) : undefined;
  const isOurs =
    commandLine?.includes('DynamoDBLocal') === true &&
    (state.dataDir === undefined || commandLine.includes(state.dataDir));
  if (!isOurs) {
    await rm(stateFile, { force: true });
    return undefined;
  }
  const { ownerPid } = state;
  if (ownerPid !== undefined && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
    throw new DynamoDbLocalInUseError(
      `DynamoDB Local (pid ${state.pid}, port ${state.port}) belongs to a run that is still going ` +
        `(pid ${ownerPid}). Stop that one first, e.g. with Ctrl-C in its terminal.`,
    );
  }
  await terminateProcess(state.pid);
  await rm(stateFile, { force: true });
  return state.pid;
}
