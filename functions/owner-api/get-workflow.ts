import { getWorkflow, WorkflowPath } from '../../workflows/workflow-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { versionHeaders } from '../runtime/versioning';

export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowPath);
  const stored = await getWorkflow({ definitions: services.workflowDefinitions() }, workflowId);
  return ok(stored, versionHeaders(stored));
});
