import type { Channel } from '../consent';
import { RegularsError } from '../errors';
import type { MessageClaim, MessageRecord } from './ledger';

/**
 * What went wrong calling an email or SMS provider, in the three cases the dispatcher treats
 * differently. `providerCode` is the provider's own name for the failure, kept for the record.
 */
export abstract class ProviderSendError extends RegularsError {
  constructor(
    readonly channel: Channel,
    readonly providerCode: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The provider asked us to slow down. Nothing was sent; keep the job and retry later. */
export class ProviderThrottledError extends ProviderSendError {
  readonly code = 'provider-throttled';
  constructor(channel: Channel, providerCode: string, options?: ErrorOptions) {
    super(
      channel,
      providerCode,
      `The ${channel} provider is throttling (${providerCode})`,
      options,
    );
  }
}

/**
 * A definite failure: the provider refused the message, or it was never reached, so nothing was
 * sent. `retryable` is false when the same message would be refused again (a malformed or
 * rejected message, an opted-out number) and true when it may succeed later (sending paused, the
 * endpoint unreachable).
 */
export class ProviderRejectedError extends ProviderSendError {
  readonly code = 'provider-rejected';
  constructor(
    channel: Channel,
    providerCode: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(
      channel,
      providerCode,
      `The ${channel} provider refused the message (${providerCode})`,
      options,
    );
  }
}

/**
 * The request may have reached the provider and been accepted (timeout, connection lost, a
 * server error): sending again could deliver twice, so the message is marked `unknown`.
 */
export class ProviderOutcomeUnknownError extends ProviderSendError {
  readonly code = 'provider-outcome-unknown';
  constructor(channel: Channel, providerCode: string, options?: ErrorOptions) {
    super(
      channel,
      providerCode,
      `The ${channel} provider may or may not have accepted the message (${providerCode})`,
      options,
    );
  }
}

/** The attempt no longer holds the message: another attempt settled or re-claimed it. */
export class ClaimLostError extends RegularsError {
  readonly code = 'message-claim-lost';
  constructor(
    readonly claim: MessageClaim,
    /** The record as it stood when the write was refused, if any. */
    readonly current: MessageRecord | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `Attempt ${claim.attempt} no longer holds message ${claim.key}` +
        (current === undefined ? '' : ` (it is ${current.status}, attempt ${current.attempts})`),
      options,
    );
  }
}

/**
 * Nothing is recorded under this message key: never sent, or queued or deferred past quiet hours
 * and not handled yet (the ledger records a message once the worker handles it).
 */
export class MessageNotFoundError extends RegularsError {
  readonly code = 'message-not-found';
  constructor(readonly messageKey: string) {
    super(
      'Nothing is recorded for this message yet; a queued or deferred one appears once handled.',
    );
  }
}
