import { MessageNotFoundError } from '../../shared/core/messaging/errors';
import {
  MessagePath,
  messageKeyFromPath,
  viewDeferred,
  viewMessage,
} from '../../shared/core/messaging/message-view';
import { ok, ownerRoute } from '../runtime/http-route';

/** Where one message stands: sent, skipped (and why), failed, unknown, or deferred past quiet hours. */
export const handler = ownerRoute(async (request, services) => {
  const key = messageKeyFromPath(request.path(MessagePath).messageKey);
  const [record, deferred] = await Promise.all([
    services.messages().get(key),
    services.deferredJobs().get(key),
  ]);
  if (record !== undefined) return ok(viewMessage(record));
  if (deferred !== undefined) return ok(viewDeferred(deferred));
  throw new MessageNotFoundError(key);
});
