import { RegularsError } from '../shared/core/errors';
import type { Counts } from '../shared/core/results/tally';
import type { CalendarDay } from '../shared/core/time-zone';
import type { WorkflowDefinition } from './definition';
import type { JourneyFacts } from './engine';
import type { ActiveEnrollment, Enrollment } from './enrollment';

/**
 * A customer on the win-back due index, as the index entry names them: the id and the due day
 * the entry was read with. Every write about the candidate is conditional on that entry, so an
 * order that moved the due day in between wins and the next run decides again.
 */
export interface WinBackCandidate {
  readonly customerId: string;
  readonly dueDay: CalendarDay;
}

/** The customers due for win-back, read from the sparse due index (never from the list). */
export interface WinBackCandidates {
  /** Customers due on or before `today` (the shop's calendar day), oldest first, at most `limit`. */
  due(today: CalendarDay, limit: number): Promise<WinBackCandidate[]>;
  /** Puts the candidate back on the index at a later day (cooling down); false if it moved. */
  postpone(candidate: WinBackCandidate, dueDay: CalendarDay): Promise<boolean>;
  /** Takes the candidate off the index (already enrolled); false if it moved. */
  dismiss(candidate: WinBackCandidate): Promise<boolean>;
}

/**
 * A stored item the schema does not accept (a bug, a hand edit), named by its keys only: the
 * item may hold personal data, which must not reach the logs.
 */
export interface UnreadableItem {
  readonly pk: string;
  readonly sk: string;
}

/** A read found an item it could not parse where it needed one (see UnreadableItem). */
export class UnreadableItemError extends RegularsError {
  readonly code = 'unreadable-item';
  constructor(readonly item: UnreadableItem) {
    super(`Unreadable item ${item.pk} / ${item.sk}`);
  }
}

/** Told of each unreadable item a read skipped, so one bad item cannot stop every run. */
export type OnUnreadable = (item: UnreadableItem) => void;

/** How starting a journey ended: `candidate_moved` means the due day changed since it was read. */
export type StartOutcome = 'started' | 'already_enrolled' | 'candidate_moved';

/** Enrollments: one item per journey, active ones on a sparse index by their next step's time. */
export interface EnrollmentStore {
  /** The customer's most recent enrollment in the workflow, or null; UnreadableItemError if it does not parse. */
  last(customerId: string, workflowId: string): Promise<Enrollment | null>;
  /**
   * In one write: the enrollment (if it does not exist), the candidate off the due index (if its
   * entry is unchanged) and the enrolled counter.
   */
  start(enrollment: ActiveEnrollment, candidate: WinBackCandidate): Promise<StartOutcome>;
  /**
   * Active enrollments whose next step is due at `now`, oldest first, at most `limit`; an
   * unreadable item is left out and reported to `onUnreadable`.
   */
  due(now: string, limit: number, onUnreadable?: OnUnreadable): Promise<Enrollment[]>;
  /** Every enrollment of the customer, in any workflow and state. */
  ofCustomer(customerId: string): Promise<Enrollment[]>;
  /**
   * Saves `next` if the stored enrollment is still at `readVersion`, adding `counts` to its
   * workflow's tally in the same write; ConcurrentWriteError otherwise.
   */
  save(next: Enrollment, readVersion: number, counts: Counts): Promise<void>;
}

/** What the planner needs to know about each customer whose step is due, by customer id. */
export interface JourneyFactsReader {
  /**
   * Facts of the customers found; an erased or unknown customer is left out, and so is an
   * unreadable profile (reported to `onUnreadable`).
   */
  read(
    customerIds: readonly string[],
    onUnreadable?: OnUnreadable,
  ): Promise<Map<string, JourneyFacts>>;
}

/** A workflow's definition and the version an edit must name (0: the built-in default). */
export interface StoredWorkflow {
  readonly definition: WorkflowDefinition;
  readonly version: number;
}

export interface WorkflowDefinitionRepository {
  /** The stored definition, the built-in default for a known workflow, or undefined. */
  get(workflowId: string): Promise<StoredWorkflow | undefined>;
  /** Saves if the stored version is still `expectedVersion`, else ConcurrentWriteError. */
  save(definition: WorkflowDefinition, expectedVersion: number): Promise<StoredWorkflow>;
}
