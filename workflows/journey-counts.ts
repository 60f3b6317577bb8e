import type { Counts } from '../shared/core/results/tally';
import type { WorkflowDefinition } from './definition';
import type { JourneyFacts } from './engine';
import type { Enrollment } from './enrollment';

const DAY_MS = 86_400_000;

/** The tally counters a save adds: only the end of a journey is counted here. */
export function endCounts(next: Enrollment): Counts {
  if (next.status === 'completed') return { completed: 1 };
  if (next.status === 'exited') return { [`exited.${next.exitReason}`]: 1 };
  return {};
}

/**
 * The end of a journey as saved and counted. An order the order observer missed (it failed)
 * is caught here: the journey exits on it, and it counts as a return if it falls in the window.
 */
export function withReturn(
  definition: WorkflowDefinition,
  enrollment: Enrollment,
  next: Enrollment,
  facts: JourneyFacts,
): { next: Enrollment; counts: Counts } {
  const counts = endCounts(next);
  const orderedAt = facts.lastOrderAt;
  if (next.status !== 'exited' || next.exitReason !== 'ordered') return { next, counts };
  if (orderedAt === null || next.returnedAt !== undefined) return { next, counts };
  const since = Date.parse(orderedAt) - Date.parse(enrollment.enrolledAt);
  if (since < 0 || since > definition.returnWindowDays * DAY_MS) return { next, counts };
  return {
    next: { ...next, returnedAt: orderedAt },
    counts: { ...counts, [enrollment.holdout ? 'returned.holdout' : 'returned.messaged']: 1 },
  };
}
