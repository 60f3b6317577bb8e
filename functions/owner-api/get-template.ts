import { TemplatePath, readTemplate } from '../../shared/core/templates/template-catalog';
import { ok, ownerRoute } from '../runtime/http-route';
import { versionHeaders } from '../runtime/versioning';
import { TemplateNotFoundError } from '../../shared/core/templates/errors';

/** One template as messages use it, with its version as the ETag to edit it with. */
export const handler = ownerRoute(async (request, services) => {
  const { templateId } = request.path(TemplatePath);
  const view = await readTemplate(services.templates(), templateId);
  if (view === undefined) throw new TemplateNotFoundError(templateId);
  return ok(view, versionHeaders(view));
});
