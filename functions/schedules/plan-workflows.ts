import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { planWorkflows, type PlanResult } from '../../workflows/planner';
import { logger } from '../runtime/observability';
import { sendJobQueue } from '../runtime/send-queues';
import { services } from '../runtime/services';

/**
 * Every fifteen minutes (EventBridge Scheduler): enrolls the customers whose win-back due day has
 * come and advances the journeys whose next step is due, putting their messages on the send
 * queue. A run is bounded; what it leaves is the oldest and comes first next run.
 */
export const handler = middy<unknown, PlanResult, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const result = await planWorkflows({
      ...(await services.planner()),
      queue: sendJobQueue(),
      // Keys only: the item may hold personal data.
      onUnreadable: (item) => logger.error('Skipped an unreadable item', { ...item }),
    });
    if (Object.values(result).some((count) => count > 0))
      logger.info('Workflows planned', { ...result });
    return result;
  });
