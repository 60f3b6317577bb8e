import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxSmsSender } from '../../shared/adapters/sms/outbox-sms-sender';
import { ManualClock, ids } from '../helpers/builders';
import {
  startLocalStack,
  type LocalStack,
  type LocalStackRoute,
} from '../../infra/local/local-stack';

const functionsDir = fileURLToPath(new URL('./fixtures/functions/', import.meta.url));
const routes: LocalStackRoute[] = [
  { method: 'PUT', path: '/notes/{id}', handler: 'remember.ts', auth: 'owner', name: 'putNote' },
  { method: 'GET', path: '/notes/{id}', handler: 'remember.ts', auth: 'owner', name: 'getNote' },
  { method: 'GET', path: '/broken', handler: 'not-a-handler.ts', auth: 'public', name: 'broken' },
  { method: 'GET', path: '/absent', handler: 'does-not-exist.ts', auth: 'public', name: 'absent' },
];

describe('local stack', () => {
  let stateDir: string;
  let stack: LocalStack;
  const logs: string[] = [];

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'regulars-stack-'));
    stack = await startLocalStack({
      stateDir,
      port: 0,
      routes,
      functionsDir,
      log: (line) => logs.push(line),
    });
  });

  afterAll(async () => {
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${stack.ownerToken}`, ...init.headers },
    });

  describe('serving handlers', () => {
    it('stores and reads back through DynamoDB Local when a handler uses only the environment', async () => {
      const put = await call('/notes/n1', {
        method: 'PUT',
        body: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(put.status).toBe(204);
      const get = await call('/notes/n1');
      expect(await get.json()).toEqual({
        body: 'hello',
        sub: 'local-owner',
        exportBaseUrl: `${stack.url}/local-exports`,
        region: 'ap-southeast-1',
      });
    });

    it('rejects an owner route without the token', async () => {
      const response = await fetch(`${stack.url}/notes/n1`);
      expect(response.status).toBe(401);
    });

    it('answers 500 for a route whose module is missing or has no handler, and keeps serving others', async () => {
      expect((await call('/broken')).status).toBe(500);
      expect((await call('/absent')).status).toBe(500);
      expect((await call('/notes/n1')).status).toBe(200);
    });
  });

  describe('local state', () => {
    it('sets the environment the handlers read', () => {
      expect(process.env).toMatchObject({
        TABLE_NAME: 'regulars-local',
        AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoEndpoint,
        AWS_REGION: 'ap-southeast-1',
        EXPORT_DIR: join(stateDir, 'exports'),
        POWERTOOLS_SERVICE_NAME: 'regulars',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_DISABLED: 'true',
        AWS_ENDPOINT_URL_SESV2: stack.emailInboxUrl.replace(/\/$/, ''),
        SMS_OUTBOX_FILE: join(stateDir, 'sms-outbox.jsonl'),
      });
      expect(process.env.ADDRESS_HASH_SECRET).toMatch(/^[0-9a-f]{64}$/);
    });

    it('serves the email inbox and the SMS outbox page, newest first and escaped', async () => {
      expect((await fetch(stack.emailInboxUrl)).status).toBe(200);
      const outbox = new OutboxSmsSender(stack.smsOutboxFile, new ManualClock(), ids);
      await outbox.send({
        to: '+84900000001',
        senderId: null,
        text: 'Tin đầu',
        type: 'Transactional',
      });
      await outbox.send({
        to: '+84900000002',
        senderId: 'SHOP',
        text: '<script>x</script> Chào',
        type: 'Promotional',
      });
      const page = await fetch(stack.smsOutboxUrl);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('&lt;script&gt;x&lt;/script&gt; Chào');
      expect(html).not.toContain('<script>');
      expect(html.indexOf('+84900000002')).toBeLessThan(html.indexOf('+84900000001'));
      expect(html).toContain('Tin đầu');
    });

    it('keeps secrets in owner-only files', async () => {
      for (const name of ['address-hash-secret', 'owner-signing-key.json']) {
        expect((await stat(join(stateDir, name))).mode & 0o777).toBe(0o600);
      }
      expect((await readFile(join(stateDir, 'address-hash-secret'), 'utf8')).trim()).toBe(
        process.env.ADDRESS_HASH_SECRET,
      );
    });
  });
});

describe('local stack lifecycle', () => {
  describe('stopping and crashing', () => {
    it('restores the environment and frees the port when stopped', async () => {
      const stateDir = await mkdtemp(join(tmpdir(), 'regulars-stack-stop-'));
      const before = process.env.TABLE_NAME;
      const stack = await startLocalStack({
        stateDir,
        port: 0,
        routes,
        functionsDir,
        tableName: 'other',
        log: () => {},
      });
      expect(process.env.TABLE_NAME).toBe('other');
      await stack.stop();
      expect(process.env.TABLE_NAME).toBe(before);
      await expect(fetch(`${stack.url}/notes/x`)).rejects.toThrow();
      await expect(fetch(stack.emailInboxUrl)).rejects.toThrow();
      await rm(stateDir, { recursive: true, force: true });
    });

    it('stops the API with a message when DynamoDB Local dies', async () => {
      const stateDir = await mkdtemp(join(tmpdir(), 'regulars-stack-crash-'));
      const logs: string[] = [];
      const stack = await startLocalStack({
        stateDir,
        port: 0,
        routes,
        functionsDir,
        log: (line) => logs.push(line),
      });
      const { pid } = JSON.parse(await readFile(join(stateDir, 'dynamodb-local.json'), 'utf8')) as {
        pid: number;
      };
      process.kill(pid, 'SIGKILL');
      const exit = await stack.crashed;
      expect(exit).toMatchObject({ requested: false, signal: 'SIGKILL' });
      expect(logs.join('\n')).toMatch(/DynamoDB Local stopped unexpectedly/);
      await expect(fetch(`${stack.url}/notes/x`)).rejects.toThrow();
      await stack.stop();
      await rm(stateDir, { recursive: true, force: true });
    });
  });
});
