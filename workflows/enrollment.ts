import { z } from 'zod';
import { CustomerId } from '../shared/core/customer-id';
import { Instant } from '../shared/core/time-zone';
import { WorkflowId } from './definition';

/**
 * `workflow:customer:start`, where start is the moment the customer became eligible written as
 * compact UTC (`20261123T000000000Z`). The same trigger always gives the same id, so a replayed
 * enroll collides with the first one's conditional write instead of starting a second journey.
 * Fits the SendJob id alphabet (`A-Za-z0-9._:-`, at most 128 characters).
 */
export const EnrollmentId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}:[0-9A-HJKMNP-TV-Z]{26}:\d{8}T\d{9}Z$/,
    'is not an enrollment id',
  );
export type EnrollmentId = z.infer<typeof EnrollmentId>;

/** Why a journey ended before its last step. */
export const ExitReason = z.enum([
  'ordered',
  'consent_withdrawn',
  'unsubscribed',
  /** The owner turned the workflow off while the journey was under way. */
  'workflow_disabled',
]);
export type ExitReason = z.infer<typeof ExitReason>;

const common = {
  id: EnrollmentId,
  workflowId: WorkflowId,
  customerId: CustomerId,
  /** When the customer became eligible (for win-back, when they became due); part of the id. */
  startedFrom: Instant,
  enrolledAt: Instant,
  /** In the holdout group: walks the steps, gets no message. Fixed at enrollment. */
  holdout: z.boolean(),
  /** The step to handle next; equals the number of steps once all are handled. */
  stepIndex: z.number().int().min(0),
  /** Bumped on every change; a write is conditional on the version it read. */
  version: z.number().int().min(1),
  /** When the customer first ordered within the workflow's return window; set once. */
  returnedAt: Instant.optional(),
};

/**
 * One customer's journey through one workflow. Only an active enrollment has a `nextAt`: that
 * attribute feeds the sparse due index, so a finished journey leaves the index by losing it.
 */
export const Enrollment = z.discriminatedUnion('status', [
  z.strictObject({ ...common, status: z.literal('active'), nextAt: Instant }),
  z.strictObject({ ...common, status: z.literal('completed'), nextAt: z.null(), endedAt: Instant }),
  z.strictObject({
    ...common,
    status: z.literal('exited'),
    nextAt: z.null(),
    endedAt: Instant,
    exitReason: ExitReason,
  }),
]);
export type Enrollment = z.infer<typeof Enrollment>;
export type ActiveEnrollment = Extract<Enrollment, { status: 'active' }>;

/** The deterministic id for a customer's journey through a workflow, started by one trigger. */
export function enrollmentId(workflowId: string, customerId: string, startedFrom: string): string {
  const compact = new Date(startedFrom).toISOString().replace(/[-:.]/g, '');
  return `${workflowId}:${customerId}:${compact}`;
}
