import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { startDueCampaigns } from '../../workflows/campaigns/start-due-campaigns';
import { campaignFanOutQueue } from '../runtime/campaign-queues';
import { logger } from '../runtime/observability';
import { services } from '../runtime/services';

/**
 * Local only (`npm start` runs it every few seconds): starts the campaigns whose time has come.
 * In AWS each campaign set for later has its own EventBridge Scheduler one-time schedule instead.
 */
export const handler = middy<unknown, string[], Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const started = await startDueCampaigns({
      campaigns: services.campaigns(),
      fanOut: campaignFanOutQueue(),
      clock: services.clock,
    });
    if (started.length > 0) logger.info('Scheduled campaigns started', { started });
    return started;
  });
