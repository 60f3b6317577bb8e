import { describeUnsubscribeLink } from '../../shared/core/messaging/unsubscribe';
import {
  renderUnsubscribeConfirmPage,
  unsubscribePageSecurityHeaders,
} from '../../shared/core/messaging/unsubscribe-page';
import { publicRoute } from '../runtime/http-route';
import { UnsubscribeLinkPath } from '../runtime/unsubscribe-request';

/**
 * GET on an unsubscribe link: a page that says what the link refuses, with a button that POSTs.
 * It withdraws nothing by itself (RFC 8058): mail scanners follow links.
 */
export const handler = publicRoute(async (request, services) => {
  const { token } = request.path(UnsubscribeLinkPath);
  const deps = await services.unsubscribe();
  const link = await describeUnsubscribeLink(deps, token);
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { ...unsubscribePageSecurityHeaders },
    text: renderUnsubscribeConfirmPage({ ...link, shopName: deps.shopName }),
  };
});
