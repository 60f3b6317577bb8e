import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import { HttpProblem } from '../../shared/adapters/http/http-problem';
import { readFormBody } from '../../shared/adapters/http/form-body';
import { readJsonBody } from '../../shared/adapters/http/json-body';
import { invalidInputFrom } from '../../shared/adapters/http/zod-issues';
import { logger } from './observability';
import { problemResponses } from './problem-responses';
import { services, type Services } from './services';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The parts of a request a handler reads, each parsed by the handler's own zod schema. */
export interface RouteRequest {
  body<S extends z.ZodType>(schema: S): z.output<S>;
  /** An `application/x-www-form-urlencoded` body (RFC 8058's one-click post), as fields. */
  form<S extends z.ZodType>(schema: S): z.output<S>;
  query<S extends z.ZodType>(schema: S): z.output<S>;
  path<S extends z.ZodType>(schema: S): z.output<S>;
  header(name: string): string | undefined;
  readonly event: Event;
}

export interface JsonResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A body that is not JSON: an HTML page or a line of text, sent as given. */
export interface TextResponse {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
  readonly headers?: Record<string, string>;
}

type RouteHandler = (
  request: RouteRequest,
  services: Services,
) => Promise<JsonResponse | TextResponse>;

function parseWith<S extends z.ZodType>(schema: S, value: unknown, whole: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInputFrom(result.error, whole);
  return result.data;
}

function routeRequest(event: Event): RouteRequest {
  return {
    event,
    body: (schema) => {
      const body = readJsonBody({
        headers: event.headers,
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
      });
      if (body === undefined) throw HttpProblem.missingBody();
      return parseWith(schema, body, 'body');
    },
    form: (schema) =>
      parseWith(
        schema,
        readFormBody({
          headers: event.headers,
          body: event.body,
          isBase64Encoded: event.isBase64Encoded,
        }),
        'body',
      ),
    query: (schema) => parseWith(schema, event.queryStringParameters ?? {}, 'query'),
    path: (schema) => parseWith(schema, event.pathParameters ?? {}, 'path'),
    header: (name) => event.headers[name.toLowerCase()],
  };
}

function route(requireOwner: boolean, run: RouteHandler) {
  return middy<Event, APIGatewayProxyResultV2, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses())
    .handler(async (event) => {
      if (requireOwner && typeof event.requestContext.authorizer?.jwt?.claims?.sub !== 'string') {
        throw HttpProblem.unauthorized();
      }
      return toApiGateway(await run(routeRequest(event), services));
    });
}

/**
 * The house handler: middy around one call into the core. API Gateway's JWT authorizer has
 * already verified the owner's token; the claim check here is defence in depth against a route
 * deployed without it.
 */
export const ownerRoute = (run: RouteHandler) => route(true, run);

/** A route anyone may call (the OpenAPI document, unsubscribe links). */
export const publicRoute = (run: RouteHandler) => route(false, run);

function toApiGateway(response: JsonResponse | TextResponse): APIGatewayProxyResultV2 {
  if ('text' in response) {
    return {
      statusCode: response.status,
      headers: { ...response.headers, 'content-type': response.contentType },
      body: response.text,
    };
  }
  return {
    statusCode: response.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...response.headers },
    ...(response.body !== undefined && { body: JSON.stringify(response.body) }),
  };
}

export const ok = (body: unknown, headers?: Record<string, string>): JsonResponse => ({
  status: 200,
  body,
  ...(headers && { headers }),
});
export const created = (body: unknown, headers?: Record<string, string>): JsonResponse => ({
  status: 201,
  body,
  ...(headers && { headers }),
});
export const noContent = (): JsonResponse => ({ status: 204 });
