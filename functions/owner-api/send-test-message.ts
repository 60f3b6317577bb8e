import { CustomerPath } from '../../shared/core/customer';
import { requestTestMessage, TestMessageRequest } from '../../shared/core/messaging/test-message';
import { ownerRoute } from '../runtime/http-route';
import { sendJobQueue } from '../runtime/send-queues';

/** Queues one test message to a customer through the real send path; follow `status`. */
export const handler = ownerRoute(async (request, services) => {
  const { customerId } = request.path(CustomerPath);
  const input = request.body(TestMessageRequest);
  const { messageKey } = await requestTestMessage(
    {
      customers: await services.customers(),
      // As the dispatcher will send it: the owner's version, else the built-in.
      templates: await services.templateLookup(),
      queue: sendJobQueue(),
      ids: services.ids,
    },
    customerId,
    input,
  );
  // The key holds `#` and `%`: the link carries it percent-encoded, ready to follow.
  const status = `/messages/${encodeURIComponent(messageKey)}`;
  return { status: 202, body: { messageKey, status }, headers: { location: status } };
});
