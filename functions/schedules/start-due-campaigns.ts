import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { startDueCampaigns } from '../../workflows/campaigns/start-due-campaigns';
import { campaignFanOutQueue } from '../runtime/campaign-queues';
import { logger } from '../runtime/observability';
import { services } from '../runtime/services';

/**
 * Starts the campaigns still `scheduled` whose time has come. Locally (`npm start` runs it every
 * few seconds) the campaign item is its own schedule. In AWS each campaign set for later has its
 * own one-time EventBridge Scheduler schedule, and this runs every five minutes (functions/
 * schedules.ts) as the sweep for a campaign whose start or schedule was lost (a crash between
 * storing it and starting it).
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
