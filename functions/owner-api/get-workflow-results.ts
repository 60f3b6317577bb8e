import { WorkflowResultsPath, workflowResults } from '../../shared/core/results/results-view';
import { workflowTally } from '../../shared/core/results/tally';
import { ok, ownerRoute } from '../runtime/http-route';

/** A journey's results: its messages, and the messaged group's return rate beside the holdout's. */
export const handler = ownerRoute(async (request, services) => {
  const { workflowId } = request.path(WorkflowResultsPath);
  const [counts, settings] = await Promise.all([
    services.tallies().read(workflowTally(workflowId)),
    services.settings().get(),
  ]);
  return ok(workflowResults(workflowId, counts, settings.currency));
});
