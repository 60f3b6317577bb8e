import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  buildApiGatewayEvent,
  formatRequestTime,
  stringifyClaims,
  type HttpRequestSnapshot,
} from '../../infra/local/api-gateway-event';

const receivedAt = new Date('2026-03-05T07:08:09.123Z');

function snapshot(overrides: Partial<HttpRequestSnapshot> = {}): HttpRequestSnapshot {
  return {
    method: 'GET',
    target: '/customers/c%201',
    rawHeaders: ['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8.5.0'],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    httpVersion: '1.1',
    localPort: 3000,
    ...overrides,
  };
}

const routing = {
  routeKey: 'GET /customers/{customerId}',
  pathParameters: { customerId: 'c 1' },
  requestId: 'req-1',
  receivedAt,
};

describe('API Gateway event', () => {
  describe('request line and context', () => {
    it('fills the payload format 2.0 fields when a request arrives', () => {
      const event = buildApiGatewayEvent(snapshot(), routing);
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: 'GET /customers/{customerId}',
        rawPath: '/customers/c%201',
        rawQueryString: '',
        pathParameters: { customerId: 'c 1' },
        isBase64Encoded: false,
        requestContext: {
          accountId: 'local',
          apiId: 'local',
          domainName: '127.0.0.1:3000',
          domainPrefix: '127',
          http: {
            method: 'GET',
            path: '/customers/c%201',
            protocol: 'HTTP/1.1',
            sourceIp: '127.0.0.1',
            userAgent: 'curl/8.5.0',
          },
          requestId: 'req-1',
          routeKey: 'GET /customers/{customerId}',
          stage: '$default',
          time: '05/Mar/2026:07:08:09 +0000',
          timeEpoch: receivedAt.getTime(),
        },
      });
    });

    it('leaves out optional fields when the request has none of them', () => {
      const event = buildApiGatewayEvent(snapshot({ target: '/settings' }), {
        ...routing,
        pathParameters: {},
      });
      expect(event).not.toHaveProperty('queryStringParameters');
      expect(event).not.toHaveProperty('pathParameters');
      expect(event).not.toHaveProperty('cookies');
      expect(event).not.toHaveProperty('body');
      expect(event.requestContext).not.toHaveProperty('authorizer');
    });

    it('formats the request time like API Gateway', () => {
      expect(formatRequestTime(new Date('2020-12-31T23:59:58Z'))).toBe(
        '31/Dec/2020:23:59:58 +0000',
      );
    });
  });

  describe('headers, cookies and query', () => {
    it('lower-cases header names and joins repeated headers with commas', () => {
      const event = buildApiGatewayEvent(
        snapshot({
          rawHeaders: [
            'Host',
            'h',
            'X-Tag',
            'a',
            'x-tag',
            'b',
            'Cookie',
            'a=1; b=2',
            'cookie',
            'c=3',
          ],
        }),
        routing,
      );
      expect(event.headers).toMatchObject({
        host: 'h',
        'x-tag': 'a,b',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': '3000',
      });
      expect(event.headers).not.toHaveProperty('cookie');
      expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    });

    it('joins repeated query parameters with commas and decodes them', () => {
      const event = buildApiGatewayEvent(
        snapshot({ target: '/customers?tag=vip&tag=new&q=L%C3%AA%20Anh' }),
        routing,
      );
      expect(event.rawQueryString).toBe('tag=vip&tag=new&q=L%C3%AA%20Anh');
      expect(event.queryStringParameters).toEqual({ tag: 'vip,new', q: 'Lê Anh' });
    });
  });

  describe('body', () => {
    it('passes a JSON body as UTF-8 text', () => {
      const event = buildApiGatewayEvent(
        snapshot({
          rawHeaders: ['Content-Type', 'application/json; charset=utf-8'],
          body: Buffer.from('{"name":"Lê"}'),
        }),
        routing,
      );
      expect(event).toMatchObject({ body: '{"name":"Lê"}', isBase64Encoded: false });
    });

    it('base64-encodes a body whose content type is not textual', () => {
      const bytes = Buffer.from([0, 1, 2, 255]);
      const event = buildApiGatewayEvent(
        snapshot({ rawHeaders: ['Content-Type', 'application/octet-stream'], body: bytes }),
        routing,
      );
      expect(event).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    });

    it('treats +json and text types as text', () => {
      for (const type of [
        'application/problem+json',
        'text/csv',
        'application/x-www-form-urlencoded',
      ]) {
        const event = buildApiGatewayEvent(
          snapshot({ rawHeaders: ['content-type', type], body: Buffer.from('a') }),
          routing,
        );
        expect(event.isBase64Encoded).toBe(false);
      }
    });
  });

  describe('JWT authorizer context', () => {
    it('adds the claims as strings when the route was authorized', () => {
      const event = buildApiGatewayEvent(snapshot(), {
        ...routing,
        claims: { sub: 'local-owner', exp: 1_900_000_000, admin: true, groups: ['a', 'b'] },
      }) as APIGatewayProxyEventV2WithJWTAuthorizer;
      expect(event.requestContext.authorizer).toEqual({
        jwt: {
          claims: { sub: 'local-owner', exp: '1900000000', admin: 'true', groups: '[a b]' },
          scopes: null,
        },
        principalId: '',
        integrationLatency: 0,
      });
    });

    it('stringifies object claims as JSON', () => {
      expect(stringifyClaims({ address: { country: 'VN' } })).toEqual({
        address: '{"country":"VN"}',
      });
    });
  });
});
