import { MessageTemplate } from '../../shared/core/templates/message-template';
import { TemplatePath, saveTemplate } from '../../shared/core/templates/template-catalog';
import { ok, ownerRoute } from '../runtime/http-route';
import { expectedVersion, versionHeaders } from '../runtime/versioning';

/**
 * The owner's version of a template (a built-in id overrides the built-in). Messages use it
 * within a minute (each sender caches the templates that long).
 */
export const handler = ownerRoute(async (request, services) => {
  const { templateId } = request.path(TemplatePath);
  const template = request.body(MessageTemplate);
  const view = await saveTemplate(
    { templates: services.templates(), clock: services.clock },
    templateId,
    template,
    expectedVersion(request.header('if-match')),
  );
  return ok(view, versionHeaders(view));
});
