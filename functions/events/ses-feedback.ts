import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { readSesFeedback, snsMessages } from '../../shared/adapters/ses-events/ses-feedback';
import { InvalidInputError } from '../../shared/core/errors';
import { suppressAddress } from '../../shared/core/messaging/suppress-address';
import { logger } from '../runtime/observability';
import { services } from '../runtime/services';

/**
 * SES bounce, complaint and delivery events (SNS, from the configuration set): suppresses each
 * address a permanent bounce or a complaint names, and counts each delivery to the workflow or
 * campaign the email's tags name (`delivered`, once per SES message id: a receipt item makes a
 * redelivery count nothing). Malformed events are logged and dropped, since a retry cannot fix
 * them; any other failure is thrown, so Lambda retries the event and then keeps it in the
 * subscription's dead-letter queue. Suppressing or counting twice changes nothing, so retries are
 * safe.
 * Logs carry ids and counts, never an address.
 */
export const handler = middy<unknown, { suppressed: number; delivered: number }, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const deps = { customers: await services.customers(), clock: services.clock };
    let suppressed = 0;
    const receipts = services.deliveryReceipts();
    let delivered = 0;
    for (const { messageId, message } of snsMessages(event) ?? []) {
      const feedback = readSesFeedback(messageId, message);
      if (feedback.kind === 'delivered') {
        // One transaction per delivery (receipt + increment): batching would lose the dedupe.
        const counted = await receipts.count(
          feedback.sesMessageId,
          feedback.owner,
          services.clock.now(),
        );
        if (counted) delivered += 1;
        continue;
      }
      if (feedback.kind !== 'suppress') {
        logger[feedback.kind === 'malformed' ? 'error' : 'info']('SES event not suppressed', {
          ...feedback,
        });
        continue;
      }
      for (const [index, suppression] of feedback.suppressions.entries()) {
        const { feedbackId } = feedback;
        try {
          const { changed } = await suppressAddress(deps, suppression);
          if (changed) suppressed += 1;
          logger.info('Address suppressed', {
            feedbackId,
            index,
            reason: suppression.reason,
            changed,
          });
        } catch (error) {
          if (!(error instanceof InvalidInputError)) throw error;
          logger.error('Dropped an unreadable recipient', { feedbackId, index });
        }
      }
    }
    return { suppressed, delivered };
  });
