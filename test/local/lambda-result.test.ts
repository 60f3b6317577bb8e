import { describe, expect, it } from 'vitest';
import { MalformedLambdaResultError, toHttpResponse } from '../../infra/local/lambda-result';

describe('Lambda result', () => {
  describe('structured results', () => {
    it('uses status, headers, cookies and body when the result has a statusCode', () => {
      const response = toHttpResponse({
        statusCode: 201,
        headers: { 'content-type': 'application/json', 'x-count': 3 },
        cookies: ['a=1; Path=/', 'b=2'],
        body: '{"ok":true}',
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers).toEqual([
        ['content-type', 'application/json'],
        ['x-count', '3'],
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2'],
      ]);
      expect(response.body.toString()).toBe('{"ok":true}');
    });

    it('decodes the body when isBase64Encoded is true', () => {
      const response = toHttpResponse({
        statusCode: 200,
        body: Buffer.from([1, 2, 3]).toString('base64'),
        isBase64Encoded: true,
      });
      expect([...response.body]).toEqual([1, 2, 3]);
    });

    it('warns and ignores multiValueHeaders, as payload format 2.0 does', () => {
      const response = toHttpResponse({
        statusCode: 200,
        multiValueHeaders: { 'x-a': ['1', '2'] },
      });
      expect(response.headers).toEqual([]);
      expect(response.warnings).toHaveLength(1);
    });

    it('throws when the status code is not an HTTP status', () => {
      expect(() => toHttpResponse({ statusCode: 42 })).toThrow(MalformedLambdaResultError);
      expect(() => toHttpResponse({ statusCode: '200' })).toThrow(MalformedLambdaResultError);
    });

    it('throws when the body is not a string', () => {
      expect(() => toHttpResponse({ statusCode: 200, body: { a: 1 } })).toThrow(
        MalformedLambdaResultError,
      );
    });
  });

  describe('inferred results', () => {
    it('answers 200 JSON with the value when there is no statusCode', () => {
      const response = toHttpResponse({ message: 'hi' });
      expect(response).toMatchObject({
        statusCode: 200,
        headers: [['content-type', 'application/json']],
      });
      expect(response.body.toString()).toBe('{"message":"hi"}');
    });

    it('passes a string result through as the body', () => {
      expect(toHttpResponse('Hello').body.toString()).toBe('Hello');
    });

    it('answers null when the function returns nothing', () => {
      expect(toHttpResponse(undefined).body.toString()).toBe('null');
    });
  });
});
