import type { Channel } from '../consent';
import {
  CustomerErasedError,
  CustomerNotFoundError,
  InvalidInputError,
  InvalidUnsubscribeLinkError,
} from '../errors';
import type { Clock, CustomerRepository, IdGenerator } from '../ports';
import { recordConsent } from '../record-consent';
import type { Locale } from '../settings';
import { verifyUnsubscribeToken, type UnsubscribeKey } from './unsubscribe-token';

export interface UnsubscribeDeps {
  readonly customers: CustomerRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly unsubscribeKey: UnsubscribeKey;
  /** The shop's language, for the page of a customer who is no longer there. */
  readonly defaultLocale: Locale;
  /**
   * Called once a withdrawal is recorded (never for a repeat), e.g. to count the unsubscribe in
   * the results; the withdrawal stands whatever it does.
   */
  readonly afterWithdrawal?: (customerId: string) => Promise<void>;
}

/** Where the click came from, kept on the consent event as the "from where" of a withdrawal. */
export interface UnsubscribeMeta {
  readonly ip?: string;
  readonly userAgent?: string;
}

/**
 * What the page says. It is the same for a customer who was just unsubscribed, one who already
 * was, and one who was erased or never existed: the answer never tells whether someone is on the
 * list. `recorded` is for logs and tests only, never for the response.
 */
export interface UnsubscribeResult {
  readonly channel: Channel;
  readonly purpose: 'marketing';
  readonly locale: Locale;
  readonly recorded: boolean;
}

/** What a link names, for the confirmation page shown before the click (GET). */
export async function describeUnsubscribeLink(
  deps: Pick<UnsubscribeDeps, 'customers' | 'clock' | 'unsubscribeKey' | 'defaultLocale'>,
  token: string,
): Promise<Omit<UnsubscribeResult, 'recorded'>> {
  const claims = verified(deps, token);
  const customer = await profileOrNothing(deps.customers, claims.customerId);
  return {
    channel: claims.channel,
    purpose: 'marketing',
    locale: customer?.locale ?? deps.defaultLocale,
  };
}

/**
 * The one-click unsubscribe: withdraws marketing consent on the token's channel at once, as a
 * consent event with source `unsubscribe_link` and the request's ip and user agent.
 *
 * Repeats are no-ops: when the customer's marketing consent on that channel is already withdrawn
 * (by this link or in any other way), nothing new is recorded, since the standing withdrawal is
 * the proof. A customer who was erased, is unknown, or no longer has an address on that channel
 * gets the same answer, and nothing is written.
 */
export async function unsubscribe(
  deps: UnsubscribeDeps,
  token: string,
  meta: UnsubscribeMeta,
): Promise<UnsubscribeResult> {
  const claims = verified(deps, token);
  const customer = await profileOrNothing(deps.customers, claims.customerId);
  const result = { channel: claims.channel, purpose: 'marketing' as const };
  if (customer === undefined) return { ...result, locale: deps.defaultLocale, recorded: false };
  const address = claims.channel === 'sms' ? customer.phone : customer.email;
  const current = customer.consent[claims.channel].marketing;
  if (address === undefined || current?.status === 'withdrawn') {
    return { ...result, locale: customer.locale, recorded: false };
  }
  try {
    await recordConsent(deps, claims.customerId, {
      channel: claims.channel,
      purpose: 'marketing',
      action: 'withdrawn',
      source: 'unsubscribe_link',
      ...(meta.ip !== undefined && { ip: meta.ip }),
      ...(meta.userAgent !== undefined && { userAgent: meta.userAgent.slice(0, 512) }),
    });
  } catch (error) {
    // Erased, or the address removed, between our read and the write: nothing left to withdraw.
    if (isGone(error)) return { ...result, locale: customer.locale, recorded: false };
    throw error;
  }
  await deps.afterWithdrawal?.(claims.customerId);
  return { ...result, locale: customer.locale, recorded: true };
}

function verified(deps: Pick<UnsubscribeDeps, 'clock' | 'unsubscribeKey'>, token: string) {
  const verification = verifyUnsubscribeToken(deps.unsubscribeKey, token, deps.clock.now());
  if (!verification.ok) throw new InvalidUnsubscribeLinkError(verification.reason);
  return verification.claims;
}

async function profileOrNothing(customers: CustomerRepository, customerId: string) {
  try {
    return await customers.getProfile(customerId);
  } catch (error) {
    if (error instanceof CustomerErasedError) return undefined;
    throw error;
  }
}

const isGone = (error: unknown) =>
  error instanceof CustomerErasedError ||
  error instanceof CustomerNotFoundError ||
  error instanceof InvalidInputError;
