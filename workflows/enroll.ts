import { waitMillis, type WorkflowDefinition } from './definition';
import { enrollmentId, type ActiveEnrollment, type Enrollment } from './enrollment';
import { inHoldout } from './holdout';

const DAY_MS = 86_400_000;

/** What the caller knows about a customer who may start a journey. */
export interface EnrollCandidate {
  readonly customerId: string;
  /** When the customer became eligible (for win-back, when they became due); null if not. */
  readonly eligibleAt: string | null;
  /** The customer's most recent enrollment in this workflow, if any. */
  readonly lastEnrollment: Enrollment | null;
}

export type EnrollRefusal = 'disabled' | 'not_eligible' | 'already_enrolled' | 'cooling_down';

export type EnrollResult =
  | { readonly enrolled: true; readonly enrollment: ActiveEnrollment }
  | { readonly enrolled: false; readonly reason: EnrollRefusal; readonly until?: string };

/**
 * Starts a journey, or says why not. The id comes from the workflow, the customer and the moment
 * they became eligible, so enrolling the same trigger twice gives the same enrollment (and the
 * store's conditional put keeps only one).
 */
export function enroll(
  definition: WorkflowDefinition,
  candidate: EnrollCandidate,
  now: Date,
): EnrollResult {
  if (!definition.enabled) return { enrolled: false, reason: 'disabled' };
  const { eligibleAt, lastEnrollment: last, customerId } = candidate;
  if (eligibleAt === null || Date.parse(eligibleAt) > now.getTime()) {
    return { enrolled: false, reason: 'not_eligible' };
  }
  const id = enrollmentId(definition.id, customerId, eligibleAt);
  if (last !== null && (last.status === 'active' || last.id === id)) {
    return { enrolled: false, reason: 'already_enrolled' };
  }
  if (last !== null) {
    const until = Date.parse(last.endedAt) + definition.coolDownDays * DAY_MS;
    if (now.getTime() < until) {
      return { enrolled: false, reason: 'cooling_down', until: new Date(until).toISOString() };
    }
  }
  const [first] = definition.steps;
  return {
    enrolled: true,
    enrollment: {
      id,
      workflowId: definition.id,
      customerId,
      startedFrom: new Date(eligibleAt).toISOString(),
      enrolledAt: now.toISOString(),
      holdout: inHoldout(definition.id, customerId, definition.holdoutShare),
      stepIndex: 0,
      version: 1,
      status: 'active',
      nextAt: new Date(now.getTime() + (first ? waitMillis(first.waitBefore) : 0)).toISOString(),
    },
  };
}
