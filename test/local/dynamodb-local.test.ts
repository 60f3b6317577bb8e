import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import {
  DynamoDbLocalInUseError,
  writeDynamoDbLocalState,
  type DynamoDbLocalState,
} from '../../infra/local/dynamodb-local-state';
import { isProcessAlive } from '../../infra/local/process-control';
import { ensureTable } from '../../infra/local/table';

const item = { pk: { S: 'CUST#1' }, sk: { S: 'PROFILE' }, name: { S: 'Lê Anh' } };
const key = { pk: item.pk, sk: item.sk };

async function withClient<T>(
  db: DynamoDbLocal,
  work: (client: ReturnType<typeof createLocalDynamoDbClient>) => Promise<T>,
) {
  const client = createLocalDynamoDbClient(db.endpoint);
  try {
    return await work(client);
  } finally {
    client.destroy();
  }
}

describe('DynamoDB Local', () => {
  let dir: string;
  const running: DynamoDbLocal[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regulars-dynamodb-'));
  });

  afterAll(async () => {
    await Promise.all(running.map((db) => db.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  describe('persisted mode', () => {
    it('keeps items when it is stopped and started again on the same folder', async () => {
      const dataDir = join(dir, 'restart');
      const first = await startDynamoDbLocal({ dataDir });
      running.push(first);
      await withClient(first, async (client) => {
        await ensureTable(client, 'regulars-restart');
        await client.send(new PutItemCommand({ TableName: 'regulars-restart', Item: item }));
      });
      await first.stop();
      expect((await first.exited).requested).toBe(true);

      const second = await startDynamoDbLocal({ dataDir });
      running.push(second);
      const read = await withClient(second, (client) =>
        client.send(new GetItemCommand({ TableName: 'regulars-restart', Key: key })),
      );
      expect(read.Item).toEqual(item);
    });

    it('replaces a copy left behind by a crashed run but not one whose run is still alive', async () => {
      const dataDir = join(dir, 'stale');
      const stateFile = join(dir, 'stale-state.json');
      const abandoned = await startDynamoDbLocal({ dataDir, stateFile });
      running.push(abandoned);
      expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({
        pid: abandoned.pid,
        port: abandoned.port,
      });

      // The handle is forgotten, as after a crash: only the state file knows about it.
      const replacement = await startDynamoDbLocal({ dataDir, stateFile });
      running.push(replacement);
      const exit = await abandoned.exited;
      expect(exit.requested).toBe(false);
      expect(isProcessAlive(abandoned.pid)).toBe(false);
      expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ pid: replacement.pid });
      await withClient(replacement, (client) => ensureTable(client, 'regulars-stale'));

      // While the run that started it is alive, a second start must not take it away.
      const liveOwner = spawn('sleep', ['30']);
      try {
        const state = JSON.parse(await readFile(stateFile, 'utf8')) as DynamoDbLocalState;
        await writeDynamoDbLocalState(stateFile, { ...state, ownerPid: liveOwner.pid });
        await expect(startDynamoDbLocal({ dataDir, stateFile })).rejects.toBeInstanceOf(
          DynamoDbLocalInUseError,
        );
        expect(isProcessAlive(replacement.pid)).toBe(true);
      } finally {
        liveOwner.kill();
      }

      await replacement.stop();
      await expect(readFile(stateFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('leaves an unrelated process alone when the state file names it', async () => {
      const stateFile = join(dir, 'unrelated-state.json');
      await writeDynamoDbLocalState(stateFile, {
        pid: process.pid,
        port: 1,
        dataDir: join(dir, 'x'),
      });
      const db = await startDynamoDbLocal({ stateFile });
      running.push(db);
      expect(isProcessAlive(process.pid)).toBe(true);
    });
  });

  describe('failing to start', () => {
    it('reports DynamoDB Local output when its port is taken by something else', async () => {
      // A listener that is not DynamoDB: it accepts connections and hangs up at once.
      const blocker = createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
      const { port } = blocker.address() as AddressInfo;
      try {
        await expect(startDynamoDbLocal({ port, startTimeoutMs: 20_000 })).rejects.toThrow(
          /did not start on port[\s\S]*Its output:[\s\S]*Address already in use/,
        );
      } finally {
        blocker.close();
      }
    });
  });
});
