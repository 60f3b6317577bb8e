import { z } from 'zod';
import {
  InvalidInputError,
  NotFoundError,
  VersionMismatchError,
  type FieldIssue,
} from '../shared/core/errors';
import { withOptimisticRetry } from '../shared/core/optimistic-retry';
import type { ShopSettings } from '../shared/core/settings';
import type { MessageTemplate } from '../shared/core/templates/message-template';
import { WorkflowId, type WorkflowDefinition } from './definition';
import { stepIssues } from './step-check';
import type { StoredWorkflow, WorkflowDefinitionRepository } from './ports';

export const WorkflowPath = z.strictObject({ workflowId: WorkflowId });

/** Turning a workflow on or off, without touching its steps. */
export const WorkflowSwitch = z.strictObject({ enabled: z.boolean() });
export type WorkflowSwitch = z.infer<typeof WorkflowSwitch>;

export class WorkflowNotFoundError extends NotFoundError {
  readonly code = 'workflow-not-found';
  readonly title = 'No such workflow';
  constructor(readonly workflowId: string) {
    super(`No workflow ${workflowId}`);
  }
}

export interface WorkflowCommandDeps {
  readonly definitions: WorkflowDefinitionRepository;
  /**
   * The template a step names, the owner's own first, then the built-in; read from the store
   * itself (not the senders' minute-long cache), so a template saved a moment ago is known.
   */
  readonly template: (templateId: string) => Promise<MessageTemplate | undefined>;
  /** The shop's settings as stored, which a step's message is rendered with. */
  readonly settings: ShopSettings;
}

export async function getWorkflow(
  deps: Pick<WorkflowCommandDeps, 'definitions'>,
  workflowId: string,
): Promise<StoredWorkflow> {
  const stored = await deps.definitions.get(workflowId);
  if (stored === undefined) throw new WorkflowNotFoundError(workflowId);
  return stored;
}

/**
 * Replaces a workflow's definition. The id and kind are the workflow's own; every step must name
 * an existing template of its channel and purpose (marketing, for win-back) that renders with
 * its variables (see stepIssues). Journeys under way continue with the new steps at their next step
 * (by position), and exit at once if the workflow is turned off.
 */
export async function replaceWorkflow(
  deps: WorkflowCommandDeps,
  workflowId: string,
  definition: WorkflowDefinition,
  expectedVersion: number | undefined,
): Promise<StoredWorkflow> {
  const current = await getWorkflow(deps, workflowId);
  if (definition.id !== workflowId)
    throw InvalidInputError.forField('id', `must be the workflow's own id, ${workflowId}`);
  if (definition.kind !== current.definition.kind)
    throw InvalidInputError.forField('kind', `must stay ${current.definition.kind}`);
  const issues = await stepProblems(deps, definition);
  if (issues.length > 0) throw new InvalidInputError(issues);
  if (expectedVersion !== undefined && expectedVersion !== current.version)
    throw new VersionMismatchError(expectedVersion, current.version);
  return deps.definitions.save(definition, current.version);
}

/** Turns a workflow on or off; If-Match optional, since the switch does not depend on the steps. */
export function switchWorkflow(
  deps: Pick<WorkflowCommandDeps, 'definitions'>,
  workflowId: string,
  change: WorkflowSwitch,
  expectedVersion: number | undefined,
): Promise<StoredWorkflow> {
  return withOptimisticRetry(async () => {
    const current = await getWorkflow(deps, workflowId);
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw new VersionMismatchError(expectedVersion, current.version);
    if (current.definition.enabled === change.enabled) return current;
    return deps.definitions.save({ ...current.definition, ...change }, current.version);
  });
}

async function stepProblems(
  deps: WorkflowCommandDeps,
  definition: WorkflowDefinition,
): Promise<FieldIssue[]> {
  const templates = await Promise.all(
    definition.steps.map((step) => deps.template(step.templateId)),
  );
  return definition.steps.flatMap((step, index) =>
    stepIssues(definition.kind, step, index, templates[index], deps.settings),
  );
}
