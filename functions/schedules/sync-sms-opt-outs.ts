import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { SnsOptOutList } from '../../shared/adapters/sms/sns-opt-out-list';
import { InvalidInputError } from '../../shared/core/errors';
import { suppressAddress } from '../../shared/core/messaging/suppress-address';
import { logger } from '../runtime/observability';
import { services } from '../runtime/services';

const optedOut = new SnsOptOutList(new SNSClient({}));

/**
 * Daily (EventBridge Scheduler): suppresses, with reason `opt_out`, every number on the
 * account's SNS opt-out list, which SNS refuses to send to anyway; the dispatcher then skips it
 * instead of failing on it, and the customer's page says why. The list belongs to the account,
 * so every shop of the account mirrors all of it. SNS gives no opt-out time: the run's time
 * stands for it. A number already suppressed is left as it is, so the run can repeat.
 */
export const handler = middy<unknown, { numbers: number; suppressed: number }, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const deps = { customers: await services.customers(), clock: services.clock };
    const at = services.clock.now().toISOString();
    let numbers = 0;
    let suppressed = 0;
    for await (const address of optedOut) {
      numbers += 1;
      try {
        const { changed } = await suppressAddress(deps, {
          channel: 'sms',
          address,
          reason: 'opt_out',
          at,
        });
        if (changed) suppressed += 1;
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        logger.warn('Skipped an opted-out number that is not in E.164', { index: numbers - 1 });
      }
    }
    logger.info('SMS opt-outs synchronized', { numbers, suppressed });
    return { numbers, suppressed };
  });
