import { Channel, type CustomerConsent } from '../shared/core/consent';
import { consentVerdict } from '../shared/core/messaging/send-consent';
import type { SendJob } from '../shared/core/messaging/send-job';
import { waitMillis, type WorkflowDefinition } from './definition';
import { type ActiveEnrollment, type Enrollment, type ExitReason } from './enrollment';

/** What the caller knows about the customer when a step falls due. */
export interface JourneyFacts {
  /** The customer's latest order, or null if they have none. */
  readonly lastOrderAt: string | null;
  /** The profile's current consent, per channel and purpose. */
  readonly consent: CustomerConsent;
  /**
   * Some address of the customer is suppressed by their own refusal (an opt-out, a complaint).
   * An unsubscribe link records a consent withdrawal instead, which `consent` carries.
   */
  readonly unsubscribed: boolean;
}

/**
 * What happened. `not_due` and `finished` leave the enrollment as it was (nothing to write);
 * `queued`, `held_out`, `no_consent` and `consent_withdrawn` say how a due step was handled
 * (the last two: passed without a message because consent is missing or withdrawn and the
 * definition does not exit on it); `exited` and `completed` end the journey.
 */
export type AdvanceOutcome =
  | 'not_due'
  | 'finished'
  | 'queued'
  | 'held_out'
  | 'no_consent'
  | 'consent_withdrawn'
  | 'exited'
  | 'completed';

export interface AdvanceResult {
  readonly next: Enrollment;
  readonly sendJob: SendJob | undefined;
  readonly outcome: AdvanceOutcome;
}

/**
 * One step of a journey, performing nothing: exits first (the owner turned the workflow off, an
 * order, an unsubscribe or marketing withdrawal on any channel since enrolling, a withdrawal for
 * the step's channel and purpose), then the due step
 * yields at most one send job and the next step is scheduled after its wait, counted from `now`
 * so messages keep their spacing even after a missed planner run. A holdout enrollment walks the
 * same steps and exits without any job. The same inputs always give the same result; the
 * runner saves `next` on condition of the version it read.
 */
export function advance(
  definition: WorkflowDefinition,
  enrollment: Enrollment,
  facts: JourneyFacts,
  now: Date,
): AdvanceResult {
  if (enrollment.status !== 'active') return unchanged(enrollment, 'finished');
  if (now.getTime() < Date.parse(enrollment.nextAt)) return unchanged(enrollment, 'not_due');

  const exits = new Set(definition.exitOn);
  const exit = (reason: ExitReason): AdvanceResult => ({
    next: exitEnrollment(enrollment, reason, now),
    sendJob: undefined,
    outcome: 'exited',
  });
  if (!definition.enabled) return exit('workflow_disabled');
  if (exits.has('ordered_since_enrollment') && orderedSince(facts, enrollment.enrolledAt)) {
    return exit('ordered');
  }
  const refusal = refusalSince(facts, enrollment.enrolledAt);
  if (refusal !== undefined) {
    // Either condition stands for "the customer said stop": exit under the more precise one the
    // owner chose.
    if (exits.has(refusal)) return exit(refusal);
    const other = refusal === 'unsubscribed' ? 'consent_withdrawn' : 'unsubscribed';
    if (exits.has(other)) return exit(other);
  }

  const step = definition.steps[enrollment.stepIndex];
  // The owner removed steps since this journey began: nothing is left to do.
  if (step === undefined)
    return { next: complete(enrollment, now), sendJob: undefined, outcome: 'completed' };

  const verdict = consentVerdict({ profile: facts.consent[step.channel] }, step.purpose);
  if (
    !verdict.allowed &&
    verdict.reason === 'consent_withdrawn' &&
    exits.has('consent_withdrawn')
  ) {
    return exit('consent_withdrawn');
  }

  let sendJob: SendJob | undefined;
  let outcome: AdvanceOutcome;
  if (enrollment.holdout) outcome = 'held_out';
  else if (!verdict.allowed) outcome = verdict.reason;
  else {
    outcome = 'queued';
    sendJob = {
      workflow: definition.id,
      step: step.id,
      customerId: enrollment.customerId,
      channel: step.channel,
      templateId: step.templateId,
      purpose: step.purpose,
      enrollmentId: enrollment.id,
      // The dispatcher drops the message if the customer orders before it goes out.
      orderedSince: enrollment.enrolledAt,
      ...(step.variables !== undefined && { variables: step.variables }),
    };
  }

  const stepIndex = enrollment.stepIndex + 1;
  const following = definition.steps[stepIndex];
  const next: Enrollment =
    following === undefined
      ? complete({ ...enrollment, stepIndex }, now)
      : {
          ...enrollment,
          stepIndex,
          version: enrollment.version + 1,
          nextAt: new Date(now.getTime() + waitMillis(following.waitBefore)).toISOString(),
        };
  return { next, sendJob, outcome };
}

/**
 * Ends an active journey with a reason; a finished one is returned as it is. For the order write
 * (or its stream), which ends the journey at once rather than at the next step.
 */
export function exitEnrollment(enrollment: Enrollment, reason: ExitReason, now: Date): Enrollment {
  if (enrollment.status !== 'active') return enrollment;
  return {
    ...enrollment,
    version: enrollment.version + 1,
    status: 'exited',
    nextAt: null,
    endedAt: now.toISOString(),
    exitReason: reason,
  };
}

function complete(enrollment: ActiveEnrollment, now: Date): Enrollment {
  return {
    ...enrollment,
    version: enrollment.version + 1,
    status: 'completed',
    nextAt: null,
    endedAt: now.toISOString(),
  };
}

function orderedSince(facts: JourneyFacts, enrolledAt: string): boolean {
  return facts.lastOrderAt !== null && Date.parse(facts.lastOrderAt) >= Date.parse(enrolledAt);
}

/**
 * Whether the customer refused marketing since enrolling, on any channel: an unsubscribe link
 * records a marketing withdrawal (not a suppression) for its own channel only, yet the person
 * who withdrew email on day 0 wants no win-back SMS on day 3 either. A withdrawal before the
 * journey began is left to the per-step consent check, so a customer who long ago refused email
 * can still be texted. A suppression (opt-out, complaint) counts whenever it came.
 */
function refusalSince(
  facts: JourneyFacts,
  enrolledAt: string,
): 'unsubscribed' | 'consent_withdrawn' | undefined {
  if (facts.unsubscribed) return 'unsubscribed';
  const since = Date.parse(enrolledAt);
  const withdrawals = Channel.options
    .map((channel) => facts.consent[channel].marketing)
    .filter((state) => state?.status === 'withdrawn' && Date.parse(state.at) >= since);
  if (withdrawals.length === 0) return undefined;
  return withdrawals.some((state) => state?.source === 'unsubscribe_link')
    ? 'unsubscribed'
    : 'consent_withdrawn';
}

function unchanged(enrollment: Enrollment, outcome: 'not_due' | 'finished'): AdvanceResult {
  return { next: enrollment, sendJob: undefined, outcome };
}
