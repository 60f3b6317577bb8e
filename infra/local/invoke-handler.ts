import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { ApiGatewayEvent } from './api-gateway-event';
import { createLambdaContext } from './lambda-context';
import { toHttpResponse, type HttpResponse } from './lambda-result';
import type { Problem } from './problem';

// Method syntax keeps parameters bivariant, so a handler typed for the JWT event still fits.
type HandlerShape = { handle(event: ApiGatewayEvent, context: Context): unknown };
/** A Lambda handler as the Node.js 24 runtime calls it: async, no callback. */
export type LocalHandler = HandlerShape['handle'];

export interface InvocationLimits {
  readonly functionName: string;
  /** The Lambda function's own timeout. */
  readonly functionTimeoutMs: number;
  /** How long API Gateway waits for the integration (30 s in AWS). */
  readonly integrationTimeoutMs: number;
}

export type InvocationOutcome =
  | { readonly ok: true; readonly response: HttpResponse }
  | { readonly ok: false; readonly problem: Problem; readonly logLine: string };

const timedOut = Symbol('timed out');

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Runs a handler as Lambda behind API Gateway would: a thrown error or a Lambda timeout is a
 * generic 500 (the details go to the log, never to the client), an integration timeout a 503.
 * A timed-out handler keeps running in this process; Lambda would have frozen it.
 */
export async function invokeHandler(
  load: () => Promise<LocalHandler>,
  event: ApiGatewayEvent,
  limits: InvocationLimits,
): Promise<InvocationOutcome> {
  const deadlineMs = Math.min(limits.functionTimeoutMs, limits.integrationTimeoutMs);
  const context = createLambdaContext({
    functionName: limits.functionName,
    awsRequestId: randomUUID(),
    timeoutMs: limits.functionTimeoutMs,
  });
  const failure = (logLine: string): InvocationOutcome => ({
    ok: false,
    logLine: `[${limits.functionName}] ${logLine} (request ${event.requestContext.requestId})`,
    problem: {
      status: 500,
      title: 'Internal Server Error',
      detail: `The request could not be completed. Request id: ${event.requestContext.requestId}.`,
    },
  });

  let timer: NodeJS.Timeout | undefined;
  try {
    const handler = await load();
    const timeout = new Promise<typeof timedOut>((resolve) => {
      timer = setTimeout(() => resolve(timedOut), deadlineMs);
    });
    const result = await Promise.race([Promise.resolve(handler(event, context)), timeout]);
    if (result !== timedOut) return { ok: true, response: toHttpResponse(result) };
    if (limits.functionTimeoutMs <= limits.integrationTimeoutMs) {
      return failure(`Task timed out after ${limits.functionTimeoutMs} ms`);
    }
    return {
      ok: false,
      logLine: `[${limits.functionName}] no response within ${deadlineMs} ms`,
      problem: {
        status: 503,
        title: 'Service Unavailable',
        detail: 'The function did not answer in time.',
      },
    };
  } catch (error) {
    return failure(`failed: ${describe(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
