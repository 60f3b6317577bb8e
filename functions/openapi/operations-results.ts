import { z } from 'zod';
import {
  CampaignResults,
  CampaignResultsPath,
  WorkflowResults,
} from '../../shared/core/results/results-view';
import { WorkflowPath } from '../../workflows/workflow-commands';
import { winBackSms } from '../../shared/core/templates/built-in-templates';
import { MessageTemplate } from '../../shared/core/templates/message-template';
import {
  TemplateList,
  TemplatePath,
  TemplateView,
} from '../../shared/core/templates/template-catalog';
import { IfMatch } from '../runtime/versioning';
import type { OperationDoc } from './operations';
import { campaignNotFound, templateNotFound } from './problems';

const ETagHeader = z.string().meta({
  description: "The template's version (0: the built-in as shipped); send it back in If-Match.",
  example: '"1"',
});

const COUNTING =
  'Counts are kept as each batch of messages is handled (a count can be lost if a sender crashes, never doubled); `delivered` comes from SES delivery events, so it counts email in AWS only. An order counts as attributed when it is placed within `attributionWindowDays` (settings) after the last marketing message the customer got (last touch), and goes to whoever sent that message.';

/** The OpenAPI operations of the results and template routes, by route name. */
export const resultOperations: Readonly<Record<string, OperationDoc>> = {
  getWorkflowResults: {
    tag: 'Results',
    summary: "A workflow's results, and the holdout's return rate beside the messaged group's",
    description: `Messages sent, delivered, failed, skipped by reason, unsubscribes, attributed orders and revenue; for win-back, enrolled and returned customers of the messaged and the holdout groups, their return rates (null while a group is empty) and the lift (messaged − holdout). ${COUNTING}`,
    path: WorkflowPath,
    success: { 200: { description: "The workflow's results.", schema: WorkflowResults } },
  },
  getCampaignResults: {
    tag: 'Results',
    summary: "A broadcast's or promotion's progress and results",
    description: `Progress (queued, pending, sent, skipped by reason, failed, unknown) and results (delivered, unsubscribed, attributed orders and revenue). ${COUNTING}`,
    path: CampaignResultsPath,
    success: { 200: { description: "The campaign's results.", schema: CampaignResults } },
    problems: [404],
    notFound: campaignNotFound,
  },
  listTemplates: {
    tag: 'Templates',
    summary: 'The message templates',
    description:
      "Every built-in template (`origin: built_in`), or the owner's version of it in its place (`edited`), then the shop's own (`shop`).",
    success: { 200: { description: 'The templates.', schema: TemplateList } },
  },
  getTemplate: {
    tag: 'Templates',
    summary: 'One message template',
    path: TemplatePath,
    success: {
      200: {
        description: 'The template as messages use it; its ETag is the version to edit.',
        schema: TemplateView,
        headers: z.object({ ETag: ETagHeader }),
      },
    },
    problems: [404],
    notFound: templateNotFound,
  },
  putTemplate: {
    tag: 'Templates',
    summary: 'Save the shop’s version of a template',
    description:
      "The body's `id` must be the path's. A built-in id may be overridden, but a template keeps its `channel` and `purpose` (workflow steps and campaigns use it for them). A marketing template must carry `{{unsubscribeUrl}}` in every part a reader sees, and may use only the known variables. Messages use the new version within a minute. `If-Match` refuses a stale edit (412).",
    path: TemplatePath,
    headers: z.object({
      'If-Match': IfMatch.optional().meta({
        description:
          'The ETag you read; the change is refused (412) if the template changed since.',
        example: '"0"',
      }),
    }),
    body: { schema: MessageTemplate, example: { ...winBackSms, name: 'Nhắc khách cũ (SMS)' } },
    success: {
      200: {
        description: 'The saved template.',
        schema: TemplateView,
        headers: z.object({ ETag: ETagHeader }),
      },
    },
    problems: [409, 412],
  },
};
