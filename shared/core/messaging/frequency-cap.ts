import { z } from 'zod';
import { Channel } from '../consent';
import { LEGAL_MARKETING_MESSAGES_PER_DAY } from '../settings';
import type { TallyOwner } from '../results/tally';
import { allowed, refused, type Verdict } from './skip-reason';

export const CAP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The workflow or campaign of the customer's latest marketing message, when and on which channel. */
export const LastTouch = z.object({
  owner: z.string().regex(/^(campaign|workflow):[A-Za-z0-9_-]{1,64}$/) as z.ZodType<TallyOwner>,
  at: z.string(),
  channel: Channel,
});
export type LastTouch = z.infer<typeof LastTouch>;

/** One marketing message already sent to the recipient. */
export const MarketingSend = z.object({ at: z.string(), channel: Channel });
export type MarketingSend = z.infer<typeof MarketingSend>;

/**
 * The recipient's marketing sends of the last 24 hours, kept on one item per customer. Every
 * dispatcher reads it, decides with `claimCapSlot`, and writes the returned `next` on condition
 * that `version` is still the one it read (0: the item does not exist yet). That one conditional
 * write enforces both the shop's cap across channels and the legal ceiling per channel: of two
 * dispatchers racing for the same customer, the second write fails, it re-reads, and the cap
 * now refuses. A fixed per-day bucket would let two days' quotas meet around midnight; a log of
 * at most a few entries gives the exact sliding 24 hours.
 */
export const CapWindow = z.object({
  sends: z.array(MarketingSend).max(2 * LEGAL_MARKETING_MESSAGES_PER_DAY),
  version: z.number().int().min(0),
  /**
   * Whose marketing message the customer got last (last touch), written by the same conditional
   * write that takes the place under the cap, so knowing it costs no request. Orders placed
   * within the attribution window after it, and an unsubscribe, are counted to its owner.
   */
  lastTouch: LastTouch.optional(),
});
export type CapWindow = z.infer<typeof CapWindow>;

export interface CapPolicy {
  /** The shop's cap, 1..3 (settings `frequencyCap.marketingMessagesPerDay`). */
  readonly messagesPerDay: number;
  /**
   * True for a workflow the product lets past its own cap (the outage broadcast): the legal
   * ceiling still applies, and its sends still count against the others.
   */
  readonly exempt: boolean;
}

export type CapSkip = 'frequency_cap' | 'legal_ceiling';

function inWindow(sends: readonly MarketingSend[], now: string): MarketingSend[] {
  const since = Date.parse(now) - CAP_WINDOW_MS;
  // A send stamped after `now` (another dispatcher's clock) counts: erring towards fewer messages.
  return sends.filter((send) => Date.parse(send.at) > since);
}

/**
 * Whether one more marketing message on `channel` at `now` stays within the caps, counting the
 * sends in the 24 hours before `now`. The legal ceiling is per channel (three SMS, three emails);
 * the shop's cap counts every channel together and is never taken above the ceiling.
 */
export function capVerdict(
  recent: readonly MarketingSend[],
  channel: Channel,
  now: string,
  policy: CapPolicy,
): Verdict<CapSkip> {
  const sends = inWindow(recent, now);
  const onChannel = sends.filter((send) => send.channel === channel).length;
  if (onChannel >= LEGAL_MARKETING_MESSAGES_PER_DAY) return refused('legal_ceiling');
  const cap = Math.min(policy.messagesPerDay, LEGAL_MARKETING_MESSAGES_PER_DAY);
  if (!policy.exempt && sends.length >= cap) return refused('frequency_cap');
  return allowed;
}

/**
 * The write that claims one message's place under the cap: the window pruned to the last 24
 * hours plus this send, at the next version, with this send as the last touch when its `owner`
 * is known (else the earlier last touch is kept). Write it conditional on `window.version`.
 */
export function claimCapSlot(
  window: CapWindow,
  channel: Channel,
  now: string,
  policy: CapPolicy,
  owner?: TallyOwner,
): { allowed: true; next: CapWindow } | { allowed: false; reason: CapSkip } {
  const verdict = capVerdict(window.sends, channel, now, policy);
  if (!verdict.allowed) return verdict;
  const sends = [...inWindow(window.sends, now), { at: now, channel }];
  const lastTouch = owner === undefined ? window.lastTouch : { owner, at: now, channel };
  return {
    allowed: true,
    next: { sends, version: window.version + 1, ...(lastTouch === undefined ? {} : { lastTouch }) },
  };
}
