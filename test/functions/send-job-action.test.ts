import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, sendJobAction } from '../../functions/runtime/send-job-action';
import {
  DispatchConfigurationError,
  DispatchRetryLaterError,
} from '../../shared/core/messaging/dispatch-errors';
import type { DispatchOutcome } from '../../shared/core/messaging/dispatch-outcome';

const now = new Date('2026-11-23T15:00:00.000Z');
const key = 'win-back#enrollment%3AE1#first-nudge#C1#email';
const outcome = (value: DispatchOutcome) => ({ kind: 'outcome' as const, outcome: value });
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
const decide = (result: Parameters<typeof sendJobAction>[0], receiveCount = 1) =>
  sendJobAction(result, { now, receiveCount });

describe('sendJobAction', () => {
  describe('settled outcomes are acknowledged, each under its own metric', () => {
    it.each([
      [outcome({ kind: 'sent', key, providerMessageId: 'P1' }), 'MessagesSent'],
      [outcome({ kind: 'skipped', key, reason: 'no_consent' }), 'MessagesSkipped'],
      [outcome({ kind: 'duplicate', key, status: 'sent' }), 'MessagesDuplicate'],
      [outcome({ kind: 'unknown', key, why: 'timeout' }), 'MessagesUnknown'],
      [outcome({ kind: 'failed', key, providerCode: 'MessageRejected' }), 'MessagesFailed'],
    ])('acks %j as %s', (result, metric) => {
      expect(decide(result)).toEqual({ kind: 'ack', metric });
    });
  });

  describe('a deferral', () => {
    it('goes back on the queue with a delay when due within 15 minutes', () => {
      expect(decide(outcome({ kind: 'deferred', key, until: later(600.2) }))).toEqual({
        kind: 'requeue',
        metric: 'MessagesDeferred',
        delaySeconds: 601,
      });
    });

    it('goes back on the queue at once when its time has already come', () => {
      expect(decide(outcome({ kind: 'deferred', key, until: later(-5) }))).toMatchObject({
        kind: 'requeue',
        delaySeconds: 0,
      });
    });

    it('uses the whole 15 minutes SQS allows, and the store beyond that', () => {
      expect(decide(outcome({ kind: 'deferred', key, until: later(900) }))).toMatchObject({
        kind: 'requeue',
        delaySeconds: 900,
      });
      expect(decide(outcome({ kind: 'deferred', key, until: later(901) }))).toEqual({
        kind: 'store',
        metric: 'MessagesDeferred',
        until: later(901),
      });
    });
  });

  describe('a job that may pass later is left on the queue with back-off', () => {
    it('retries in-progress messages after the first back-off', () => {
      expect(decide(outcome({ kind: 'inProgress', key }))).toEqual({
        kind: 'retry',
        metric: 'MessagesRetried',
        visibilitySeconds: 15,
        reason: 'in-progress',
      });
    });

    it.each(['throttled', 'provider-unavailable', 'contention'] as const)(
      'retries %s with a back-off that grows with the receive count',
      (reason) => {
        const error = new DispatchRetryLaterError(key, reason);
        expect(decide({ kind: 'error', error }, 3)).toMatchObject({
          kind: 'retry',
          visibilitySeconds: 60,
          reason,
        });
      },
    );

    it('retries an error nobody translated (the table unreachable), not dead-lettering it', () => {
      expect(decide({ kind: 'error', error: new Error('socket hang up') })).toMatchObject({
        kind: 'retry',
        reason: 'unexpected-error',
      });
    });
  });

  describe('a job retrying cannot help is dead-lettered at once', () => {
    it('dead-letters a job whose message cannot be built', () => {
      const error = new DispatchConfigurationError(key, 'no template promo');
      expect(decide({ kind: 'error', error })).toEqual({
        kind: 'deadLetter',
        metric: 'MessagesDeadLettered',
        reason: 'configuration',
      });
    });

    it('dead-letters a body that is not a send job', () => {
      expect(decide({ kind: 'invalid', problem: 'channel: invalid' })).toEqual({
        kind: 'deadLetter',
        metric: 'MessagesDeadLettered',
        reason: 'invalid-job',
      });
    });
  });
});

describe('retryDelaySeconds', () => {
  it('doubles from 15 seconds and stops at SQS’s 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(retryDelaySeconds)).toEqual([
      15, 30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });
});
