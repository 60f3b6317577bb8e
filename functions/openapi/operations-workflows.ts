import { z } from 'zod';
import { defaultWinBack, WorkflowDefinition } from '../../workflows/definition';
import { WorkflowPath, WorkflowSwitch } from '../../workflows/workflow-commands';
import { IfMatch } from '../runtime/versioning';
import type { OperationDoc } from './operations';
import { workflowNotFound } from './problems';

const StoredWorkflowSchema = z.object({
  definition: WorkflowDefinition,
  version: z.number().int().min(0).meta({
    description: '0 while the built-in default applies (nothing saved yet).',
  }),
});

const workflowETag = z.object({
  ETag: z.string().meta({
    description: "The workflow's version; send it back in If-Match to refuse a stale edit.",
    example: '"0"',
  }),
});

const ifMatch = z.object({
  'If-Match': IfMatch.optional().meta({
    description: 'The ETag you read; the change is refused (412) if the workflow changed since.',
    example: '"0"',
  }),
});

const stored = (description: string) => ({
  200: { description, schema: StoredWorkflowSchema, headers: workflowETag },
});

/** The OpenAPI operations of the win-back workflow routes, by route name. */
export const workflowOperations: Readonly<Record<string, OperationDoc>> = {
  getWorkflow: {
    tag: 'Workflows',
    summary: 'Read a workflow: its steps, exits, holdout and cool-down',
    description:
      'Until the owner saves one, the built-in win-back journey applies: an email as soon as a customer is due, an SMS three days later if they have not ordered.',
    path: WorkflowPath,
    success: stored('The definition and its version.'),
    problems: [404],
    notFound: workflowNotFound,
  },
  replaceWorkflow: {
    tag: 'Workflows',
    summary: 'Replace a workflow’s definition',
    description:
      'Every step must name an existing template (400 names the step). `enabled: false` turns the workflow off: no new enrollments, and journeys under way end at their next step. Journeys under way take the new steps from their next step on.',
    path: WorkflowPath,
    headers: ifMatch,
    body: { schema: WorkflowDefinition, example: defaultWinBack },
    success: stored('The definition as saved, and its new version.'),
    problems: [404, 409, 412],
    notFound: workflowNotFound,
  },
  switchWorkflow: {
    tag: 'Workflows',
    summary: 'Turn a workflow on or off',
    path: WorkflowPath,
    headers: ifMatch,
    body: { schema: WorkflowSwitch, example: { enabled: false } },
    success: stored('The definition after the change.'),
    problems: [404, 409, 412],
    notFound: workflowNotFound,
  },
};
