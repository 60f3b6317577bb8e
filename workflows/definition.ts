import { z } from 'zod';
import { Channel, Purpose } from '../shared/core/consent';
import { winBackEmail, winBackSms } from '../shared/core/templates/built-in-templates';
import { JobVariables } from '../shared/core/templates/template-variables';

/** A workflow's id: a lower-case slug, the same shape a SendJob's `workflow` accepts. */
export const WorkflowId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lower-case slug');
export type WorkflowId = z.infer<typeof WorkflowId>;

export const WorkflowKind = z.enum(['win_back', 'broadcast', 'promotion']);
export type WorkflowKind = z.infer<typeof WorkflowKind>;

/** Why a journey may end early; the owner picks which apply. */
export const ExitCondition = z.enum([
  'ordered_since_enrollment',
  'consent_withdrawn',
  'unsubscribed',
]);
export type ExitCondition = z.infer<typeof ExitCondition>;

const MAX_WAIT_DAYS = 365;

/**
 * A wait as whole days and hours. A plain object rather than an ISO 8601 duration: nothing to
 * parse, no months of varying length, and an owner's form maps onto it one field to one input.
 * A day is 24 hours; quiet hours are the dispatcher's concern, not the wait's.
 */
export const Wait = z.strictObject({
  days: z.number().int().min(0).max(MAX_WAIT_DAYS).default(0),
  hours: z.number().int().min(0).max(23).default(0),
});
export type Wait = z.infer<typeof Wait>;

const HOUR_MS = 3_600_000;

/** The wait in milliseconds. */
export function waitMillis(wait: Wait): number {
  return (wait.days * 24 + wait.hours) * HOUR_MS;
}

export const WorkflowStep = z.strictObject({
  /** Stable within the definition; part of each message key, so renaming a step re-sends it. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, - or _'),
  channel: Channel,
  templateId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a template id (a lower-case slug)'),
  purpose: Purpose,
  /** How long after the previous step was handled (or after enrollment, for the first step). */
  waitBefore: Wait.default({ days: 0, hours: 0 }),
  /** Values this step's message gets over the shop's own (a voucher code, a link). */
  variables: JobVariables.optional(),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const WorkflowDefinition = z
  .strictObject({
    id: WorkflowId,
    kind: WorkflowKind,
    enabled: z.boolean(),
    steps: z.array(WorkflowStep).min(1).max(10),
    exitOn: z.array(ExitCondition).default([...ExitCondition.options]),
    /** Share of enrollments that get no message, so the shop can measure real lift. */
    holdoutShare: z.number().min(0).max(0.5).default(0.1),
    /** No new enrollment within this many days after the customer's last one ended. */
    coolDownDays: z.number().int().min(0).max(MAX_WAIT_DAYS).default(90),
    /**
     * An order this many days after enrolling counts as a return, messaged or held out alike, so
     * the two groups' return rates can be compared.
     */
    returnWindowDays: z.number().int().min(1).max(MAX_WAIT_DAYS).default(30),
  })
  .superRefine((definition, context) => {
    const seen = new Set<string>();
    definition.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        context.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `repeats step id "${step.id}"; each step needs its own`,
        });
      }
      seen.add(step.id);
    });
    if (new Set(definition.exitOn).size !== definition.exitOn.length) {
      context.addIssue({ code: 'custom', path: ['exitOn'], message: 'names a condition twice' });
    }
  });
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
export type WorkflowDefinitionInput = z.input<typeof WorkflowDefinition>;

/**
 * The journey a new shop starts with: an email as soon as the customer is due, an SMS three days
 * later if they have not ordered, then the journey ends. Any order, withdrawal or unsubscribe
 * ends it at once.
 */
export const defaultWinBack: WorkflowDefinition = WorkflowDefinition.parse({
  id: 'win-back',
  kind: 'win_back',
  enabled: true,
  steps: [
    { id: 'email', channel: 'email', templateId: winBackEmail.id, purpose: 'marketing' },
    {
      id: 'sms',
      channel: 'sms',
      templateId: winBackSms.id,
      purpose: 'marketing',
      waitBefore: { days: 3 },
    },
  ],
});
