import { workflowResults } from '../../shared/core/results/results-view';
import { workflowTally } from '../../shared/core/results/tally';
import { getWorkflow, WorkflowPath } from '../../workflows/workflow-commands';
import { ok, ownerRoute } from '../runtime/http-route';

/**
 * A journey's results: its messages, and the messaged group's return rate beside the holdout's.
 * An unknown workflow answers 404 as GET /workflows/{id} does, not a page of zeros.
 */
export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowPath);
  const [, counts, settings] = await Promise.all([
    getWorkflow({ definitions: services.workflowDefinitions() }, workflowId),
    services.tallies().read(workflowTally(workflowId)),
    services.settings().get(),
  ]);
  return ok(workflowResults(workflowId, counts, settings.currency));
});
