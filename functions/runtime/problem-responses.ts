import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { toProblem } from '../../shared/adapters/http/problem';
import { logger } from './observability';

/** The outermost error handler: every thrown error leaves as application/problem+json. */
export function problemResponses(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const problem = toProblem(request.error);
      if (problem.status >= 500) logger.error('Request failed', { error: request.error as Error });
      request.response = {
        statusCode: problem.status,
        headers: {
          'content-type': 'application/problem+json; charset=utf-8',
          ...(problem.status === 401 && { 'www-authenticate': 'Bearer' }),
        },
        body: JSON.stringify({
          ...problem,
          instance: `urn:regulars:request:${request.context.awsRequestId}`,
        }),
      };
    },
  };
}
