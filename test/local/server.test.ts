import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOwnerIssuer, type OwnerIssuer } from '../../infra/local/owner-issuer';
import { startLocalServer, type LocalHandler, type LocalServer } from '../../infra/local/server';

type TestRoute = { method: 'GET' | 'POST'; path: string; auth: 'owner' | 'public'; name: string };

const routes: TestRoute[] = [
  { method: 'GET', path: '/things', auth: 'owner', name: 'listThings' },
  { method: 'POST', path: '/things', auth: 'owner', name: 'createThing' },
  { method: 'GET', path: '/things/special', auth: 'owner', name: 'specialThing' },
  { method: 'GET', path: '/things/{thingId}', auth: 'owner', name: 'getThing' },
  { method: 'GET', path: '/public', auth: 'public', name: 'publicThing' },
  { method: 'GET', path: '/boom', auth: 'public', name: 'boom' },
  { method: 'GET', path: '/missing', auth: 'public', name: 'missing' },
  { method: 'GET', path: '/slow', auth: 'public', name: 'slow' },
];

const echo = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  cookies: ['a=1', 'b=2'],
  body: JSON.stringify({
    event,
    functionName: context.functionName,
    remaining: context.getRemainingTimeInMillis(),
  }),
});

const handlers: Record<string, LocalHandler> = {
  listThings: echo,
  createThing: echo,
  specialThing: echo,
  getThing: echo,
  publicThing: async (event) => ({ authorizer: 'authorizer' in event.requestContext, ok: true }),
  boom: async () => {
    throw new Error('secret internals');
  },
  slow: async () => {
    await sleep(1_000);
    return 'late';
  },
};

describe('local server', () => {
  let dir: string;
  let issuer: OwnerIssuer;
  let server: LocalServer;
  let token: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regulars-server-'));
    issuer = await loadOwnerIssuer(join(dir, 'key.json'));
    token = await issuer.issueOwnerToken();
    const exportDir = join(dir, 'exports');
    await mkdir(exportDir);
    await writeFile(join(exportDir, 'customers-2026.csv'), 'name\nAn\n');
    server = await startLocalServer({
      port: 0,
      routes,
      loadHandler: async (route) => {
        const handler = handlers[route.name];
        if (!handler) throw new Error(`Cannot find module ${route.name}`);
        return handler;
      },
      verifyOwnerToken: issuer.verifyOwnerToken,
      exportDir,
      integrationTimeoutMs: 200,
      maxBodyBytes: 1024,
      log: (line) => logs.push(line),
    });
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
  const withToken = (init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });

  describe('owner routes', () => {
    it('answers 401 problem+json asking for a bearer token when none is sent', async () => {
      const response = await call('/things');
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
      });
    });

    it('answers 401 with invalid_token when the token does not verify', async () => {
      const [header, payload] = token.split('.');
      const response = await call('/things', {
        headers: { authorization: `Bearer ${header}.${payload}.AAAA` },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });

    it('passes the verified claims to the handler when the token is valid', async () => {
      const response = await call('/things/abc%20d?x=1', withToken());
      expect(response.status).toBe(200);
      const { event, functionName, remaining } = (await response.json()) as {
        event: APIGatewayProxyEventV2WithJWTAuthorizer;
        functionName: string;
        remaining: number;
      };
      expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
        sub: 'local-owner',
        aud: 'regulars-owner',
      });
      expect(event).toMatchObject({
        routeKey: 'GET /things/{thingId}',
        pathParameters: { thingId: 'abc d' },
        queryStringParameters: { x: '1' },
      });
      expect(functionName).toBe('getThing');
      expect(remaining).toBeGreaterThan(0);
      expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(response.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);
    });

    it('routes to the literal route when it competes with a parameter', async () => {
      const response = await call('/things/special', withToken());
      const { functionName } = (await response.json()) as { functionName: string };
      expect(functionName).toBe('specialThing');
    });

    it('hands the body to the handler when it is within the limit', async () => {
      const response = await call(
        '/things',
        withToken({
          method: 'POST',
          body: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        }),
      );
      const { event } = (await response.json()) as {
        event: APIGatewayProxyEventV2WithJWTAuthorizer;
      };
      expect(event.body).toBe('{"a":1}');
    });

    it('answers 413 problem+json when the body is over the limit', async () => {
      const response = await call('/things', withToken({ method: 'POST', body: 'x'.repeat(2048) }));
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  describe('public routes', () => {
    it('serves without a token and without an authorizer context', async () => {
      const response = await call('/public');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ authorizer: false, ok: true });
    });
  });

  describe('routing failures', () => {
    it('answers 404 problem+json when no route matches', async () => {
      const response = await call('/nope');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
    });

    it('answers 405 with Allow when the path exists for other methods', async () => {
      const response = await call('/things/x', { method: 'DELETE' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    });
  });

  describe('handler failures', () => {
    it('answers a generic 500 and logs the error when the handler throws', async () => {
      const response = await call('/boom');
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).not.toContain('secret internals');
      expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
      expect(logs.some((line) => line.includes('secret internals'))).toBe(true);
    });

    it('fails only its own route when a handler module cannot be loaded', async () => {
      expect((await call('/missing')).status).toBe(500);
      expect((await call('/public')).status).toBe(200);
    });

    it('answers 503 when the handler does not finish in time', async () => {
      expect((await call('/slow')).status).toBe(503);
    });
  });

  describe('local exports', () => {
    it('serves an export file with its content type', async () => {
      const response = await call('/local-exports/customers-2026.csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(await response.text()).toBe('name\nAn\n');
    });

    it('answers 404 when the name is not a plain export file name', async () => {
      for (const name of ['..%2Fkey.json', 'key.json.bak', 'missing.csv', '.hidden.csv']) {
        expect((await call(`/local-exports/${name}`)).status).toBe(404);
      }
    });
  });
});
