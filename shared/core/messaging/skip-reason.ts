import { z } from 'zod';

/** Why a send job did not produce a message; recorded with the job so the owner can see it. */
export const SkipReason = z.enum([
  /** Marketing without a current grant for the channel (never asked counts as no). */
  'no_consent',
  /** The profile or the address withdrew the purpose on this channel. */
  'consent_withdrawn',
  'suppressed_bounce',
  'suppressed_complaint',
  'suppressed_opt_out',
  /** The shop's (product) cap: by default one marketing message per recipient per 24 hours. */
  'frequency_cap',
  /** Decree 91/2020: three advertising SMS per number, three advertising emails per address. */
  'legal_ceiling',
  /** The owner cancelled the broadcast or promotion before this message went out. */
  'campaign_cancelled',
  /**
   * A journey step (win-back) whose customer ordered since enrolling: the journey's point is
   * moot, and the order may have come after the step was queued (or while quiet hours held it).
   */
  'already_ordered',
]);
export type SkipReason = z.infer<typeof SkipReason>;

/** One policy's answer: go on, or stop with a reason. */
export type Verdict<Reason extends SkipReason = SkipReason> =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: Reason };

export const allowed = { allowed: true } as const;

export function refused<Reason extends SkipReason>(reason: Reason): Verdict<Reason> {
  return { allowed: false, reason };
}
