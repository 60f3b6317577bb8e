import type { Purpose, PurposeConsent } from '../consent';
import { allowed, refused, type Verdict } from './skip-reason';

export interface SendConsent {
  /** The customer's profile consent for the job's channel (`customer.consent[channel]`). */
  readonly profile: PurposeConsent;
  /** The standing of the address itself, whoever holds it; absent when nothing is recorded. */
  readonly address?: PurposeConsent;
}

/**
 * Whether consent allows a message of this purpose on this channel.
 *
 * - Marketing needs the profile's current marketing state to be `granted` (prior, explicit consent:
 *   never asked is no) and the address not to have withdrawn marketing. The address need not have
 *   a grant of its own: grants are recorded on both, but an address may predate the record.
 * - Transactional needs no grant; it stops only if either side withdrew the transactional purpose.
 *
 * A withdrawal on either side wins over any grant, so an opt-out is honoured at once.
 */
export function consentVerdict(
  consent: SendConsent,
  purpose: Purpose,
): Verdict<'no_consent' | 'consent_withdrawn'> {
  const profile = consent.profile[purpose];
  const address = consent.address?.[purpose];
  if (profile?.status === 'withdrawn' || address?.status === 'withdrawn') {
    return refused('consent_withdrawn');
  }
  if (purpose === 'marketing' && profile?.status !== 'granted') return refused('no_consent');
  return allowed;
}
