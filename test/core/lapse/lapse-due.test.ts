import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerHistory } from '../../../shared/core/lapse/customer-history';
import { rfmOf } from '../../../shared/core/lapse/customer-history';
import { calendarDay, dayNumber } from '../../../shared/core/lapse/day-number';
import { lapseDue } from '../../../shared/core/lapse/lapse-due';
import {
  defaultLapsePolicy,
  defaultPolicies,
  LapsePolicy,
  type ModelPolicy,
} from '../../../shared/core/lapse/lapse-policy';
import { lapseScore } from '../../../shared/core/lapse/lapse-score';
import { paramsInUnit } from '../../../shared/core/lapse/model-params';
import { criterionValue } from '../../../shared/core/lapse/model-due';
import { summarizeLog } from '../../../shared/core/lapse/purchase-log';
import { CALIBRATION_END, cdnowSampleLog } from '../../helpers/cdnow';
import {
  fitShopLapseModel,
  type ShopLapseModel,
} from '../../../shared/core/lapse/shop-lapse-model';

/** The value, which the test expects to be there. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

/** A shop fitted like CDNOW (parameters in weeks, as published), typical gap 30 days. */
const shop: ShopLapseModel = {
  fittedThrough: '1997-09-30',
  customers: 2357,
  repeatCustomers: 946,
  typicalGapDays: 30,
  bgNbd: {
    model: 'bg_nbd',
    unit: 'week',
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    logLikelihood: -9582.4,
    customers: 2357,
    iterations: 19,
  },
  mbgNbd: {
    model: 'mbg_nbd',
    unit: 'week',
    params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
    logLikelihood: -9582.1,
    customers: 2357,
    iterations: 19,
  },
  failures: [],
};

const history = (overrides: Partial<CustomerHistory> = {}): CustomerHistory => ({
  firstPurchaseDay: '2026-01-10',
  lastPurchaseDay: '2026-03-01',
  purchaseDays: 4,
  medianGapDays: 12,
  ...overrides,
});

const histories = fc
  .record({
    start: fc.integer({ min: 0, max: 2000 }),
    span: fc.integer({ min: 0, max: 600 }),
    days: fc.integer({ min: 1, max: 60 }),
  })
  .map(({ start, span, days }): CustomerHistory => {
    const purchaseDays = span === 0 ? 1 : Math.min(days, span + 1);
    return {
      firstPurchaseDay: calendarDay(dayNumber('2020-01-01') + start),
      lastPurchaseDay: calendarDay(
        dayNumber('2020-01-01') + start + (purchaseDays === 1 ? 0 : span),
      ),
      purchaseDays,
      medianGapDays: purchaseDays === 1 ? null : span / (purchaseDays - 1),
    };
  });

const modelPolicies = fc.record({
  kind: fc.constantFrom('bg_nbd' as const, 'mbg_nbd' as const),
  criterion: fc.constantFrom(
    'p_alive' as const,
    'p_purchase' as const,
    'expected_purchases' as const,
  ),
  threshold: fc.double({ min: 0.02, max: 0.9, noNaN: true }),
  horizonDays: fc.integer({ min: 7, max: 120 }),
  minDays: fc.constant(1),
  maxDays: fc.constant(null),
});

describe('LapsePolicy', () => {
  it('accepts every default', () => {
    for (const policy of Object.values(defaultPolicies))
      expect(LapsePolicy.parse(policy)).toEqual(policy);
    expect(defaultLapsePolicy.kind).toBe('mbg_nbd');
  });

  it('rejects a cap below the floor and a probability threshold of 1 or more', () => {
    expect(
      LapsePolicy.safeParse({ ...defaultPolicies.own_cadence, minDays: 30, maxDays: 20 }).success,
    ).toBe(false);
    expect(LapsePolicy.safeParse({ ...defaultPolicies.mbg_nbd, threshold: 1 }).success).toBe(false);
    expect(
      LapsePolicy.safeParse({
        ...defaultPolicies.mbg_nbd,
        criterion: 'expected_purchases',
        threshold: 1.5,
      }).success,
    ).toBe(true);
    expect(LapsePolicy.safeParse({ kind: 'fixed_window', days: 0 }).success).toBe(false);
  });
});

describe('lapseDue', () => {
  describe('fixed window', () => {
    it('is due the set number of days after the last order', () => {
      expect(lapseDue({ kind: 'fixed_window', days: 60 }, history(), shop)).toEqual({
        dueDay: '2026-04-30',
        basis: 'fixed_window',
      });
    });
  });

  describe('own cadence', () => {
    it("is due factor × the customer's median gap after the last order", () => {
      expect(
        lapseDue({ kind: 'own_cadence', factor: 2, minDays: 14, maxDays: 365 }, history(), shop),
      ).toEqual({ dueDay: '2026-03-25', basis: 'own_cadence' });
    });

    it('keeps the window within minDays and maxDays', () => {
      const policy = { kind: 'own_cadence', factor: 2, minDays: 30, maxDays: 40 } as const;
      expect(lapseDue(policy, history({ medianGapDays: 2 }), shop).dueDay).toBe('2026-03-31');
      expect(lapseDue(policy, history({ medianGapDays: 200 }), shop).dueDay).toBe('2026-04-10');
    });

    it("uses the shop's typical gap for a one-time buyer, and the default window without one", () => {
      const once = history({
        purchaseDays: 1,
        firstPurchaseDay: '2026-03-01',
        medianGapDays: null,
      });
      expect(lapseDue(defaultPolicies.own_cadence, once, shop)).toEqual({
        dueDay: '2026-05-30',
        basis: 'shop_cadence',
      });
      expect(
        lapseDue(defaultPolicies.own_cadence, once, { ...shop, typicalGapDays: null }),
      ).toEqual({ dueDay: '2026-04-30', basis: 'fixed_window' });
    });
  });

  describe('model policies', () => {
    it('is due on the first day the criterion is below the threshold, and not the day before', () => {
      fc.assert(
        fc.property(histories, modelPolicies, (h, policy: ModelPolicy) => {
          const { dueDay } = lapseDue(policy, h, shop);
          const fit = policy.kind === 'bg_nbd' ? must(shop.bgNbd) : must(shop.mbgNbd);
          const params = paramsInUnit(fit, 'day');
          const value = (day: string) => criterionValue(policy, params, rfmOf(h, day, 'day'));
          if (dueDay === null) {
            // Never due: still above the threshold a century after the last order.
            expect(
              value(calendarDay(dayNumber(h.lastPurchaseDay) + 36_500)),
            ).toBeGreaterThanOrEqual(policy.threshold);
            return;
          }
          expect(value(dueDay)).toBeLessThan(policy.threshold);
          const before = calendarDay(dayNumber(dueDay) - 1);
          if (dayNumber(dueDay) - dayNumber(h.lastPurchaseDay) > policy.minDays) {
            expect(value(before)).toBeGreaterThanOrEqual(policy.threshold);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('never makes a customer due before minDays or after maxDays from the last order', () => {
      fc.assert(
        fc.property(
          histories,
          modelPolicies,
          fc.integer({ min: 1, max: 60 }),
          fc.integer({ min: 0, max: 400 }),
          (h, policy, minDays, extra) => {
            const bounded = { ...policy, minDays, maxDays: minDays + extra };
            const { dueDay } = lapseDue(bounded, h, shop);
            expect(dueDay).not.toBeNull();
            const after = dayNumber(must(dueDay)) - dayNumber(h.lastPurchaseDay);
            expect(after).toBeGreaterThanOrEqual(minDays);
            expect(after).toBeLessThanOrEqual(minDays + extra);
          },
        ),
      );
    });

    it("makes MBG/NBD one-time buyers due, where BG/NBD's P(alive) needs the cap", () => {
      const once = history({
        purchaseDays: 1,
        firstPurchaseDay: '2026-03-01',
        medianGapDays: null,
      });
      const alive = {
        criterion: 'p_alive',
        threshold: 0.5,
        horizonDays: 60,
        minDays: 14,
        maxDays: null,
      } as const;
      expect(
        lapseDue({ kind: 'mbg_nbd', ...alive, threshold: 0.6 }, once, shop).dueDay,
      ).not.toBeNull();
      expect(lapseDue({ kind: 'bg_nbd', ...alive }, once, shop)).toEqual({
        dueDay: null,
        basis: 'bg_nbd',
      });
      expect(lapseDue({ kind: 'bg_nbd', ...alive, maxDays: 365 }, once, shop).dueDay).toBe(
        '2027-03-01',
      );
    });

    it('gives a new order at least minDays before the customer is due again', () => {
      // An order can bring the day forward (a faster buyer's silence counts sooner), never before
      // minDays after that order.
      const after = must(
        lapseDue(
          defaultLapsePolicy,
          history({ lastPurchaseDay: '2026-03-10', purchaseDays: 5 }),
          shop,
        ).dueDay,
      );
      expect(dayNumber(after) - dayNumber('2026-03-10')).toBeGreaterThanOrEqual(
        defaultPolicies.mbg_nbd.minDays,
      );
    });

    it('falls back to own cadence when the shop has no fit', () => {
      expect(lapseDue(defaultLapsePolicy, history(), { ...shop, mbgNbd: null }).basis).toBe(
        'own_cadence',
      );
      expect(lapseDue(defaultLapsePolicy, history(), null).basis).toBe('own_cadence');
    });
  });
});

describe('lapseScore', () => {
  it('reaches 1 on the due day of a fixed window and grows with time', () => {
    const policy = { kind: 'fixed_window', days: 60 } as const;
    expect(lapseScore(policy, history(), shop, '2026-04-30')).toBe(1);
    expect(lapseScore(policy, history(), shop, '2026-04-29')).toBeLessThan(1);
  });

  it('rises as days pass without an order, for every policy', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (h, wait, more) => {
          for (const policy of Object.values(defaultPolicies)) {
            const day = (n: number) => calendarDay(dayNumber(h.lastPurchaseDay) + n);
            expect(lapseScore(policy, h, shop, day(wait + more))).toBeGreaterThanOrEqual(
              lapseScore(policy, h, shop, day(wait)),
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('fitShopLapseModel', () => {
  it('fits both models in days on the CDNOW sample, α in days being 7 × the weekly α', () => {
    const end = dayNumber(CALIBRATION_END);
    const days = summarizeLog(cdnowSampleLog(), { through: end });
    const people: CustomerHistory[] = [];
    for (let c = 0; c < days.purchaseDays.length; c += 1) {
      if (days.purchaseDays[c] === 0) continue;
      const gap = days.medianGap[c] as number;
      people.push({
        firstPurchaseDay: calendarDay(days.firstDay[c] as number),
        lastPurchaseDay: calendarDay(days.lastDay[c] as number),
        purchaseDays: days.purchaseDays[c] as number,
        medianGapDays: Number.isNaN(gap) ? null : gap,
      });
    }
    const model = fitShopLapseModel(people, CALIBRATION_END);
    expect(model.failures).toEqual([]);
    expect(model.customers).toBe(2357);
    expect(model.repeatCustomers).toBe(946);
    expect(model.bgNbd?.unit).toBe('day');
    // Exact days instead of weeks rounded to 2 decimals: the same maximum to about 3 digits.
    expect(paramsInUnit(must(model.bgNbd), 'week').alpha).toBeCloseTo(4.414, 2);
    expect(must(model.bgNbd).params.r).toBeCloseTo(0.243, 3);
    expect(must(model.mbgNbd).params.a).toBeCloseTo(0.891, 2);
    expect(model.typicalGapDays).toBeGreaterThan(7);
  });

  it('records why a model could not be fitted', () => {
    const once: CustomerHistory = {
      firstPurchaseDay: '2025-01-01',
      lastPurchaseDay: '2025-01-01',
      purchaseDays: 1,
      medianGapDays: null,
    };
    const model = fitShopLapseModel([once, once], '2025-06-01');
    expect(model.bgNbd).toBeNull();
    expect(model.failures.map((f) => f.reason)).toEqual(['no_repeat_buyers', 'no_repeat_buyers']);
  });
});
