import { MessageListQuery, viewMessage } from '../../shared/core/messaging/message-view';
import { ok, ownerRoute } from '../runtime/http-route';

/** The messages whose outcome is unknown, newest first: the ones the owner should look into. */
export const handler = ownerRoute(async (request, services) => {
  const { limit } = request.query(MessageListQuery);
  const { records, more } = await services.messages().listUnknown(limit);
  return ok({ messages: records.map(viewMessage), more });
});
