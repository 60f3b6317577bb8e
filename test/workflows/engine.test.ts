import { describe, expect, it } from 'vitest';
import { SendJob, messageKey } from '../../shared/core/messaging/send-job';
import {
  WorkflowDefinition,
  defaultWinBack,
  type WorkflowDefinition as Definition,
} from '../../workflows/definition';
import { enroll, type EnrollCandidate } from '../../workflows/enroll';
import { advance, exitEnrollment, type JourneyFacts } from '../../workflows/engine';
import { Enrollment, EnrollmentId, type ActiveEnrollment } from '../../workflows/enrollment';
import { DAY, HOUR, T0, at, heldOut, messaged, quietCustomer, smsWithdrawn } from './fixtures';

const dueAt = '2026-11-22T17:00:00.000Z';

function candidate(customerId: string, overrides: Partial<EnrollCandidate> = {}): EnrollCandidate {
  return { customerId, eligibleAt: dueAt, lastEnrollment: null, ...overrides };
}

function enrolled(
  customerId = messaged,
  definition: Definition = defaultWinBack,
): ActiveEnrollment {
  const result = enroll(definition, candidate(customerId), T0);
  if (!result.enrolled) throw new Error(`not enrolled: ${result.reason}`);
  return result.enrollment;
}

describe('enroll', () => {
  describe('a due customer', () => {
    it('starts an active journey whose first step is due now', () => {
      const enrollment = enrolled();
      expect(Enrollment.parse(enrollment)).toEqual(enrollment);
      expect(enrollment).toMatchObject({
        workflowId: 'win-back',
        customerId: messaged,
        status: 'active',
        stepIndex: 0,
        version: 1,
        holdout: false,
        enrolledAt: T0.toISOString(),
        nextAt: T0.toISOString(),
        startedFrom: dueAt,
      });
    });

    it('gives the same id when the same trigger is enrolled again later', () => {
      const first = enroll(defaultWinBack, candidate(messaged), T0);
      const replay = enroll(defaultWinBack, candidate(messaged), at(HOUR));
      expect(
        first.enrolled && replay.enrolled && first.enrollment.id === replay.enrollment.id,
      ).toBe(true);
      expect(first.enrolled && EnrollmentId.safeParse(first.enrollment.id).success).toBe(true);
    });

    it('stores the holdout flag from the stable hash', () => {
      expect(enrolled(heldOut).holdout).toBe(true);
    });
  });

  describe('refusals', () => {
    it('refuses when the workflow is off', () => {
      const off = { ...defaultWinBack, enabled: false };
      expect(enroll(off, candidate(messaged), T0)).toEqual({ enrolled: false, reason: 'disabled' });
    });

    it('refuses a customer who is not due, or not due yet', () => {
      expect(enroll(defaultWinBack, candidate(messaged, { eligibleAt: null }), T0)).toEqual({
        enrolled: false,
        reason: 'not_eligible',
      });
      const tomorrow = at(DAY).toISOString();
      expect(enroll(defaultWinBack, candidate(messaged, { eligibleAt: tomorrow }), T0)).toEqual({
        enrolled: false,
        reason: 'not_eligible',
      });
    });

    it('refuses a customer already under way, and the same trigger once finished', () => {
      const active = enrolled();
      expect(enroll(defaultWinBack, candidate(messaged, { lastEnrollment: active }), T0)).toEqual({
        enrolled: false,
        reason: 'already_enrolled',
      });
      const done = exitEnrollment(active, 'ordered', T0);
      const later = at(200 * DAY);
      expect(enroll(defaultWinBack, candidate(messaged, { lastEnrollment: done }), later)).toEqual({
        enrolled: false,
        reason: 'already_enrolled',
      });
    });
  });

  describe('cool-down', () => {
    const ended = exitEnrollment(enrolled(), 'ordered', at(2 * DAY));
    const dueAgain = at(30 * DAY).toISOString();

    it('refuses re-enrollment within 90 days of the last journey ending, saying until when', () => {
      const result = enroll(
        defaultWinBack,
        candidate(messaged, { eligibleAt: dueAgain, lastEnrollment: ended }),
        at(91 * DAY),
      );
      expect(result).toEqual({
        enrolled: false,
        reason: 'cooling_down',
        until: at(92 * DAY).toISOString(),
      });
    });

    it('allows it once 90 days have passed', () => {
      const result = enroll(
        defaultWinBack,
        candidate(messaged, { eligibleAt: dueAgain, lastEnrollment: ended }),
        at(92 * DAY),
      );
      expect(result.enrolled).toBe(true);
    });
  });
});

describe('advance', () => {
  describe('the default journey over simulated time', () => {
    it('emails at t0, texts at t0+3d, then completes', () => {
      const start = enrolled();
      const first = advance(defaultWinBack, start, quietCustomer, T0);
      expect(first.outcome).toBe('queued');
      expect(first.sendJob).toEqual({
        workflow: 'win-back',
        step: 'email',
        customerId: messaged,
        channel: 'email',
        templateId: 'win-back-email',
        purpose: 'marketing',
        enrollmentId: start.id,
        // The dispatcher skips the message if the customer orders before it goes out.
        orderedSince: start.enrolledAt,
      });
      expect(SendJob.parse(first.sendJob)).toEqual(first.sendJob);
      expect(first.next).toMatchObject({
        stepIndex: 1,
        version: 2,
        nextAt: at(3 * DAY).toISOString(),
      });

      const early = advance(defaultWinBack, first.next, quietCustomer, at(3 * DAY - 1));
      expect(early).toEqual({ next: first.next, sendJob: undefined, outcome: 'not_due' });

      const second = advance(defaultWinBack, first.next, quietCustomer, at(3 * DAY));
      expect(second.sendJob).toMatchObject({
        step: 'sms',
        channel: 'sms',
        templateId: 'win-back-sms',
      });
      expect(second.next).toEqual({
        ...first.next,
        stepIndex: 2,
        version: 3,
        status: 'completed',
        nextAt: null,
        endedAt: at(3 * DAY).toISOString(),
      });
      expect(Enrollment.parse(second.next)).toEqual(second.next);

      const after = advance(defaultWinBack, second.next, quietCustomer, at(10 * DAY));
      expect(after).toEqual({ next: second.next, sendJob: undefined, outcome: 'finished' });
    });

    it('counts the next wait from when the step was handled, after a missed planner run', () => {
      const late = advance(defaultWinBack, enrolled(), quietCustomer, at(DAY));
      expect(late.next.nextAt).toBe(at(4 * DAY).toISOString());
    });
  });

  describe('exits', () => {
    const afterEmail = advance(defaultWinBack, enrolled(), quietCustomer, T0).next;

    it('exits on an order between steps, without the SMS', () => {
      const ordered: JourneyFacts = { ...quietCustomer, lastOrderAt: at(DAY).toISOString() };
      const result = advance(defaultWinBack, afterEmail, ordered, at(3 * DAY));
      expect(result.sendJob).toBeUndefined();
      expect(result.outcome).toBe('exited');
      expect(result.next).toMatchObject({ status: 'exited', exitReason: 'ordered', nextAt: null });
    });

    it('exits when the customer unsubscribed', () => {
      const result = advance(
        defaultWinBack,
        afterEmail,
        { ...quietCustomer, unsubscribed: true },
        at(3 * DAY),
      );
      expect(result.next).toMatchObject({ status: 'exited', exitReason: 'unsubscribed' });
    });

    it("exits when consent for the step's channel was withdrawn", () => {
      const facts = { ...quietCustomer, consent: smsWithdrawn };
      const result = advance(defaultWinBack, afterEmail, facts, at(3 * DAY));
      expect(result.sendJob).toBeUndefined();
      expect(result.next).toMatchObject({ status: 'exited', exitReason: 'consent_withdrawn' });
    });

    it('passes the step without a message when it does not exit on withdrawal', () => {
      const definition = WorkflowDefinition.parse({
        ...defaultWinBack,
        exitOn: ['ordered_since_enrollment'],
      });
      const facts = { ...quietCustomer, consent: smsWithdrawn };
      const result = advance(definition, afterEmail, facts, at(3 * DAY));
      expect(result).toMatchObject({ sendJob: undefined, outcome: 'consent_withdrawn' });
      expect(result.next.status).toBe('completed');
    });

    describe('a withdrawal on another channel', () => {
      const emailWithdrawn = (at: Date, source: 'unsubscribe_link' | 'owner') => ({
        ...quietCustomer,
        consent: {
          ...quietCustomer.consent,
          email: { marketing: { status: 'withdrawn' as const, at: at.toISOString(), source } },
        },
      });

      it('ends the journey when the email link was used after enrolling: no SMS on day 3', () => {
        const facts = emailWithdrawn(at(HOUR), 'unsubscribe_link');
        const result = advance(defaultWinBack, afterEmail, facts, at(3 * DAY));
        expect(result.sendJob).toBeUndefined();
        expect(result.next).toMatchObject({ status: 'exited', exitReason: 'unsubscribed' });
      });

      it('exits on either condition the owner chose', () => {
        const onlyWithdrawal = WorkflowDefinition.parse({
          ...defaultWinBack,
          exitOn: ['consent_withdrawn'],
        });
        const byLink = emailWithdrawn(at(HOUR), 'unsubscribe_link');
        expect(advance(onlyWithdrawal, afterEmail, byLink, at(3 * DAY)).next).toMatchObject({
          exitReason: 'consent_withdrawn',
        });
        const byOwner = emailWithdrawn(at(HOUR), 'owner');
        expect(advance(defaultWinBack, afterEmail, byOwner, at(3 * DAY)).next).toMatchObject({
          exitReason: 'consent_withdrawn',
        });
      });

      it('does not end it for a withdrawal older than the journey', () => {
        const facts = emailWithdrawn(new Date(T0.getTime() - DAY), 'unsubscribe_link');
        const result = advance(defaultWinBack, afterEmail, facts, at(3 * DAY));
        expect(result).toMatchObject({ outcome: 'queued', sendJob: { channel: 'sms' } });
      });
    });

    it('passes a step the customer never consented to, without a message', () => {
      const facts = { ...quietCustomer, consent: { ...quietCustomer.consent, sms: {} } };
      const result = advance(defaultWinBack, afterEmail, facts, at(3 * DAY));
      expect(result).toMatchObject({ sendJob: undefined, outcome: 'no_consent' });
    });

    it('exits when the owner turned the workflow off', () => {
      const off = { ...defaultWinBack, enabled: false };
      const result = advance(off, afterEmail, quietCustomer, at(3 * DAY));
      expect(result.next).toMatchObject({ status: 'exited', exitReason: 'workflow_disabled' });
    });

    it('ends a journey at once for the order stream, and leaves a finished one alone', () => {
      const exited = exitEnrollment(afterEmail, 'ordered', at(DAY));
      expect(exited).toMatchObject({
        status: 'exited',
        version: 3,
        endedAt: at(DAY).toISOString(),
      });
      expect(exitEnrollment(exited, 'unsubscribed', at(2 * DAY))).toBe(exited);
    });

    it('completes a journey whose remaining steps the owner removed', () => {
      const shorter = { ...defaultWinBack, steps: defaultWinBack.steps.slice(0, 1) };
      const result = advance(shorter, afterEmail, quietCustomer, at(3 * DAY));
      expect(result).toMatchObject({ sendJob: undefined, outcome: 'completed' });
      expect(result.next.status).toBe('completed');
    });
  });

  describe('holdout', () => {
    it('walks every step at the same times without emitting a job', () => {
      const start = enrolled(heldOut);
      const first = advance(defaultWinBack, start, quietCustomer, T0);
      expect(first).toMatchObject({ sendJob: undefined, outcome: 'held_out' });
      expect(first.next.nextAt).toBe(at(3 * DAY).toISOString());
      const second = advance(defaultWinBack, first.next, quietCustomer, at(3 * DAY));
      expect(second).toMatchObject({ sendJob: undefined, outcome: 'held_out' });
      expect(second.next.status).toBe('completed');
    });

    it('exits on an order like the messaged group, so return rates compare', () => {
      const ordered: JourneyFacts = { ...quietCustomer, lastOrderAt: at(HOUR).toISOString() };
      const first = advance(defaultWinBack, enrolled(heldOut), quietCustomer, T0);
      const result = advance(defaultWinBack, first.next, ordered, at(3 * DAY));
      expect(result.next).toMatchObject({ status: 'exited', exitReason: 'ordered' });
    });
  });

  describe('determinism', () => {
    it('gives the same result, and the same message key, for a replayed input', () => {
      const start = enrolled();
      const once = advance(defaultWinBack, start, quietCustomer, T0);
      const again = advance(defaultWinBack, start, quietCustomer, T0);
      expect(again).toEqual(once);
      expect(once.sendJob).toBeDefined();
      const keys = [once, again].map((result) => result.sendJob && messageKey(result.sendJob));
      expect(keys[1]).toBe(keys[0]);
    });
  });
});
