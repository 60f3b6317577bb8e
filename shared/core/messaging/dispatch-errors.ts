import { RegularsError } from '../errors';

/** Why a dispatch gave the job back to the queue. */
export type RetryLaterReason = 'throttled' | 'provider-unavailable' | 'contention';

/**
 * Nothing was sent and the message is claimable again: leave the job on the queue (do not
 * acknowledge it) so it is delivered again after the visibility timeout, with back-off.
 */
export class DispatchRetryLaterError extends RegularsError {
  readonly code = 'dispatch-retry-later';
  constructor(
    readonly messageKey: string,
    readonly reason: RetryLaterReason,
    options?: ErrorOptions,
  ) {
    super(`Message ${messageKey} was not sent (${reason}); retry later`, options);
  }
}

/**
 * The shop or the template cannot produce this message (no template, no email sender, a
 * marketing text without its label or opt-out). Retrying will not help: dead-letter the job.
 */
export class DispatchConfigurationError extends RegularsError {
  readonly code = 'dispatch-configuration';
  constructor(
    readonly messageKey: string,
    readonly problem: string,
    options?: ErrorOptions,
  ) {
    super(`Message ${messageKey} cannot be sent: ${problem}`, options);
  }
}
