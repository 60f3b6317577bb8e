import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { createRouteMatcher } from '../../infra/local/route-matcher';

describe('route matcher', () => {
  const match = createRouteMatcher(routes);

  describe('choosing a route', () => {
    it('prefers a literal segment over a parameter when both match', () => {
      const result = match('GET', '/customers/lookup');
      expect(result).toMatchObject({
        kind: 'found',
        route: { name: 'findCustomer' },
        pathParameters: {},
      });
    });

    it('binds path parameters when the literal does not match', () => {
      const result = match('GET', '/customers/01J9ZK');
      expect(result).toMatchObject({
        kind: 'found',
        route: { name: 'getCustomer' },
        pathParameters: { customerId: '01J9ZK' },
      });
    });

    it('tells the message list from one message, however the key reads', () => {
      expect(match('GET', '/messages')).toMatchObject({
        kind: 'found',
        route: { name: 'listMessages' },
      });
      expect(match('GET', '/messages/unknown')).toMatchObject({
        kind: 'found',
        route: { name: 'getMessage' },
        pathParameters: { messageKey: 'unknown' },
      });
    });

    it('falls back to the parameter route when the literal route lacks the method', () => {
      // API Gateway selects on the whole route key, so DELETE /customers/lookup is eraseCustomer.
      const result = match('DELETE', '/customers/lookup');
      expect(result).toMatchObject({
        kind: 'found',
        route: { name: 'eraseCustomer' },
        pathParameters: { customerId: 'lookup' },
      });
    });

    it('URL-decodes path parameters', () => {
      const result = match('PUT', '/customers/c1/orders/shopee/A%2FB%20%C3%A9');
      expect(result).toMatchObject({
        kind: 'found',
        pathParameters: { customerId: 'c1', source: 'shopee', orderId: 'A/B é' },
      });
    });

    it('prefers the earlier literal when two templates of equal length match', () => {
      const matchTwo = createRouteMatcher([
        { method: 'GET', path: '/{a}/x' },
        { method: 'GET', path: '/x/{b}' },
      ]);
      expect(matchTwo('GET', '/x/x')).toMatchObject({ route: { path: '/x/{b}' } });
    });
  });

  describe('answering when nothing fits', () => {
    it('reports the allowed methods when the path exists with other methods', () => {
      expect(match('POST', '/customers/c1')).toEqual({
        kind: 'method-not-allowed',
        allowedMethods: ['DELETE', 'GET', 'PATCH'],
      });
    });

    it('reports not found when no template matches the path', () => {
      expect(match('GET', '/nothing-here')).toEqual({ kind: 'not-found' });
      expect(match('GET', '/customers/c1/extra/segments')).toEqual({ kind: 'not-found' });
    });

    it('does not bind an empty segment to a parameter', () => {
      expect(match('GET', '/customers/')).toEqual({ kind: 'not-found' });
    });

    it('reports not found when a segment is not valid percent-encoding', () => {
      expect(match('GET', '/customers/%E0%A4%A')).toEqual({ kind: 'not-found' });
    });
  });

  describe('validating the table', () => {
    it('throws when a route key is declared twice', () => {
      expect(() =>
        createRouteMatcher([
          { method: 'GET', path: '/a' },
          { method: 'GET', path: '/a' },
        ]),
      ).toThrow(/Duplicate route GET \/a/);
    });

    it('throws on greedy parameters it cannot serve', () => {
      expect(() => createRouteMatcher([{ method: 'GET', path: '/files/{proxy+}' }])).toThrow(
        /Unsupported/,
      );
    });
  });
});
