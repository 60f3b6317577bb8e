import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PutConfigurationSetSendingOptionsCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { readAlarmTransitions } from '../../shared/adapters/ses-events/alarm-notification';
import { logger } from '../runtime/observability';

// This function uses no table, so it reads its one variable itself; config() requires TABLE_NAME.
const { SES_CONFIGURATION_SET } = z
  .object({ SES_CONFIGURATION_SET: z.string().min(1) })
  .parse(process.env);
const ses = new SESv2Client({});

/**
 * A reputation alarm entered ALARM (SNS; the subscription passes only those): turns the shop's
 * configuration set's sending off before SES pauses the whole account. The operator turns it
 * back on once the cause is fixed. Failures are thrown: Lambda retries, then the event waits in
 * the subscription's dead-letter queue, whose alarm the operator sees.
 */
export const handler = middy<unknown, { paused: boolean }, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const alarms = readAlarmTransitions(event).filter((alarm) => alarm.newState === 'ALARM');
    if (alarms.length === 0) {
      logger.warn('No alarm transition to ALARM in the event');
      return { paused: false };
    }
    await ses.send(
      new PutConfigurationSetSendingOptionsCommand({
        ConfigurationSetName: SES_CONFIGURATION_SET,
        SendingEnabled: false,
      }),
    );
    logger.warn('Email sending paused', {
      configurationSet: SES_CONFIGURATION_SET,
      alarms: alarms.map((alarm) => alarm.name),
    });
    return { paused: true };
  });
