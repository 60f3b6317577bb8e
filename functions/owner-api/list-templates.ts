import { listTemplates } from '../../shared/core/templates/template-catalog';
import { ok, ownerRoute } from '../runtime/http-route';

/** The built-in templates, each replaced by the owner's version when there is one, then the shop's own. */
export const handler = ownerRoute(async (_request, services) =>
  ok({ templates: await listTemplates(services.templates()) }),
);
