import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RouteDefinition } from '../../functions/routes';
import { buildApiGatewayEvent } from './api-gateway-event';
import { authenticateBearer } from './bearer-auth';
import { invokeHandler, type LocalHandler } from './invoke-handler';
import { localExportsPrefix, serveLocalExport } from './local-exports';
import { sendProblem } from './problem';
import { apiGatewayMaxBodyBytes, readRequestBody } from './request-body';
import { createRouteMatcher } from './route-matcher';
import { serveSmsOutbox, smsOutboxPath } from './sms-outbox-page';

export type { LocalHandler } from './invoke-handler';

/** What the server needs of a route; `functions/routes.ts` entries fit. */
export type LocalRoute = Pick<
  RouteDefinition,
  'method' | 'path' | 'auth' | 'name' | 'timeoutSeconds'
>;

export interface LocalServerOptions<R extends LocalRoute> {
  /** 0 lets the OS choose. */
  readonly port: number;
  readonly host?: string;
  readonly routes: readonly R[];
  loadHandler(route: R): Promise<LocalHandler>;
  verifyOwnerToken(token: string): Promise<Readonly<Record<string, unknown>>>;
  /** Folder served under `/local-exports/`; omit to serve none. */
  readonly exportDir?: string;
  /** The local SMS outbox file shown at `/local-sms-outbox`; omit to serve none. */
  readonly smsOutboxFile?: string;
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

/** Lambda's timeout when a route sets none, as in the CDK stack. */
const defaultFunctionTimeoutSeconds = 10;

/**
 * Serves the routes over node:http the way API Gateway HTTP API serves them in AWS: route
 * selection, the JWT authorizer for `owner` routes, the 2.0 event, and the response rules.
 */
export async function startLocalServer<R extends LocalRoute>(
  options: LocalServerOptions<R>,
): Promise<LocalServer> {
  const match = createRouteMatcher(options.routes);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxBodyBytes = options.maxBodyBytes ?? apiGatewayMaxBodyBytes;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const requestId = randomBytes(12).toString('base64url');
    response.setHeader('apigw-requestid', requestId);
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const rawPath = target.split('?')[0] ?? '/';

    if (options.exportDir && method === 'GET' && rawPath.startsWith(localExportsPrefix)) {
      return serveLocalExport(
        response,
        options.exportDir,
        rawPath.slice(localExportsPrefix.length),
      );
    }
    if (options.smsOutboxFile && method === 'GET' && rawPath === smsOutboxPath) {
      return serveSmsOutbox(response, options.smsOutboxFile);
    }
    const matched = match(method, rawPath);
    if (matched.kind === 'not-found') {
      const detail = `No route for ${method} ${rawPath}.`;
      return sendProblem(response, { status: 404, title: 'Not Found', detail });
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
      if (!auth.ok) {
        return sendProblem(response, auth.problem, { 'www-authenticate': auth.wwwAuthenticate });
      }
      claims = auth.claims;
    }
    const body = await readRequestBody(request, maxBodyBytes);
    if (body === 'too-large') {
      const detail = `The request body is larger than ${maxBodyBytes} bytes.`;
      const problem = { status: 413, title: 'Content Too Large', detail };
      return sendProblem(response, problem, { connection: 'close' });
    }

    const { socket } = request;
    const event = buildApiGatewayEvent(
      {
        method,
        target,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: socket.remoteAddress ?? '127.0.0.1',
        httpVersion: request.httpVersion,
        localPort: socket.localPort ?? 0,
      },
      { routeKey: `${route.method} ${route.path}`, pathParameters, claims, requestId, receivedAt },
    );
    const outcome = await invokeHandler(() => options.loadHandler(route), event, {
      functionName: route.name,
      functionTimeoutMs: (route.timeoutSeconds ?? defaultFunctionTimeoutSeconds) * 1000,
      integrationTimeoutMs: options.integrationTimeoutMs ?? 30_000,
    });
    if (!outcome.ok) {
      log(outcome.logLine);
      return sendProblem(response, outcome.problem);
    }
    for (const warning of outcome.response.warnings) log(`[${route.name}] warning: ${warning}`);
    response.writeHead(outcome.response.statusCode, outcome.response.headers.flat());
    response.end(outcome.response.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(
        `local server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (response.headersSent) return response.destroy();
      sendProblem(response, {
        status: 500,
        title: 'Internal Server Error',
        detail: 'Unexpected error.',
      });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host }, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Not a TCP server.');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; a stuck client must not hold up Ctrl-C.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
