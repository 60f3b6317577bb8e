import { noConsent } from '../shared/core/consent';
import { ConcurrentWriteError } from '../shared/core/errors';
import type { SendJob } from '../shared/core/messaging/send-job';
import type { Clock, JobQueue } from '../shared/core/ports';
import { dayInZone, type CalendarDay, type TimeZone } from '../shared/core/time-zone';
import type { WorkflowDefinition } from './definition';
import { advance, type AdvanceOutcome } from './engine';
import { withReturn } from './journey-counts';
import { enroll } from './enroll';
import type { Enrollment } from './enrollment';
import {
  type EnrollmentStore,
  type JourneyFactsReader,
  type OnUnreadable,
  UnreadableItemError,
  type WinBackCandidate,
  type WinBackCandidates,
  type WorkflowDefinitionRepository,
} from './ports';
import { addDays, firstDayFrom, startOfDay } from './shop-days';

export const WIN_BACK_WORKFLOW_ID = 'win-back';

/**
 * How much one run takes on: what is left stays on the indexes and, being the oldest, comes
 * first next run. Sized so a run ends well within the function's five minutes.
 */
export const DEFAULT_PLANNER_LIMITS = { candidates: 2_000, enrollments: 5_000 } as const;

export interface PlannerDeps {
  readonly definitions: WorkflowDefinitionRepository;
  readonly candidates: WinBackCandidates;
  readonly enrollments: EnrollmentStore;
  readonly facts: JourneyFactsReader;
  readonly queue: JobQueue<SendJob>;
  readonly clock: Clock;
  /** The shop's zone: due days are the shop's calendar days. */
  readonly timeZone: TimeZone;
  readonly limits?: { readonly candidates: number; readonly enrollments: number };
  /** Told of each unreadable enrollment or profile the run skipped (keys only), for the log. */
  readonly onUnreadable?: OnUnreadable;
}

/** What one run did, for the log. */
export interface PlanResult {
  readonly candidates: number;
  readonly enrolled: number;
  readonly heldOut: number;
  readonly alreadyEnrolled: number;
  readonly coolingDown: number;
  /** Candidates whose due day moved (an order) between the read and the write. */
  readonly candidatesMoved: number;
  readonly due: number;
  readonly queued: number;
  readonly exited: number;
  readonly completed: number;
  /** Steps passed without a message (holdout, no consent) and not ended. */
  readonly passed: number;
  /**
   * Enrollments another writer (a second planner, an order) changed first, and candidates whose
   * start kept meeting other transactions on the tally item: both are tried again next run.
   */
  readonly conflicts: number;
  /** Enrollment or profile items that did not parse: skipped (and reported) so the run goes on. */
  readonly unreadable: number;
}

type Tally = { -readonly [K in keyof PlanResult]: number };

/**
 * One planner run: enrolls the win-back candidates whose due day has come, then advances every
 * enrollment whose next step is due, oldest first, including anything a missed run left. A due
 * step's send job is enqueued BEFORE the enrollment moves on: a crash in between re-advances
 * from the same state next run and emits the same job, whose message key the dispatcher's ledger
 * has already claimed, so no message is sent twice and no step is skipped. Each save is
 * conditional on the version read, so two runs at once advance each enrollment once. A job so
 * queued (or held by quiet hours) may still meet an order placed after the facts were read: it
 * carries the enrollment's start as `orderedSince`, and the dispatcher skips it then.
 */
export async function planWorkflows(deps: PlannerDeps): Promise<PlanResult> {
  const limits = deps.limits ?? DEFAULT_PLANNER_LIMITS;
  const now = deps.clock.now();
  const tally: Tally = {
    candidates: 0,
    enrolled: 0,
    heldOut: 0,
    alreadyEnrolled: 0,
    coolingDown: 0,
    candidatesMoved: 0,
    due: 0,
    queued: 0,
    exited: 0,
    completed: 0,
    passed: 0,
    conflicts: 0,
    unreadable: 0,
  };
  const onUnreadable: OnUnreadable = (item) => {
    tally.unreadable += 1;
    deps.onUnreadable?.(item);
  };
  const definitions = new Map<string, WorkflowDefinition | undefined>();
  const definitionOf = async (workflowId: string) => {
    if (!definitions.has(workflowId))
      definitions.set(workflowId, (await deps.definitions.get(workflowId))?.definition);
    return definitions.get(workflowId);
  };

  const winBack = await definitionOf(WIN_BACK_WORKFLOW_ID);
  const started =
    winBack?.enabled === true
      ? await enrollDue(deps, winBack, now, limits.candidates, tally, onUnreadable)
      : [];

  const due = await deps.enrollments.due(now.toISOString(), limits.enrollments, onUnreadable);
  const seen = new Set(due.map((enrollment) => enrollment.id));
  const toAdvance = [...due, ...started.filter((enrollment) => !seen.has(enrollment.id))];
  tally.due = toAdvance.length;
  const facts = await deps.facts.read(
    [...new Set(toAdvance.map((e) => e.customerId))],
    onUnreadable,
  );

  for (const enrollment of toAdvance) {
    const definition = await definitionOf(enrollment.workflowId);
    if (definition === undefined) continue;
    // An erased customer's journey goes with their partition; if the profile is gone first,
    // treat it as a refusal of everything.
    const customerFacts = facts.get(enrollment.customerId) ?? {
      lastOrderAt: null,
      consent: noConsent,
      unsubscribed: true,
    };
    const advanced = advance(definition, enrollment, customerFacts, now);
    const { sendJob, outcome } = advanced;
    if (outcome === 'not_due' || outcome === 'finished') continue;
    if (sendJob !== undefined) await deps.queue.send(sendJob);
    const { next, counts } = withReturn(definition, enrollment, advanced.next, customerFacts);
    try {
      await deps.enrollments.save(next, enrollment.version, counts);
    } catch (error) {
      if (!(error instanceof ConcurrentWriteError)) throw error;
      tally.conflicts += 1;
      continue;
    }
    count(tally, outcome, next);
  }
  return tally;
}

async function enrollDue(
  deps: PlannerDeps,
  definition: WorkflowDefinition,
  now: Date,
  limit: number,
  tally: Tally,
  onUnreadable: OnUnreadable,
): Promise<Enrollment[]> {
  const today = dayInZone(now.toISOString(), deps.timeZone);
  const candidates = await deps.candidates.due(today, limit);
  tally.candidates = candidates.length;
  const started: Enrollment[] = [];
  for (const candidate of candidates) {
    try {
      const enrollment = await enrollOne(deps, definition, candidate, today, now, tally);
      if (enrollment !== undefined) started.push(enrollment);
    } catch (error) {
      // The start's transaction kept meeting others on the hot tally item, or the customer's
      // last enrollment does not parse: leave this candidate on the index rather than abort the
      // run for everyone after it.
      if (error instanceof ConcurrentWriteError) tally.conflicts += 1;
      else if (error instanceof UnreadableItemError) onUnreadable(error.item);
      else throw error;
    }
  }
  return started;
}

async function enrollOne(
  deps: PlannerDeps,
  definition: WorkflowDefinition,
  candidate: WinBackCandidate,
  today: CalendarDay,
  now: Date,
  tally: Tally,
): Promise<Enrollment | undefined> {
  const last = await deps.enrollments.last(candidate.customerId, definition.id);
  const result = enroll(
    definition,
    {
      customerId: candidate.customerId,
      eligibleAt: startOfDay(candidate.dueDay, deps.timeZone),
      lastEnrollment: last,
    },
    now,
  );
  if (result.enrolled) {
    const outcome = await deps.enrollments.start(result.enrollment, candidate);
    if (outcome === 'started') {
      tally.enrolled += 1;
      if (result.enrollment.holdout) tally.heldOut += 1;
      return result.enrollment;
    }
    // The same trigger's journey exists already (a replay): its state is not known here.
    if (outcome === 'already_enrolled') await postpone(deps, definition, candidate, today, tally);
    else tally.candidatesMoved += 1;
  } else if (result.reason === 'cooling_down' && result.until !== undefined) {
    tally.coolingDown += 1;
    await deps.candidates.postpone(candidate, firstDayFrom(result.until, deps.timeZone));
  } else if (result.reason === 'already_enrolled') {
    // Mid-journey (a refit put them back on the index): consider them again once this journey
    // and its cool-down are over, as the cool-down does. The same trigger, already finished,
    // has nothing left to do.
    if (last?.status === 'active') await postpone(deps, definition, candidate, today, tally);
    else {
      tally.alreadyEnrolled += 1;
      await deps.candidates.dismiss(candidate);
    }
  }
  return undefined;
}

async function postpone(
  deps: PlannerDeps,
  definition: WorkflowDefinition,
  candidate: WinBackCandidate,
  today: CalendarDay,
  tally: Tally,
) {
  tally.alreadyEnrolled += 1;
  // At least a day on: a postponement to today would be read again by every run today.
  await deps.candidates.postpone(candidate, addDays(today, Math.max(1, definition.coolDownDays)));
}

function count(tally: Tally, outcome: AdvanceOutcome, next: Enrollment) {
  if (outcome === 'queued') tally.queued += 1;
  if (next.status === 'exited') tally.exited += 1;
  else if (next.status === 'completed') tally.completed += 1;
  else if (outcome !== 'queued') tally.passed += 1;
}
