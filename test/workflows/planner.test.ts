import { describe, expect, it } from 'vitest';
import { ConcurrentWriteError } from '../../shared/core/errors';
import type { SendJob } from '../../shared/core/messaging/send-job';
import { defaultWinBack } from '../../workflows/definition';
import { enroll } from '../../workflows/enroll';
import type { ActiveEnrollment, Enrollment } from '../../workflows/enrollment';
import { planWorkflows, type PlannerDeps } from '../../workflows/planner';
import {
  UnreadableItemError,
  type EnrollmentStore,
  type UnreadableItem,
  type WinBackCandidate,
} from '../../workflows/ports';
import { T0, customerNo, quietCustomer } from './fixtures';

const today = '2026-11-23';

/** The planner's ports in memory; `start` and `last` behave per customer as a test says. */
function fakes(options: {
  candidates: WinBackCandidate[];
  last?: (customerId: string) => Enrollment | null;
  start?: (enrollment: ActiveEnrollment) => Promise<'started'>;
  due?: Enrollment[];
  unreadableDue?: UnreadableItem[];
}) {
  const postponed: [string, string][] = [];
  const dismissed: string[] = [];
  const jobs: SendJob[] = [];
  const reported: UnreadableItem[] = [];
  const enrollments: EnrollmentStore = {
    last: async (customerId) => options.last?.(customerId) ?? null,
    start: (enrollment) => options.start?.(enrollment) ?? Promise.resolve('started'),
    due: async (_now, _limit, onUnreadable) => {
      options.unreadableDue?.forEach((item) => onUnreadable?.(item));
      return options.due ?? [];
    },
    ofCustomer: async () => [],
    save: async () => undefined,
  };
  const deps: PlannerDeps = {
    definitions: { get: async () => ({ definition: defaultWinBack, version: 0 }), save: never },
    candidates: {
      due: async () => options.candidates,
      postpone: async (candidate, day) => {
        postponed.push([candidate.customerId, day]);
        return true;
      },
      dismiss: async (candidate) => {
        dismissed.push(candidate.customerId);
        return true;
      },
    },
    enrollments,
    facts: {
      read: async (ids) => new Map(ids.map((id) => [id, quietCustomer])),
    },
    queue: { send: async (job) => void jobs.push(job) },
    clock: { now: () => T0 },
    timeZone: 'Asia/Ho_Chi_Minh',
    onUnreadable: (item) => reported.push(item),
  };
  return { deps, postponed, dismissed, jobs, reported };
}

function never(): never {
  throw new Error('not expected');
}

const candidate = (n: number): WinBackCandidate => ({ customerId: customerNo(n), dueDay: today });

describe('planWorkflows', () => {
  it('counts a start that keeps conflicting as a conflict and goes on with the next', async () => {
    const { deps } = fakes({
      candidates: [candidate(1), candidate(2)],
      start: async (enrollment) => {
        if (enrollment.customerId === customerNo(1))
          throw new ConcurrentWriteError('A transaction');
        return 'started';
      },
    });

    const result = await planWorkflows(deps);

    expect(result).toMatchObject({ candidates: 2, enrolled: 1, conflicts: 1 });
  });

  it('skips and reports an unreadable enrollment or last enrollment, and goes on', async () => {
    const bad = { pk: 'CUST#x', sk: 'ENROLL#win-back#y' };
    const { deps, reported } = fakes({
      candidates: [candidate(1), candidate(2)],
      last: (customerId) => {
        if (customerId === customerNo(1)) throw new UnreadableItemError(bad);
        return null;
      },
      unreadableDue: [bad],
    });

    const result = await planWorkflows(deps);

    expect(result).toMatchObject({ enrolled: 1, unreadable: 2 });
    expect(reported).toEqual([bad, bad]);
  });

  it('postpones a candidate who is mid-journey by the cool-down, instead of dropping them', async () => {
    const started = enroll(
      defaultWinBack,
      { customerId: customerNo(1), eligibleAt: '2026-11-01T00:00:00.000Z', lastEnrollment: null },
      new Date('2026-11-01T03:00:00.000Z'),
    );
    if (!started.enrolled) throw new Error('not enrolled');
    const { deps, postponed, dismissed } = fakes({
      candidates: [candidate(1)],
      last: () => started.enrollment,
    });

    const result = await planWorkflows(deps);

    expect(result).toMatchObject({ alreadyEnrolled: 1, enrolled: 0 });
    expect(dismissed).toEqual([]);
    expect(postponed).toEqual([[customerNo(1), '2027-02-21']]);
  });
});
