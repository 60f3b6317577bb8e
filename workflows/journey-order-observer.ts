import { withOptimisticRetry } from '../shared/core/optimistic-retry';
import type { OrderObserver } from '../shared/core/order-observer';
import type { Counts } from '../shared/core/results/tally';
import { exitEnrollment } from './engine';
import type { WorkflowDefinition } from './definition';
import type { Enrollment } from './enrollment';
import { exitedCounter, inReturnWindow, returnedCounter } from './journey-counts';
import type { EnrollmentStore, WorkflowDefinitionRepository } from './ports';

export interface JourneyOrderDeps {
  readonly enrollments: EnrollmentStore;
  readonly definitions: WorkflowDefinitionRepository;
}

/**
 * Ends the customer's active journeys the moment an order is recorded (`exited.ordered`), and
 * marks every journey whose return window the order falls in as returned (`returned.messaged` or
 * `returned.holdout`), once. One conditional write per enrollment: a repeat, or a planner that got
 * there first, loses the condition and is read again. Should this observer fail, the planner's
 * facts check still exits the journey at its next step.
 */
export function journeyOrderObserver(deps: JourneyOrderDeps): OrderObserver {
  return async ({ customer, order, now }) => {
    const definitions = new Map<string, WorkflowDefinition | undefined>();
    const definitionOf = async (workflowId: string) => {
      if (!definitions.has(workflowId))
        definitions.set(workflowId, (await deps.definitions.get(workflowId))?.definition);
      return definitions.get(workflowId);
    };
    await withOptimisticRetry(async () => {
      for (const enrollment of await deps.enrollments.ofCustomer(customer.id)) {
        const definition = await definitionOf(enrollment.workflowId);
        const returned = isReturn(enrollment, order.placedAt, definition);
        // A journey whose owner did not choose to end it on an order carries on (its return
        // still counts, so the owner sees the lift either way).
        const exits = definition?.exitOn.includes('ordered_since_enrollment') ?? true;
        const next = orderedChange(enrollment, returned ? order.placedAt : undefined, now, exits);
        if (next === undefined) continue;
        await deps.enrollments.save(next.enrollment, enrollment.version, next.counts);
      }
    });
  };
}

function isReturn(
  enrollment: Enrollment,
  placedAt: string,
  definition: WorkflowDefinition | undefined,
): boolean {
  if (enrollment.returnedAt !== undefined || definition === undefined) return false;
  return inReturnWindow(definition, enrollment, placedAt);
}

/** The enrollment after an order, and what it adds to the tally; undefined when nothing changes. */
export function orderedChange(
  enrollment: Enrollment,
  returnedAt: string | undefined,
  now: string,
  exits = true,
): { enrollment: Enrollment; counts: Counts } | undefined {
  const ending = enrollment.status === 'active' && exits;
  if (!ending && returnedAt === undefined) return undefined;
  const exited = ending ? exitEnrollment(enrollment, 'ordered', new Date(now)) : enrollment;
  const counts: Record<string, number> = ending ? { [exitedCounter('ordered')]: 1 } : {};
  if (returnedAt === undefined) return { enrollment: exited, counts };
  counts[returnedCounter(enrollment.holdout)] = 1;
  return {
    enrollment: { ...exited, version: enrollment.version + 1, returnedAt },
    counts,
  };
}
