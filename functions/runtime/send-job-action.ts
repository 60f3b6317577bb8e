import {
  DispatchConfigurationError,
  DispatchRetryLaterError,
} from '../../shared/core/messaging/dispatch-errors';
import type { DispatchOutcome } from '../../shared/core/messaging/dispatch-outcome';
import { MAX_QUEUE_DELAY_SECONDS } from '../../shared/core/ports';

/** What one send-job record came to: a dispatch outcome, a thrown error, or an unreadable body. */
export type SendJobResult =
  | { readonly kind: 'outcome'; readonly outcome: DispatchOutcome }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'invalid'; readonly problem: string };

/** The metric each action counts under, one per outcome. */
export type SendMetric =
  | 'MessagesSent'
  | 'MessagesSkipped'
  | 'MessagesDuplicate'
  | 'MessagesUnknown'
  | 'MessagesFailed'
  | 'MessagesDeferred'
  | 'MessagesRetried'
  | 'MessagesDeadLettered';

/**
 * What the worker does with the record. `ack`: done. `requeue`: put the same job back with an SQS
 * delay, then done. `store`: keep it in the deferred-job store, then done. `retry`: leave it on
 * the queue (item failure), visible again after `visibilitySeconds`. `deadLetter`: retrying
 * cannot help; move it to the dead-letter queue with the reason.
 */
export type SendJobAction =
  | { readonly kind: 'ack'; readonly metric: SendMetric }
  | { readonly kind: 'requeue'; readonly metric: SendMetric; readonly delaySeconds: number }
  | { readonly kind: 'store'; readonly metric: SendMetric; readonly until: string }
  | {
      readonly kind: 'retry';
      readonly metric: SendMetric;
      readonly visibilitySeconds: number;
      readonly reason: string;
    }
  | { readonly kind: 'deadLetter'; readonly metric: SendMetric; readonly reason: string };

/** The first back-off; it doubles with every receive, up to SQS's 15 minutes. */
export const FIRST_RETRY_SECONDS = 15;

/** Exponential in the receive count: 15 s, 30 s, 1 min, … capped at 15 minutes. */
export function retryDelaySeconds(receiveCount: number): number {
  const exponent = Math.max(0, Math.min(receiveCount - 1, 10));
  return Math.min(MAX_QUEUE_DELAY_SECONDS, FIRST_RETRY_SECONDS * 2 ** exponent);
}

/**
 * Decides ack, delay, retry or dead-letter for one record; pure, so every branch is tested
 * without a queue. A deferral within SQS's 15-minute delay goes back on the queue; a longer one
 * goes to the deferred-job store. Contention, throttling, a provider outage and any error nobody
 * translated are retried with back-off (after maxReceiveCount SQS dead-letters them itself); a job
 * that cannot be built or read is dead-lettered at once.
 */
export function sendJobAction(
  result: SendJobResult,
  context: { readonly now: Date; readonly receiveCount: number },
): SendJobAction {
  const retry = (reason: string): SendJobAction => ({
    kind: 'retry',
    metric: 'MessagesRetried',
    visibilitySeconds: retryDelaySeconds(context.receiveCount),
    reason,
  });
  switch (result.kind) {
    case 'invalid':
      return { kind: 'deadLetter', metric: 'MessagesDeadLettered', reason: 'invalid-job' };
    case 'error':
      if (result.error instanceof DispatchConfigurationError)
        return { kind: 'deadLetter', metric: 'MessagesDeadLettered', reason: 'configuration' };
      if (result.error instanceof DispatchRetryLaterError) return retry(result.error.reason);
      return retry('unexpected-error');
    case 'outcome':
      break;
  }
  const { outcome } = result;
  switch (outcome.kind) {
    case 'sent':
      return { kind: 'ack', metric: 'MessagesSent' };
    case 'skipped':
      return { kind: 'ack', metric: 'MessagesSkipped' };
    case 'duplicate':
      return { kind: 'ack', metric: 'MessagesDuplicate' };
    case 'unknown':
      return { kind: 'ack', metric: 'MessagesUnknown' };
    case 'failed':
      return { kind: 'ack', metric: 'MessagesFailed' };
    case 'inProgress':
      return retry('in-progress');
    case 'deferred': {
      const seconds = Math.ceil((Date.parse(outcome.until) - context.now.getTime()) / 1000);
      return seconds <= MAX_QUEUE_DELAY_SECONDS
        ? { kind: 'requeue', metric: 'MessagesDeferred', delaySeconds: Math.max(0, seconds) }
        : { kind: 'store', metric: 'MessagesDeferred', until: outcome.until };
    }
  }
}
