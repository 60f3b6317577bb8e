import { WorkflowDefinition } from '../../workflows/definition';
import { replaceWorkflow, WorkflowPath } from '../../workflows/workflow-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { expectedVersion, versionHeaders } from '../runtime/versioning';
import { orWorkflowNotFound } from './workflow-not-found';

export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowPath);
  const definition = request.body(WorkflowDefinition);
  const stored = await orWorkflowNotFound(() =>
    replaceWorkflow(
      {
        definitions: services.workflowDefinitions(),
        templateExists: services.templateExists,
      },
      workflowId,
      definition,
      expectedVersion(request.header('if-match')),
    ),
  );
  return ok(stored, versionHeaders(stored));
});
