import { unsubscribe } from '../../shared/core/messaging/unsubscribe';
import {
  renderUnsubscribedPage,
  unsubscribePageSecurityHeaders,
} from '../../shared/core/messaging/unsubscribe-page';
import { publicRoute } from '../runtime/http-route';
import { logger } from '../runtime/observability';
import type { Services } from '../runtime/services';
import { OneClickForm, UnsubscribeLinkPath, unsubscribeMeta } from '../runtime/unsubscribe-request';

/**
 * POST on an unsubscribe link: RFC 8058 one-click from a mail client (a line of text), or the
 * confirmation page's button (the "you are unsubscribed" page). Withdraws at once.
 */
export const handler = publicRoute(async (request, services) => {
  const { token } = request.path(UnsubscribeLinkPath);
  const form = request.form(OneClickForm);
  const deps = await services.unsubscribe();
  const result = await unsubscribe(
    { ...deps, afterWithdrawal: countUnsubscribe(services) },
    token,
    unsubscribeMeta(request),
  );
  if (form.via !== 'page') {
    return { status: 200, contentType: 'text/plain; charset=utf-8', text: 'Unsubscribed.\n' };
  }
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { ...unsubscribePageSecurityHeaders },
    text: renderUnsubscribedPage({ ...result, shopName: deps.shopName }),
  };
});

/** The results count: a failure is logged, never shown, since the withdrawal is already recorded. */
function countUnsubscribe(services: Services) {
  return (customerId: string) =>
    services.countUnsubscribe(customerId).catch((error: unknown) => {
      logger.error('An unsubscribe was not counted', { customerId, error: error as Error });
    });
}
