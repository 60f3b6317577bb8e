import { z } from 'zod';
import { allowed, refused, type Verdict } from './skip-reason';

export const SuppressionReason = z.enum(['bounce', 'complaint', 'opt_out']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/**
 * An address that must not be messaged for any purpose: a permanent bounce or a complaint (from
 * SES events), or a number whose holder refused every message. An ordinary "no more offers" is a
 * consent withdrawal, not a suppression, so order messages still reach that person. A suppression
 * stays until someone removes the record on purpose; it does not expire.
 */
export const Suppression = z.object({
  reason: SuppressionReason,
  at: z.string(),
});
export type Suppression = z.infer<typeof Suppression>;

/** The suppressions of a customer's addresses, by channel. */
export const ChannelSuppression = z.strictObject({
  email: Suppression.optional(),
  sms: Suppression.optional(),
});
export type ChannelSuppression = z.infer<typeof ChannelSuppression>;

export type SuppressionSkip = 'suppressed_bounce' | 'suppressed_complaint' | 'suppressed_opt_out';

const skipFor: Record<SuppressionReason, SuppressionSkip> = {
  bounce: 'suppressed_bounce',
  complaint: 'suppressed_complaint',
  opt_out: 'suppressed_opt_out',
};

/** Marketing and transactional alike stop at a suppressed address. */
export function suppressionVerdict(suppression: Suppression | undefined): Verdict<SuppressionSkip> {
  return suppression === undefined ? allowed : refused(skipFor[suppression.reason]);
}
