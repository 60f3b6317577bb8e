import { z } from 'zod';
import { Money, type CurrencyCode } from '../money';
import type { Counts } from './tally';

const Count = z.number().int().min(0);

/** What became of the messages of one workflow or campaign, from its counters. */
export const MessageResults = z.object({
  sent: Count,
  /** Accepted by the recipient's mail server (SES Delivery events; email in AWS only). */
  delivered: Count,
  failed: Count,
  /** May or may not have gone out; never resent (GET /messages?status=unknown lists them). */
  unknown: Count,
  skipped: z.record(z.string(), Count).meta({
    description: 'Messages not sent, by reason (consent_withdrawn, frequency_cap, …).',
  }),
  /** Customers who withdrew through this owner's message's unsubscribe link. */
  unsubscribed: Count,
  /** Orders placed within the attribution window after this owner's last message (last touch). */
  attributedOrders: Count,
  attributedRevenue: Money,
});
export type MessageResults = z.infer<typeof MessageResults>;

export const CampaignResults = MessageResults.extend({
  campaignId: z.string(),
  /** Send jobs put on the queue by the fan-out so far. */
  queued: Count,
  /** Queued jobs not yet settled (sent, failed, unknown or skipped): the broadcast's progress. */
  pending: Count,
});
export type CampaignResults = z.infer<typeof CampaignResults>;

export const GroupResults = z.object({
  enrolled: Count,
  /** Enrolled customers who ordered within the workflow's return window. */
  returned: Count,
  /** returned / enrolled; null while nobody is enrolled in the group. */
  returnRate: z.number().min(0).max(1).nullable(),
});
export type GroupResults = z.infer<typeof GroupResults>;

export const WorkflowResults = MessageResults.extend({
  workflowId: z.string(),
  /** Customers who got the messages. */
  messaged: GroupResults,
  /** Customers kept out at random, to show what would have happened without the messages. */
  holdout: GroupResults,
  /** The messaged return rate minus the holdout's; null until both groups have someone. */
  lift: z.number().min(-1).max(1).nullable(),
  exited: z.record(z.string(), Count),
  completed: Count,
});
export type WorkflowResults = z.infer<typeof WorkflowResults>;

const count = (counts: Counts, name: string) => counts[name] ?? 0;

/** Counters named `<prefix>.<key>`, by key, e.g. `skipped.frequency_cap` → `frequency_cap`. */
function byPrefix(counts: Counts, prefix: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([name, value]) => name.startsWith(`${prefix}.`) && value !== 0)
      .map(([name, value]) => [name.slice(prefix.length + 1), value]),
  );
}

export function messageResults(counts: Counts, currency: CurrencyCode): MessageResults {
  return {
    sent: count(counts, 'sent'),
    delivered: count(counts, 'delivered'),
    failed: count(counts, 'failed'),
    unknown: count(counts, 'unknown'),
    skipped: byPrefix(counts, 'skipped'),
    unsubscribed: count(counts, 'unsubscribed'),
    attributedOrders: count(counts, 'attributedOrders'),
    attributedRevenue: { amount: count(counts, 'attributedRevenue'), currency },
  };
}

export function campaignResults(
  campaignId: string,
  counts: Counts,
  currency: CurrencyCode,
): CampaignResults {
  const messages = messageResults(counts, currency);
  const skipped = Object.values(messages.skipped).reduce((sum, value) => sum + value, 0);
  const settled = messages.sent + messages.failed + messages.unknown + skipped;
  const queued = count(counts, 'queued');
  return { campaignId, ...messages, queued, pending: Math.max(0, queued - settled) };
}

function group(counts: Counts, name: 'messaged' | 'holdout'): GroupResults {
  const enrolled = count(counts, `enrolled.${name}`);
  const returned = count(counts, `returned.${name}`);
  return { enrolled, returned, returnRate: enrolled === 0 ? null : returned / enrolled };
}

export function workflowResults(
  workflowId: string,
  counts: Counts,
  currency: CurrencyCode,
): WorkflowResults {
  const messaged = group(counts, 'messaged');
  const holdout = group(counts, 'holdout');
  const lift =
    messaged.returnRate === null || holdout.returnRate === null
      ? null
      : messaged.returnRate - holdout.returnRate;
  return {
    workflowId,
    ...messageResults(counts, currency),
    messaged,
    holdout,
    lift,
    exited: byPrefix(counts, 'exited'),
    completed: count(counts, 'completed'),
  };
}

export const CampaignResultsPath = z.strictObject({
  campaignId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a campaign id'),
});
