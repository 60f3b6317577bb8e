import type { Channel, Purpose } from '../consent';
import type { TimeZone } from '../time-zone';
import { capVerdict, type CapPolicy, type MarketingSend } from './frequency-cap';
import { quietHoursVerdict, windowFor, type SendingWindows } from './quiet-hours';
import { consentVerdict, type SendConsent } from './send-consent';
import type { SkipReason } from './skip-reason';
import { suppressionVerdict, type Suppression } from './suppression';

export type SendDecision =
  | { readonly kind: 'send' }
  | { readonly kind: 'skip'; readonly reason: SkipReason }
  /** Not now: store the job with its due time and decide again then (nothing is dropped). */
  | { readonly kind: 'defer'; readonly until: string };

export interface SendContext {
  readonly purpose: Purpose;
  readonly channel: Channel;
  readonly consent: SendConsent;
  /** The suppression record of the address this job would go to, if any. */
  readonly suppression?: Suppression;
  /** The recipient's marketing sends of the last 24 hours (older ones are ignored). */
  readonly recentMarketing: readonly MarketingSend[];
  readonly cap: CapPolicy;
  /** The recipient's zone: see `recipientTimeZone`. */
  readonly timeZone: TimeZone;
  readonly sendingWindows?: SendingWindows;
  readonly now: string;
  /** A number in [0, 1) for the deferral jitter. */
  readonly random: () => number;
  readonly jitterMs?: number;
}

/**
 * Whether a message goes now, later or not at all, checked in design.md's order: consent,
 * suppression, frequency cap, quiet hours. A transactional message (the customer's own order)
 * stops only at a withdrawal of the transactional purpose or at suppression; it is neither capped
 * nor held for quiet hours. A capped marketing message is skipped, not deferred: the cap is
 * checked again whenever a deferred job comes due.
 *
 * A `send` is still subject to the cap's conditional write (`claimCapSlot`): the decision is made
 * on what the dispatcher read, and a racing dispatcher may have claimed the place since.
 */
export function decideSend(context: SendContext): SendDecision {
  const checks = [
    consentVerdict(context.consent, context.purpose),
    suppressionVerdict(context.suppression),
  ];
  for (const verdict of checks) {
    if (!verdict.allowed) return { kind: 'skip', reason: verdict.reason };
  }
  if (context.purpose === 'transactional') return { kind: 'send' };

  const cap = capVerdict(context.recentMarketing, context.channel, context.now, context.cap);
  if (!cap.allowed) return { kind: 'skip', reason: cap.reason };

  const quiet = quietHoursVerdict({
    now: context.now,
    timeZone: context.timeZone,
    window: windowFor(context.channel, context.sendingWindows),
    random: context.random,
    ...(context.jitterMs === undefined ? {} : { jitterMs: context.jitterMs }),
  });
  return quiet.sendNow ? { kind: 'send' } : { kind: 'defer', until: quiet.until };
}
