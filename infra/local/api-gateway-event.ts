import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** The parts of an HTTP request the event is built from, independent of node:http. */
export interface HttpRequestSnapshot {
  readonly method: string;
  /** The request target as sent, e.g. `/customers?limit=10`. */
  readonly target: string;
  /** Node's `rawHeaders`: names and values alternating, in arrival order. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly httpVersion: string;
  readonly localPort: number;
}

export interface EventRouting {
  /** API Gateway route key, e.g. `GET /customers/{customerId}`. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  /** Verified token claims for `owner` routes; absent for public routes. */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly requestId: string;
  readonly receivedAt: Date;
}

export type ApiGatewayEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

const textualType =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)\b)|\+(json|xml)\b/i;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** The JWT authorizer hands claims over as strings; arrays become `[a b]`, as in AWS. */
export function stringifyClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      if (Array.isArray(value)) return [name, `[${value.map(String).join(' ')}]`];
      if (typeof value === 'object' && value !== null) return [name, JSON.stringify(value)];
      return [name, String(value)];
    }),
  );
}

/** Lower-cased names, duplicates joined with commas; cookies go to their own field in 2.0. */
function collectHeaders(rawHeaders: readonly string[]) {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    } else {
      headers[name] = name in headers ? `${headers[name]},${value}` : value;
    }
  }
  return { headers, cookies };
}

function collectQuery(rawQueryString: string): Record<string, string> | undefined {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  return Object.keys(query).length > 0 ? query : undefined;
}

function encodeBody(body: Buffer, contentType: string | undefined) {
  if (body.length === 0) return { isBase64Encoded: false };
  // No content type: treated as text, which is what a JSON API's clients mostly mean.
  if (contentType === undefined || textualType.test(contentType)) {
    return { body: body.toString('utf8'), isBase64Encoded: false };
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}

/**
 * Builds the payload format 2.0 event API Gateway HTTP API sends to a Lambda integration, with
 * the JWT authorizer's context when `claims` is given.
 */
export function buildApiGatewayEvent(
  request: HttpRequestSnapshot,
  routing: EventRouting,
): ApiGatewayEvent {
  const queryStart = request.target.indexOf('?');
  const rawPath = queryStart === -1 ? request.target : request.target.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.target.slice(queryStart + 1);
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor
    ? `${forwardedFor}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  const domainName = headers.host ?? `localhost:${request.localPort}`;
  const pathParameters = { ...routing.pathParameters };
  const queryStringParameters = collectQuery(rawQueryString);

  const requestContext = {
    accountId: 'local',
    apiId: 'local',
    domainName,
    domainPrefix: domainName.split(/[.:]/)[0] ?? domainName,
    http: {
      method: request.method,
      path: rawPath,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: routing.requestId,
    routeKey: routing.routeKey,
    stage: '$default',
    time: formatRequestTime(routing.receivedAt),
    timeEpoch: routing.receivedAt.getTime(),
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: routing.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    // Absent rather than undefined: Lambda receives JSON, where undefined keys do not exist.
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext,
    ...encodeBody(request.body, headers['content-type']),
  };
  if (!routing.claims) return event;
  const authorizer = {
    jwt: { claims: stringifyClaims(routing.claims), scopes: null },
    principalId: '',
    integrationLatency: 0,
  };
  return { ...event, requestContext: { ...requestContext, authorizer } };
}
