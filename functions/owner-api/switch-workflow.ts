import { switchWorkflow, WorkflowPath, WorkflowSwitch } from '../../workflows/workflow-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { expectedVersion, versionHeaders } from '../runtime/versioning';

export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowPath);
  const change = request.body(WorkflowSwitch);
  const stored = await switchWorkflow(
    { definitions: services.workflowDefinitions() },
    workflowId,
    change,
    expectedVersion(request.header('if-match')),
  );
  return ok(stored, versionHeaders(stored));
});
