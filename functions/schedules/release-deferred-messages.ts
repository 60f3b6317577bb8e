import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import {
  releaseDeferredJobs,
  type ReleaseResult,
} from '../../shared/core/messaging/release-deferred';
import { logger } from '../runtime/observability';
import { sendJobQueue } from '../runtime/send-queues';
import { services } from '../runtime/services';

/** Time left for the jobs in flight when the run stops taking new ones. */
const SAFETY_MARGIN_MS = 20_000;

/**
 * Every five minutes (EventBridge Scheduler): puts the send jobs deferred past quiet hours back
 * on the send queue once due, then deletes them. A run that nears its timeout stops; the next
 * run continues where it left off (the due jobs are still there).
 */
export const handler = middy<unknown, ReleaseResult, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (_event, context) => {
    const result = await releaseDeferredJobs(
      { store: services.deferredJobs(), queue: sendJobQueue() },
      services.clock.now().toISOString(),
      () => context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS,
    );
    if (result.released > 0 || result.stoppedEarly)
      logger.info('Deferred messages released', { ...result });
    return result;
  });
