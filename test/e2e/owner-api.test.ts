import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SignJWT, generateKeyPair } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { routes } from '../../functions/routes';
import { dumpTable } from '../helpers/table-dump';

let stack: LocalStack;
let stateDir: string;
let documentClient: DynamoDBDocumentClient;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-api-'));
  stack = await startLocalStack({ stateDir, port: 0, log: () => undefined });
  documentClient = DynamoDBDocumentClient.from(createLocalDynamoDbClient(stack.dynamoEndpoint));
});
afterAll(async () => {
  await stack.stop();
  await rm(stateDir, { recursive: true, force: true });
});

async function send(
  method: string,
  path: string,
  init: { body?: string; contentType?: string; token?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? stack.ownerToken}`;
  if (init.contentType !== undefined) headers['content-type'] = init.contentType;
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(init.body !== undefined && { body: init.body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text === '' ? undefined : JSON.parse(text),
  };
}

const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/json' });
const itemCount = async () => (await dumpTable(documentClient, stack.tableName)).length;

describe('owner API', () => {
  describe('bad input gets a 4xx problem+json naming the field, and writes nothing', () => {
    const cases: {
      name: string;
      status: number;
      field?: string;
      request: () => ReturnType<typeof send>;
    }[] = [
      {
        name: 'a malformed phone',
        status: 400,
        field: 'phone',
        request: () => send('POST', '/customers', json({ name: 'Hoa', phone: '12345' })),
      },
      {
        name: 'an unknown field',
        status: 400,
        field: 'favouriteColour',
        request: () =>
          send('POST', '/customers', json({ phone: '0912345678', favouriteColour: 'xanh' })),
      },
      {
        name: 'a 2 MB body',
        status: 413,
        request: () =>
          send('POST', '/customers', {
            body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
            contentType: 'application/json',
          }),
      },
      {
        name: 'a wrong content type',
        status: 415,
        request: () =>
          send('POST', '/customers', {
            body: 'phone=0912345678',
            contentType: 'application/x-www-form-urlencoded',
          }),
      },
      {
        name: 'a missing token',
        status: 401,
        request: () =>
          send('POST', '/customers', { ...json({ phone: '0912345678' }), token: null }),
      },
      {
        name: 'malformed JSON',
        status: 400,
        field: 'body',
        request: () =>
          send('POST', '/customers', { body: '{"phone":', contentType: 'application/json' }),
      },
      {
        name: 'an order in another currency',
        status: 400,
        field: 'total.currency',
        request: () =>
          send(
            'PUT',
            '/customers/01KAZ9C7MZ1X6W3ZC9F2DY5Q7R/orders/shopee/1',
            json({ placedAt: '2026-11-01T10:00:00Z', total: { amount: 5, currency: 'USD' } }),
          ),
      },
      {
        name: 'a negative amount',
        status: 400,
        field: 'total.amount',
        request: () =>
          send(
            'PUT',
            '/customers/01KAZ9C7MZ1X6W3ZC9F2DY5Q7R/orders/shopee/1',
            json({ placedAt: '2026-11-01T10:00:00Z', total: { amount: -5, currency: 'VND' } }),
          ),
      },
      {
        name: 'an unknown order source',
        status: 400,
        field: 'source',
        request: () =>
          send(
            'PUT',
            '/customers/01KAZ9C7MZ1X6W3ZC9F2DY5Q7R/orders/lazada/1',
            json({ placedAt: '2026-11-01T10:00:00Z', total: { amount: 5, currency: 'VND' } }),
          ),
      },
      {
        name: 'a settings frequency cap above the legal limit',
        status: 400,
        field: 'frequencyCap.marketingMessagesPerDay',
        request: () =>
          send('PATCH', '/settings', json({ frequencyCap: { marketingMessagesPerDay: 4 } })),
      },
      {
        name: 'an SMS sending window that starts before the legal 07:00',
        status: 400,
        field: 'sendingWindows.sms',
        request: () =>
          send(
            'PATCH',
            '/settings',
            json({
              sendingWindows: {
                email: { start: '06:00', end: '23:00' },
                sms: { start: '06:30', end: '22:00' },
              },
            }),
          ),
      },
      {
        name: 'an amount larger than any real order',
        status: 400,
        field: 'total.amount',
        request: () =>
          send(
            'PUT',
            '/customers/01KAZ9C7MZ1X6W3ZC9F2DY5Q7R/orders/shopee/1',
            json({ placedAt: '2026-11-01T10:00:00Z', total: { amount: 9e15, currency: 'VND' } }),
          ),
      },
      {
        name: 'a hand-made cursor that is valid JSON with empty keys',
        status: 400,
        field: 'cursor',
        request: () =>
          send(
            'GET',
            `/customers?cursor=${Buffer.from('{"pk":"","sk":"","listPk":"","listSk":""}').toString('base64url')}`,
          ),
      },
      {
        name: 'a tampered list cursor',
        status: 400,
        field: 'cursor',
        request: () => send('GET', '/customers?cursor=bm90LWEtY3Vyc29y'),
      },
    ];

    for (const testCase of cases) {
      it(`answers ${testCase.status} to ${testCase.name}`, async () => {
        const before = await itemCount();
        const response = await testCase.request();
        expect(response.status).toBe(testCase.status);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body).toMatchObject({
          status: testCase.status,
          title: expect.any(String),
          type: expect.any(String),
          detail: expect.any(String),
        });
        if (testCase.field !== undefined) {
          expect(response.body.errors.map((issue: { field: string }) => issue.field)).toContain(
            testCase.field,
          );
        }
        expect(await itemCount()).toBe(before);
      });
    }
  });

  describe('settings', () => {
    it('keeps the owner’s settings and uses them: a saved region reads the next phone number', async () => {
      const saved = await send(
        'PATCH',
        '/settings',
        json({ name: 'Xà phòng Thảo Mộc', smsSenderId: 'THAOMOC' }),
      );
      expect(saved.status).toBe(200);
      const read = await send('GET', '/settings');
      expect(read.body).toMatchObject({
        name: 'Xà phòng Thảo Mộc',
        smsSenderId: 'THAOMOC',
        timeZone: 'Asia/Ho_Chi_Minh',
        version: saved.body.version,
      });
      const created = await send('POST', '/customers', json({ phone: '0912 555 777' }));
      expect(created.status).toBe(201);
      expect((await send('PATCH', '/settings', json({ locale: 'en' }))).body.version).toBe(
        saved.body.version + 1,
      );
    });
  });

  describe('conflicts and lookups', () => {
    it('answers 409 naming the existing customer when a phone is known, and 404 for a stranger', async () => {
      const first = await send('POST', '/customers', json({ phone: '0912 555 001' }));
      const second = await send('POST', '/customers', json({ phone: '+84912555001' }));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ field: 'phone', existingCustomerId: first.body.id });
      expect((await send('GET', '/customers/lookup?phone=84912555001')).body.id).toBe(
        first.body.id,
      );
      expect((await send('GET', '/customers/lookup?phone=0912555999')).status).toBe(404);
      expect((await send('GET', '/customers/01KAZ9C7MZ1X6W3ZC9F2DY5Q7R')).status).toBe(404);
    });

    it('answers 410 for an erased customer and 412 for a stale If-Match', async () => {
      const created = await send('POST', '/customers', json({ phone: '0912 555 002' }));
      const stale = await fetch(`${stack.url}/customers/${created.body.id}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${stack.ownerToken}`,
          'content-type': 'application/json',
          'if-match': '"7"',
        },
        body: JSON.stringify({ name: 'Tên mới' }),
      });
      expect(stale.status).toBe(412);
      expect((await send('DELETE', `/customers/${created.body.id}`)).status).toBe(204);
      expect((await send('GET', `/customers/${created.body.id}`)).status).toBe(410);
    });
  });

  describe('export', () => {
    it('queues an export, reports it done, and serves the CSV with Vietnamese intact', async () => {
      await send('POST', '/customers', json({ name: 'Võ Thị Sáu', email: 'sau@example.vn' }));
      const queued = await send('POST', '/exports', json({ format: 'csv', table: 'customers' }));
      expect(queued.status).toBe(202);
      expect(queued.body).toMatchObject({ status: 'queued', format: 'csv', table: 'customers' });
      let status = queued.body;
      for (let poll = 0; poll < 100 && status.status !== 'done'; poll += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await send('GET', `/exports/${queued.body.id}`)).body;
      }
      expect(status).toMatchObject({ status: 'done', customers: expect.any(Number) });
      const download = await fetch(status.download.url);
      expect(download.status).toBe(200);
      expect(await download.text()).toContain('Võ Thị Sáu');
    });

    it('refuses an unknown format, naming the field, and answers 404 for an unknown export', async () => {
      const refused = await send('POST', '/exports', json({ format: 'xml' }));
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('format');
      expect((await send('GET', '/exports/01KAZ9C7MZ1X6W3ZC9F2DY5Q7R')).status).toBe(404);
    });
  });

  describe('authentication', () => {
    const ownerRoutes = routes.filter((route) => route.auth === 'owner');
    const concretePath = (path: string) =>
      path
        .replace('{customerId}', '01KAZ9C7MZ1X6W3ZC9F2DY5Q7R')
        .replace('{source}', 'shopee')
        .replace('{orderId}', 'SP-1')
        .replace('{exportId}', '01KAZ9C7MZ1X6W3ZC9F2DY5Q7R');

    it('covers every owner route', () => {
      expect(ownerRoutes.length).toBeGreaterThanOrEqual(11);
    });

    for (const route of ownerRoutes) {
      it(`refuses ${route.method} ${route.path} without a token and with a forged one`, async () => {
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? json({}) : {};
        const missing = await send(route.method, concretePath(route.path), {
          ...body,
          token: null,
        });
        expect(missing.status).toBe(401);
        expect(missing.contentType).toContain('application/problem+json');

        const { privateKey } = await generateKeyPair('ES256');
        const forged = await new SignJWT({ token_use: 'access' })
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer('urn:regulars:local-issuer')
          .setAudience('regulars-owner')
          .setSubject('local-owner')
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey);
        const rejected = await send(route.method, concretePath(route.path), {
          ...body,
          token: forged,
        });
        expect(rejected.status).toBe(401);
        expect(rejected.contentType).toContain('application/problem+json');
      });
    }

    it('lets the OpenAPI document through without a token', async () => {
      const response = await send('GET', '/openapi.json', { token: null });
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\.1/);
    });
  });
});
