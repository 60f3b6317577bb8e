import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PutConfigurationSetSendingOptionsCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { readAlarmTransitions } from '../../shared/adapters/ses-events/alarm-notification';
import { required } from '../runtime/config';
import { logger } from '../runtime/observability';

// Read at load, so a function deployed without the variable fails at once, not at the alarm.
const configurationSet = required(
  'SES_CONFIGURATION_SET',
  'set pausesEmail on this event handler in functions/events.ts',
);
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
        ConfigurationSetName: configurationSet,
        SendingEnabled: false,
      }),
    );
    logger.warn('Email sending paused', {
      configurationSet,
      alarms: alarms.map((alarm) => alarm.name),
    });
    return { paused: true };
  });
