import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerConsent } from '../../shared/core/consent';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import { WorkflowDefinition } from '../../workflows/definition';
import { enroll } from '../../workflows/enroll';
import { advance, type JourneyFacts } from '../../workflows/engine';
import type { Enrollment } from '../../workflows/enrollment';
import { grantedAtCheckout, withdrawnByLink } from '../helpers/builders';
import { HOUR, T0, customerNo } from './fixtures';

const stepArbitrary = fc.record({
  channel: fc.constantFrom('email' as const, 'sms' as const),
  purpose: fc.constantFrom('marketing' as const, 'transactional' as const),
  waitBefore: fc.record({
    days: fc.integer({ min: 0, max: 5 }),
    hours: fc.integer({ min: 0, max: 23 }),
  }),
});

const definitionArbitrary = fc
  .record({
    steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 4 }),
    holdoutShare: fc.constantFrom(0, 0.5),
  })
  .map(({ steps, holdoutShare }) =>
    WorkflowDefinition.parse({
      id: 'win-back',
      kind: 'win_back',
      enabled: true,
      holdoutShare,
      steps: steps.map((step, index) => ({
        ...step,
        id: `s${index}`,
        templateId: 'win-back-email',
      })),
    }),
  );

const consentArbitrary: fc.Arbitrary<CustomerConsent> = fc.constantFrom<CustomerConsent>(
  { email: { marketing: grantedAtCheckout }, sms: { marketing: grantedAtCheckout } },
  { email: { marketing: grantedAtCheckout }, sms: {} },
  { email: { marketing: withdrawnByLink }, sms: { marketing: grantedAtCheckout } },
);

/** One planner call: how much later than the previous one, and what the customer did meanwhile. */
const callArbitrary = fc.record({
  laterBy: fc.integer({ min: 0, max: 4 * 24 }).map((hours) => hours * HOUR),
  // Orders, unsubscribes and the owner turning the workflow off are rare, so most journeys reach
  // their later steps.
  ordered: rarely(10),
  unsubscribed: rarely(15),
  disabled: rarely(20),
  consent: consentArbitrary,
  replay: fc.boolean(),
});

function rarely(oneIn: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 1, max: oneIn }).map((n) => n === 1);
}

describe('advance', () => {
  describe('over any sequence of calls at non-decreasing times', () => {
    it('emits at most one job per step, with keys unique per enrollment and step, and replays exactly', () => {
      fc.assert(
        fc.property(
          definitionArbitrary,
          fc.integer({ min: 0, max: 500 }),
          fc.array(callArbitrary, { maxLength: 30 }),
          (definition, customer, calls) => {
            const started = enroll(
              definition,
              {
                customerId: customerNo(customer),
                eligibleAt: T0.toISOString(),
                lastEnrollment: null,
              },
              T0,
            );
            if (!started.enrolled) throw new Error(started.reason);
            let stored: Enrollment = started.enrollment;
            let now = T0.getTime();
            const jobs: SendJob[] = [];

            for (const call of calls) {
              now += call.laterBy;
              const facts: JourneyFacts = {
                lastOrderAt: call.ordered ? new Date(now).toISOString() : null,
                consent: call.consent,
                unsubscribed: call.unsubscribed,
              };
              const live = call.disabled ? { ...definition, enabled: false } : definition;
              const result = advance(live, stored, facts, new Date(now));
              // A second planner, or a crashed one running again, with the same input.
              if (call.replay) expect(advance(live, stored, facts, new Date(now))).toEqual(result);

              if (result.next !== stored) {
                expect(result.next.version).toBe(stored.version + 1);
                expect(result.next.stepIndex).toBeGreaterThanOrEqual(stored.stepIndex);
              } else {
                expect(result.sendJob).toBeUndefined();
              }
              if (result.sendJob !== undefined) {
                expect(stored.holdout).toBe(false);
                expect(result.sendJob.step).toBe(definition.steps[stored.stepIndex]?.id);
                jobs.push(result.sendJob);
              }
              stored = result.next;
            }

            const steps = jobs.map((job) => job.step);
            expect(new Set(steps).size).toBe(steps.length);
            const keys = jobs.map((job) => messageKey(job));
            expect(new Set(keys).size).toBe(keys.length);
            if (stored.status === 'active')
              expect(stored.stepIndex).toBeLessThan(definition.steps.length);
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('a consenting customer who never orders', () => {
    it('gets every step exactly once, in order, however late the planner runs', () => {
      const consent: CustomerConsent = {
        email: { marketing: grantedAtCheckout },
        sms: { marketing: grantedAtCheckout },
      };
      fc.assert(
        fc.property(
          definitionArbitrary.map((definition) => ({ ...definition, holdoutShare: 0 })),
          fc.array(
            fc.integer({ min: 0, max: 6 * 24 }).map((hours) => hours * HOUR),
            {
              minLength: 1,
              maxLength: 40,
            },
          ),
          (definition, gaps) => {
            const started = enroll(
              definition,
              { customerId: customerNo(1), eligibleAt: T0.toISOString(), lastEnrollment: null },
              T0,
            );
            if (!started.enrolled) throw new Error(started.reason);
            let stored: Enrollment = started.enrollment;
            let now = T0.getTime();
            const steps: string[] = [];
            const facts: JourneyFacts = { lastOrderAt: null, consent, unsubscribed: false };
            // The given gaps, then daily runs until the longest journey must be over.
            const schedule = [...gaps, ...Array.from({ length: 30 }, () => 24 * HOUR)];
            for (const gap of schedule) {
              now += gap;
              const result = advance(definition, stored, facts, new Date(now));
              if (result.sendJob !== undefined) steps.push(result.sendJob.step);
              stored = result.next;
            }
            expect(stored.status).toBe('completed');
            expect(steps).toEqual(definition.steps.map((step) => step.id));
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
