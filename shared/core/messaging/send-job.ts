import { z } from 'zod';
import { Channel, Purpose } from '../consent';
import { CustomerId } from '../customer-id';
import { JobVariables } from '../templates/template-variables';
import { Instant } from '../time-zone';

const Slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lower-case slug');
const JobId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'is not an id');

const jobFields = {
  /** The workflow definition that asked for the message, e.g. `win-back` or `outage-broadcast`. */
  workflow: Slug,
  step: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a step id'),
  customerId: CustomerId,
  channel: Channel,
  templateId: Slug,
  purpose: Purpose,
  /**
   * Values of this one step or campaign (the offer, a voucher, where to order now), over the
   * shop's own. Not part of the message key: the same message is the same message.
   */
  variables: JobVariables.optional(),
  /**
   * A journey step's enrollment start: the dispatcher skips the message (`already_ordered`) when
   * the customer has ordered at or after this instant. The planner decides on facts read at the
   * start of its run and quiet hours can hold a job for hours, so the order may come after the
   * job was queued; checking at send time costs no read (the profile is read anyway).
   */
  orderedSince: Instant.optional(),
};

/**
 * One message to send, as the planner or a campaign puts it on the queue. It belongs either to a
 * run (a broadcast) or to an enrollment (one customer's journey), never both.
 */
export const SendJob = z.union([
  z.strictObject({ ...jobFields, runId: JobId }),
  z.strictObject({ ...jobFields, enrollmentId: JobId }),
]);
export type SendJob = z.infer<typeof SendJob>;

/**
 * The message's identity: the same workflow, run or enrollment, step, customer and channel always
 * give the same key, so a redelivered job claims the same key and loses. Each part is
 * percent-encoded, so no part can contain the `#` separator and two different jobs never share a
 * key. The table model prefixes it (`MSG#…`); nobody else should build on its shape.
 */
export function messageKey(
  job: Pick<SendJob, 'workflow' | 'step' | 'customerId' | 'channel'> &
    ({ runId: string } | { enrollmentId: string }),
): string {
  const owner = 'runId' in job ? `run:${job.runId}` : `enrollment:${job.enrollmentId}`;
  return [job.workflow, owner, job.step, job.customerId, job.channel]
    .map((part) => encodeURIComponent(part))
    .join('#');
}
