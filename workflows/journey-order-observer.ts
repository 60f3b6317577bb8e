import { withOptimisticRetry } from '../shared/core/optimistic-retry';
import type { OrderObserver } from '../shared/core/order-observer';
import type { Counts } from '../shared/core/results/tally';
import { exitEnrollment } from './engine';
import type { Enrollment } from './enrollment';
import type { EnrollmentStore, WorkflowDefinitionRepository } from './ports';

const DAY_MS = 86_400_000;

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
    const windows = new Map<string, number>();
    const returnWindowMs = async (workflowId: string) => {
      if (!windows.has(workflowId)) {
        const stored = await deps.definitions.get(workflowId);
        windows.set(workflowId, (stored?.definition.returnWindowDays ?? 0) * DAY_MS);
      }
      return windows.get(workflowId) ?? 0;
    };
    await withOptimisticRetry(async () => {
      for (const enrollment of await deps.enrollments.ofCustomer(customer.id)) {
        const returned = await isReturn(enrollment, order.placedAt, returnWindowMs);
        const next = orderedChange(enrollment, returned ? order.placedAt : undefined, now);
        if (next === undefined) continue;
        await deps.enrollments.save(next.enrollment, enrollment.version, next.counts);
      }
    });
  };
}

async function isReturn(
  enrollment: Enrollment,
  placedAt: string,
  returnWindowMs: (workflowId: string) => Promise<number>,
): Promise<boolean> {
  if (enrollment.returnedAt !== undefined) return false;
  const enrolledAt = Date.parse(enrollment.enrolledAt);
  const placed = Date.parse(placedAt);
  if (placed < enrolledAt) return false;
  return placed <= enrolledAt + (await returnWindowMs(enrollment.workflowId));
}

/** The enrollment after an order, and what it adds to the tally; undefined when nothing changes. */
export function orderedChange(
  enrollment: Enrollment,
  returnedAt: string | undefined,
  now: string,
): { enrollment: Enrollment; counts: Counts } | undefined {
  const active = enrollment.status === 'active';
  if (!active && returnedAt === undefined) return undefined;
  const exited = exitEnrollment(enrollment, 'ordered', new Date(now));
  const counts: Record<string, number> = active ? { 'exited.ordered': 1 } : {};
  if (returnedAt === undefined) return { enrollment: exited, counts };
  counts[enrollment.holdout ? 'returned.holdout' : 'returned.messaged'] = 1;
  return {
    enrollment: { ...exited, version: enrollment.version + 1, returnedAt },
    counts,
  };
}
