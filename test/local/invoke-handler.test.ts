import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildApiGatewayEvent } from '../../infra/local/api-gateway-event';
import { invokeHandler, type LocalHandler } from '../../infra/local/invoke-handler';

const event = buildApiGatewayEvent(
  {
    method: 'GET',
    target: '/x',
    rawHeaders: [],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    httpVersion: '1.1',
    localPort: 1,
  },
  { routeKey: 'GET /x', pathParameters: {}, requestId: 'r1', receivedAt: new Date() },
);
const limits = { functionName: 'fn', functionTimeoutMs: 1_000, integrationTimeoutMs: 1_000 };
const run = (handler: LocalHandler, overrides: Partial<typeof limits> = {}) =>
  invokeHandler(async () => handler, event, { ...limits, ...overrides });

describe('handler invocation', () => {
  describe('results', () => {
    it('turns the handler result into a response when it resolves in time', async () => {
      const outcome = await run(async () => ({ statusCode: 202, body: 'ok' }));
      expect(outcome).toMatchObject({ ok: true, response: { statusCode: 202 } });
    });

    it('gives the handler a Lambda context named after the route', async () => {
      let seen: unknown;
      await run(async (_event, context) => {
        seen = { name: context.functionName, remaining: context.getRemainingTimeInMillis() };
        return 'x';
      });
      expect(seen).toMatchObject({ name: 'fn', remaining: expect.any(Number) });
    });
  });

  describe('failures', () => {
    it('answers a generic 500 and logs the stack when the handler throws', async () => {
      const outcome = await run(async () => {
        throw new Error('database password is hunter2');
      });
      expect(outcome).toMatchObject({ ok: false, problem: { status: 500 } });
      if (outcome.ok) return;
      expect(JSON.stringify(outcome.problem)).not.toContain('hunter2');
      expect(outcome.logLine).toContain('hunter2');
    });

    it('answers 500 when the result is malformed', async () => {
      expect(await run(async () => ({ statusCode: 'teapot' }))).toMatchObject({
        ok: false,
        problem: { status: 500 },
      });
    });

    it('answers 500 like a Lambda timeout when the function runs past its own timeout', async () => {
      const outcome = await run(() => sleep(500), { functionTimeoutMs: 50 });
      expect(outcome).toMatchObject({
        ok: false,
        problem: { status: 500 },
        logLine: expect.stringContaining('Task timed out'),
      });
    });

    it('answers 503 when API Gateway stops waiting before the function times out', async () => {
      const outcome = await run(() => sleep(500), {
        functionTimeoutMs: 10_000,
        integrationTimeoutMs: 50,
      });
      expect(outcome).toMatchObject({ ok: false, problem: { status: 503 } });
    });

    it('answers 500 when the module cannot be loaded', async () => {
      const outcome = await invokeHandler(
        () => Promise.reject(new Error('Cannot find module')),
        event,
        limits,
      );
      expect(outcome).toMatchObject({ ok: false, problem: { status: 500 } });
    });
  });
});
