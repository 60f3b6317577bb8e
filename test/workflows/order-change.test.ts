import { describe, expect, it } from 'vitest';
import { defaultWinBack } from '../../workflows/definition';
import { enroll } from '../../workflows/enroll';
import type { Enrollment } from '../../workflows/enrollment';
import { orderedChange } from '../../workflows/journey-order-observer';
import { endCounts } from '../../workflows/journey-counts';
import { firstDayFrom, nextDay, startOfDay } from '../../workflows/shop-days';
import { DAY, heldOut, messaged, T0 } from './fixtures';

function started(customerId: string): Enrollment {
  const result = enroll(
    defaultWinBack,
    { customerId, eligibleAt: T0.toISOString(), lastEnrollment: null },
    T0,
  );
  if (!result.enrolled) throw new Error('not enrolled');
  return result.enrollment;
}

describe('an order seen by a journey', () => {
  it('ends an active journey and counts the return of a messaged customer', () => {
    const journey = started(messaged);
    const placedAt = new Date(T0.getTime() + DAY).toISOString();

    const change = orderedChange(journey, placedAt, placedAt);

    expect(change?.enrollment).toMatchObject({
      status: 'exited',
      exitReason: 'ordered',
      returnedAt: placedAt,
      version: journey.version + 1,
    });
    expect(change?.counts).toEqual({ 'exited.ordered': 1, 'returned.messaged': 1 });
  });

  it('counts a holdout return on a finished journey without ending it again', () => {
    const finished: Enrollment = {
      ...started(heldOut),
      status: 'completed',
      nextAt: null,
      endedAt: new Date(T0.getTime() + 3 * DAY).toISOString(),
      version: 3,
    };
    const placedAt = new Date(T0.getTime() + 5 * DAY).toISOString();

    expect(orderedChange(finished, placedAt, placedAt)).toEqual({
      enrollment: { ...finished, returnedAt: placedAt, version: 4 },
      counts: { 'returned.holdout': 1 },
    });
  });

  it('changes nothing on a finished journey when the order is no return', () => {
    const exited: Enrollment = {
      ...started(messaged),
      status: 'exited',
      nextAt: null,
      endedAt: T0.toISOString(),
      exitReason: 'unsubscribed',
    };
    expect(orderedChange(exited, undefined, T0.toISOString())).toBeUndefined();
  });
});

describe('tally of a saved step', () => {
  it('counts only the end of a journey', () => {
    const journey = started(messaged);
    expect(endCounts(journey)).toEqual({});
    expect(
      endCounts({ ...journey, status: 'completed', nextAt: null, endedAt: T0.toISOString() }),
    ).toEqual({ completed: 1 });
  });
});

describe('shop days', () => {
  it('starts a day at midnight in the shop zone', () => {
    expect(startOfDay('2026-11-23', 'Asia/Ho_Chi_Minh')).toBe('2026-11-22T17:00:00.000Z');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('puts a cool-down that ends mid-day on the following day, so it is over when read', () => {
    expect(firstDayFrom('2026-11-22T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2026-11-23');
    expect(firstDayFrom('2026-11-23T03:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2026-11-24');
  });
});
