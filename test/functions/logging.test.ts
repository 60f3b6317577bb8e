import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A table no one serves: every DynamoDB call fails, as in an outage.
process.env.TABLE_NAME = 'unreachable';
process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:9';
process.env.AWS_REGION = 'ap-southeast-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_MAX_ATTEMPTS = '1';
process.env.ADDRESS_HASH_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

const written: string[] = [];
const capture = (chunk: unknown) => {
  written.push(String(chunk));
  return true;
};
beforeAll(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterAll(() => vi.restoreAllMocks());

function event(body: unknown): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: 'POST /customers',
    rawPath: '/customers',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/customers',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: 'r1',
      routeKey: 'POST /customers',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: {
        jwt: { claims: { sub: 'owner' }, scopes: [] },
        principalId: '',
        integrationLatency: 0,
      },
    },
  };
}

const context = {
  awsRequestId: 'req-1',
  functionName: 'createCustomer',
  getRemainingTimeInMillis: () => 10_000,
} as Context;

describe('handler logging', () => {
  it('answers 500 problem+json on an outage and logs neither the phone, the email nor the name', async () => {
    const { handler } = await import('../../functions/owner-api/create-customer');
    const response = (await handler(
      event({ name: 'Nguyễn Thị Hoa', phone: '0912 345 678', email: 'hoa.secret@example.vn' }),
      context,
    )) as APIGatewayProxyStructuredResultV2;
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain('127.0.0.1');
    const logs = written.join('');
    expect(logs).toContain('Request failed');
    for (const personal of ['0912', '912345678', 'hoa.secret', 'Nguyễn'])
      expect(logs).not.toContain(personal);
  });
});
