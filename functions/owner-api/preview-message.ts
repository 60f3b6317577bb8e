import { MessagePreviewRequest, previewMessage } from '../../shared/core/messaging/preview-message';
import { isLoopbackHost } from '../../shared/core/templates/template-variables';
import { ok, ownerRoute } from '../runtime/http-route';

/** As long as a real token (51 characters), so an SMS preview counts the segments it will use. */
const SAMPLE_TOKEN = 'x'.repeat(51);

/**
 * Renders a template as a customer would get it, and for SMS the cost as written and without
 * diacritics. The opt-out link is this API's own, as sending would use.
 */
export const handler = ownerRoute(async (request, services) => {
  const body = request.body(MessagePreviewRequest);
  const host = request.header('host') ?? 'localhost';
  // Plain http only where the templates accept it: npm start, on this machine.
  const hostname = URL.parse(`http://${host}`)?.hostname;
  const scheme = hostname !== undefined && isLoopbackHost(hostname) ? 'http' : 'https';
  const preview = previewMessage({
    // The owner may have just changed the price or the text choice: read the stored settings.
    settings: await services.settingsStore().get(),
    // The owner's version as just saved, else the built-in: what they are about to send.
    template: await services.currentTemplate(body.templateId),
    request: body,
    sampleOptOutUrl: `${scheme}://${host}/u/${SAMPLE_TOKEN}`,
  });
  return ok(preview);
});
