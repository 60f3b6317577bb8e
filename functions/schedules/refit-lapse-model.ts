import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { refitLapseModel, type RefitResult } from '../../shared/core/refit-lapse-model';
import { logger } from '../runtime/observability';
import { services } from '../runtime/services';

/**
 * Weekly (EventBridge Scheduler): refits the shop's lapse models and moves the due days that
 * changed. The schedule's payload carries nothing. A failed run is retried twice by Lambda and
 * then lands in the schedule's dead-letter queue, whose alarm the operator sees.
 */
export const handler = middy<unknown, RefitResult, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const result = await refitLapseModel({
      customers: await services.customers(),
      lapseModels: services.lapseModels(),
      settings: await services.settingsStore().get(),
      clock: services.clock,
    });
    logger.info('Lapse model refitted', { ...result });
    return result;
  });
