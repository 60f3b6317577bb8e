import { HttpProblem } from '../../shared/adapters/http/http-problem';
import {
  MessagePath,
  messageKeyFromPath,
  viewMessage,
} from '../../shared/core/messaging/message-view';
import { ok, ownerRoute } from '../runtime/http-route';

/** Where one message stands in the ledger: sent, skipped (and why), failed or unknown. */
export const handler = ownerRoute(async (request, services) => {
  const key = messageKeyFromPath(request.path(MessagePath).messageKey);
  const record = await services.messages().get(key);
  if (record === undefined) {
    // Queued but not yet handled, deferred past quiet hours, or never sent: nothing recorded yet.
    throw new HttpProblem({
      type: '/problems/message-not-found',
      title: 'No such message',
      status: 404,
      detail:
        'Nothing is recorded for this message yet; a queued or deferred one appears once handled.',
    });
  }
  return ok(viewMessage(record));
});
