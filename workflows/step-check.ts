import { Customer } from '../shared/core/customer';
import type { FieldIssue } from '../shared/core/errors';
import { composeMessage } from '../shared/core/messaging/compose-message';
import { Locale, type ShopSettings } from '../shared/core/settings';
import type { MessageTemplate } from '../shared/core/templates/message-template';
import type { WorkflowDefinition, WorkflowStep } from './definition';

/** Stand-ins for a real recipient: the shapes of real values, never sent anywhere. */
const SAMPLE_AT = '2026-01-01T00:00:00.000Z';
const SAMPLE_OPT_OUT = { url: `https://example.invalid/u/${'x'.repeat(51)}` };
const SAMPLE_SENDER = { address: 'shop@example.invalid' };
const SAMPLE_ADDRESS = { email: 'customer@example.invalid', sms: '+84900000000' } as const;

/**
 * What is wrong with one step, checked against the template it names: a step whose template
 * is missing, made for another channel or purpose, or that does not render with the step's
 * variables and the shop's settings would be skipped or fail at every send.
 */
export function stepIssues(
  kind: WorkflowDefinition['kind'],
  step: WorkflowStep,
  index: number,
  template: MessageTemplate | undefined,
  settings: ShopSettings,
): FieldIssue[] {
  const at = (field: string) => `steps.${index}.${field}`;
  const issues: FieldIssue[] = [];
  // A win-back message is advertising by nature: it may go only with marketing consent.
  if (kind === 'win_back' && step.purpose !== 'marketing')
    issues.push({ field: at('purpose'), message: 'must be marketing for a win-back step' });
  if (template === undefined)
    return [
      ...issues,
      { field: at('templateId'), message: `names no template: ${step.templateId}` },
    ];
  if (template.channel !== step.channel)
    issues.push({
      field: at('channel'),
      message: `must be ${template.channel}, as template ${template.id} is`,
    });
  if (template.purpose !== step.purpose && !issues.some((issue) => issue.field === at('purpose')))
    issues.push({
      field: at('purpose'),
      message: `must be ${template.purpose}, as template ${template.id} is`,
    });
  if (issues.length > 0) return issues;
  const problem = renderProblem(step, template, settings);
  return problem === undefined ? [] : [{ field: at('variables'), message: problem }];
}

/**
 * Composes the step's message for a sample customer in each language, as the dispatcher would:
 * the first reason it does not render, or undefined. The shop's email sender is stood in for
 * when missing: it is a setting of its own, checked when sending, not a fault of the step.
 */
function renderProblem(
  step: WorkflowStep,
  template: MessageTemplate,
  settings: ShopSettings,
): string | undefined {
  const shop = { ...settings, emailSender: settings.emailSender ?? SAMPLE_SENDER };
  for (const locale of Locale.options) {
    const job = {
      workflow: 'step-check',
      step: step.id,
      customerId: '01JD0000000000000000000000',
      channel: step.channel,
      templateId: step.templateId,
      purpose: step.purpose,
      enrollmentId: 'step-check',
    };
    try {
      const composed = composeMessage({
        job,
        template,
        customer: sampleCustomer(locale),
        to: SAMPLE_ADDRESS[step.channel],
        settings: shop,
        optOut: SAMPLE_OPT_OUT,
        ...(step.variables === undefined ? {} : { variables: step.variables }),
      });
      if (!composed.ok) return `do not make a sendable message (${locale}): ${composed.problem}`;
    } catch (error) {
      return `do not render template ${template.id} (${locale}): ${error instanceof Error ? error.message : 'unknown error'}`;
    }
  }
  return undefined;
}

function sampleCustomer(locale: Locale): Customer {
  return Customer.parse({
    id: '01JD0000000000000000000000',
    email: SAMPLE_ADDRESS.email,
    phone: SAMPLE_ADDRESS.sms,
    locale,
    tags: [],
    source: 'import',
    createdAt: SAMPLE_AT,
    updatedAt: SAMPLE_AT,
    version: 1,
    aggregates: {
      orderCount: 0,
      totalSpent: { amount: 0, currency: 'VND' },
      purchaseDays: 0,
      firstPurchaseDay: null,
      lastPurchaseDay: null,
      lastOrderAt: null,
      gaps: {
        count: 0,
        meanDays: null,
        medianDays: null,
        minDays: null,
        maxDays: null,
        recentDays: [],
      },
    },
    consent: { email: {}, sms: {} },
  });
}
