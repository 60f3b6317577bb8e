import { HttpProblem } from '../../shared/adapters/http/http-problem';
import { WorkflowNotFoundError } from '../../workflows/workflow-commands';

/**
 * The workflow routes' 404. Kept beside them until the shared error mapper
 * (shared/adapters/http/problem.ts) knows WorkflowNotFoundError.
 */
export async function orWorkflowNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    throw new HttpProblem({
      type: `/problems/${error.code}`,
      title: 'No such workflow',
      status: 404,
      detail: error.message,
    });
  }
}
