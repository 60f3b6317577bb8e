import type { Counts } from '../shared/core/results/tally';
import type { WorkflowDefinition } from './definition';
import type { JourneyFacts } from './engine';
import type { Enrollment, ExitReason } from './enrollment';

const DAY_MS = 86_400_000;

/**
 * The journey counters' names, in one place: the results view reads them back by these
 * prefixes (`enrolled.*`, `returned.*`, `exited.*`), so every writer must spell them alike.
 */
export function enrolledCounter(holdout: boolean): string {
  return holdout ? 'enrolled.holdout' : 'enrolled.messaged';
}

export function returnedCounter(holdout: boolean): string {
  return holdout ? 'returned.holdout' : 'returned.messaged';
}

export function exitedCounter(reason: ExitReason): string {
  return `exited.${reason}`;
}

/**
 * Whether an order placed at `placedAt` is a return: at or after enrolling and within the
 * workflow's return window, messaged or held out alike.
 */
export function inReturnWindow(
  definition: Pick<WorkflowDefinition, 'returnWindowDays'>,
  enrollment: Pick<Enrollment, 'enrolledAt'>,
  placedAt: string,
): boolean {
  const since = Date.parse(placedAt) - Date.parse(enrollment.enrolledAt);
  return since >= 0 && since <= definition.returnWindowDays * DAY_MS;
}

/** The tally counters a save adds: only the end of a journey is counted here. */
export function endCounts(next: Enrollment): Counts {
  if (next.status === 'completed') return { completed: 1 };
  if (next.status === 'exited') return { [exitedCounter(next.exitReason)]: 1 };
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
  if (!inReturnWindow(definition, enrollment, orderedAt)) return { next, counts };
  return {
    next: { ...next, returnedAt: orderedAt },
    counts: { ...counts, [returnedCounter(enrollment.holdout)]: 1 },
  };
}
