import { WorkflowDefinition } from '../../workflows/definition';
import { replaceWorkflow, WorkflowPath } from '../../workflows/workflow-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { expectedVersion, versionHeaders } from '../runtime/versioning';

export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowPath);
  const definition = request.body(WorkflowDefinition);
  // Stored settings and templates (consistent reads), not the senders' caches: the owner may
  // have saved the template or the settings a moment ago.
  const settings = await services.settingsStore().get();
  const stored = await replaceWorkflow(
    {
      definitions: services.workflowDefinitions(),
      template: (templateId) => services.currentTemplate(templateId),
      settings,
    },
    workflowId,
    definition,
    expectedVersion(request.header('if-match')),
  );
  return ok(stored, versionHeaders(stored));
});
