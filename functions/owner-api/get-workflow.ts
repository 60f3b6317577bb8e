import { getWorkflow, WorkflowPath } from '../../workflows/workflow-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { versionHeaders } from '../runtime/versioning';
import { orWorkflowNotFound } from './workflow-not-found';

export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowPath);
  const stored = await orWorkflowNotFound(() =>
    getWorkflow({ definitions: services.workflowDefinitions() }, workflowId),
  );
  return ok(stored, versionHeaders(stored));
});
