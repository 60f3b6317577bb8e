import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import type { RouteDefinition } from '../../functions/routes';
import { buildApiGatewayEvent, type ApiGatewayEvent } from './api-gateway-event';
import { authenticateBearer } from './bearer-auth';
import { createLambdaContext } from './lambda-context';
import { toHttpResponse } from './lambda-result';
import { localExportsPrefix, serveLocalExport } from './local-exports';
import { sendProblem } from './problem';
import { apiGatewayMaxBodyBytes, readRequestBody } from './request-body';
import { createRouteMatcher } from './route-matcher';

/** What the server needs of a route; `functions/routes.ts` entries fit. */
export type LocalRoute = Pick<RouteDefinition, 'method' | 'path' | 'auth' | 'name'>;

// Method syntax keeps parameters bivariant, so a handler typed for the JWT event still fits.
type HandlerShape = { handle(event: ApiGatewayEvent, context: Context): unknown };
/** A Lambda handler as the Node.js 24 runtime calls it: async, no callback. */
export type LocalHandler = HandlerShape['handle'];

export interface LocalServerOptions<R extends LocalRoute> {
  /** 0 lets the OS choose. */
  readonly port: number;
  readonly host?: string;
  readonly routes: readonly R[];
  loadHandler(route: R): Promise<LocalHandler>;
  verifyOwnerToken(token: string): Promise<Readonly<Record<string, unknown>>>;
  /** Folder served under `/local-exports/`; omit to serve none. */
  readonly exportDir?: string;
  /** API Gateway gives up on an integration after 30 s. */
  readonly integrationTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  /** Where errors and warnings go; stderr by default. */
  readonly log?: (line: string) => void;
}

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

class IntegrationTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntegrationTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Serves the routes over node:http the way API Gateway HTTP API serves them in AWS: route
 * selection, the JWT authorizer for `owner` routes, the 2.0 event, and the response rules.
 */
export async function startLocalServer<R extends LocalRoute>(
  options: LocalServerOptions<R>,
): Promise<LocalServer> {
  const match = createRouteMatcher(options.routes);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeoutMs = options.integrationTimeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? apiGatewayMaxBodyBytes;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const requestId = randomBytes(12).toString('base64url');
    response.setHeader('apigw-requestid', requestId);
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const rawPath = target.split('?')[0] ?? '/';

    if (
      options.exportDir !== undefined &&
      rawPath.startsWith(localExportsPrefix) &&
      method === 'GET'
    ) {
      return serveLocalExport(
        response,
        options.exportDir,
        rawPath.slice(localExportsPrefix.length),
      );
    }
    const matched = match(method, rawPath);
    if (matched.kind === 'not-found') {
      return sendProblem(response, {
        status: 404,
        title: 'Not Found',
        detail: `No route for ${method} ${rawPath}.`,
      });
    }
    if (matched.kind === 'method-not-allowed') {
      const allow = matched.allowedMethods.join(', ');
      const detail = `${rawPath} accepts ${allow}, not ${method}.`;
      return sendProblem(response, { status: 405, title: 'Method Not Allowed', detail }, { allow });
    }
    const { route, pathParameters } = matched;
    let claims: Readonly<Record<string, unknown>> | undefined;
    if (route.auth === 'owner') {
      const auth = await authenticateBearer(
        request.headers.authorization,
        options.verifyOwnerToken,
      );
      if (!auth.ok)
        return sendProblem(response, auth.problem, { 'www-authenticate': auth.wwwAuthenticate });
      claims = auth.claims;
    }
    const body = await readRequestBody(request, maxBodyBytes);
    if (body === 'too-large') {
      const detail = `The request body is larger than ${maxBodyBytes} bytes.`;
      return sendProblem(
        response,
        { status: 413, title: 'Content Too Large', detail },
        { connection: 'close' },
      );
    }

    const event = buildApiGatewayEvent(
      {
        method,
        target,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        httpVersion: request.httpVersion,
        localPort: request.socket.localPort ?? 0,
      },
      { routeKey: `${route.method} ${route.path}`, pathParameters, claims, requestId, receivedAt },
    );
    const context = createLambdaContext({
      functionName: route.name,
      awsRequestId: randomUUID(),
      timeoutMs,
    });
    try {
      const handler = await options.loadHandler(route);
      const result = toHttpResponse(
        await withTimeout(Promise.resolve(handler(event, context)), timeoutMs),
      );
      for (const warning of result.warnings) log(`[${route.name}] warning: ${warning}`);
      response.writeHead(result.statusCode, result.headers.flat());
      response.end(result.body);
    } catch (error) {
      if (error instanceof IntegrationTimeout) {
        log(`[${route.name}] no response within ${timeoutMs} ms (request ${requestId})`);
        const detail = 'The function did not answer in time.';
        return sendProblem(response, { status: 503, title: 'Service Unavailable', detail });
      }
      log(
        `[${route.name}] failed (request ${requestId}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      const detail = `The request could not be completed. Request id: ${requestId}.`;
      return sendProblem(response, { status: 500, title: 'Internal Server Error', detail });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(
        `local server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!response.headersSent) {
        sendProblem(response, {
          status: 500,
          title: 'Internal Server Error',
          detail: 'Unexpected error.',
        });
      } else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host ?? '127.0.0.1' }, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = (options.host ?? '127.0.0.1').includes(':')
    ? `[${options.host}]`
    : (options.host ?? '127.0.0.1');
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; a stuck client must not hold up Ctrl-C.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
