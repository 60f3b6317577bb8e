import { z } from 'zod';
import { SkipReason } from '../../shared/core/messaging/skip-reason';
import type { Counts } from '../../shared/core/results/tally';

export const CampaignProgress = z.object({
  /** Customers the fan-out made at least one job for. */
  audience: z.number().int(),
  /** Jobs put on the send queue. */
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** Sent or not, nobody can tell (a timeout): never sent again. */
  unknown: z.number().int(),
  skipped: z.record(SkipReason, z.number().int()),
  /** Queued and not yet settled: waiting on the queue, or held past quiet hours. */
  pending: z.number().int(),
  delivered: z.number().int(),
  unsubscribed: z.number().int(),
  /** Customer records the fan-out could not read and skipped (logged by key, for a fix). */
  unreadable: z.number().int(),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

/** The campaign's progress from its tally (a counter not yet written reads as 0). */
export function campaignProgress(counts: Counts): CampaignProgress {
  const count = (name: string) => counts[name] ?? 0;
  const skipped: Partial<Record<SkipReason, number>> = {};
  for (const reason of SkipReason.options) {
    const value = count(`skipped.${reason}`);
    if (value > 0) skipped[reason] = value;
  }
  const skippedTotal = Object.values(skipped).reduce((sum, value) => sum + value, 0);
  const settled = count('sent') + count('failed') + count('unknown') + skippedTotal;
  return {
    audience: count('audience'),
    queued: count('queued'),
    sent: count('sent'),
    failed: count('failed'),
    unknown: count('unknown'),
    skipped: skipped as Record<SkipReason, number>,
    pending: Math.max(0, count('queued') - settled),
    delivered: count('delivered'),
    unsubscribed: count('unsubscribed'),
    unreadable: count('unreadable'),
  };
}
