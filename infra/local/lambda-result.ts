/** An HTTP response ready to be written: headers as ordered pairs so repeats survive. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  /** Things AWS would silently drop, worth telling the developer about. */
  readonly warnings: readonly string[];
}

/** The function returned something API Gateway cannot turn into a response (AWS answers 500). */
export class MalformedLambdaResultError extends Error {
  override readonly name = 'MalformedLambdaResultError';
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function structuredHeaders(result: Record<string, unknown>): [string, string][] {
  const pairs: [string, string][] = [];
  const { headers, cookies } = result;
  if (headers !== undefined) {
    if (!isRecord(headers)) throw new MalformedLambdaResultError('headers must be an object');
    for (const [name, value] of Object.entries(headers)) {
      if (!isScalar(value)) throw new MalformedLambdaResultError(`header ${name} is not a scalar`);
      pairs.push([name, String(value)]);
    }
  }
  if (cookies !== undefined) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) {
      throw new MalformedLambdaResultError('cookies must be an array of strings');
    }
    for (const cookie of cookies) pairs.push(['set-cookie', cookie]);
  }
  return pairs;
}

/**
 * Applies API Gateway's payload format 2.0 response rules: an object with `statusCode` is a
 * structured response; anything else is the body of a 200 `application/json` response
 * (a string as it is, other values as JSON).
 */
export function toHttpResponse(result: unknown): HttpResponse {
  if (!isRecord(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(body, 'utf8'),
      warnings: [],
    };
  }
  const { statusCode, body, isBase64Encoded } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw new MalformedLambdaResultError(`statusCode ${String(statusCode)} is not an HTTP status`);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new MalformedLambdaResultError('body must be a string');
  }
  const text = body ?? '';
  return {
    statusCode,
    headers: structuredHeaders(result),
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
    // Format 2.0 drops multiValueHeaders in AWS; honouring them locally would hide that bug.
    warnings:
      'multiValueHeaders' in result
        ? ['multiValueHeaders is ignored by payload format 2.0; use headers and cookies']
        : [],
  };
}
