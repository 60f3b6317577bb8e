import { describe, expect, it } from 'vitest';
import type { CustomerHistory } from '../../../shared/core/lapse/customer-history';
import { explainLapse } from '../../../shared/core/lapse/explain-lapse';
import { assessLapse, LapseAssessment } from '../../../shared/core/lapse/lapse-assessment';
import { defaultPolicies } from '../../../shared/core/lapse/lapse-policy';
import type { ShopLapseModel } from '../../../shared/core/lapse/shop-lapse-model';

const regular: CustomerHistory = {
  firstPurchaseDay: '2026-05-01',
  lastPurchaseDay: '2026-10-09',
  purchaseDays: 8,
  medianGapDays: 21,
};
const once: CustomerHistory = {
  firstPurchaseDay: '2026-10-09',
  lastPurchaseDay: '2026-10-09',
  purchaseDays: 1,
  medianGapDays: null,
};
const shop: ShopLapseModel = {
  fittedThrough: '2026-11-01',
  customers: 1000,
  repeatCustomers: 400,
  typicalGapDays: 30,
  bgNbd: null,
  mbgNbd: {
    model: 'mbg_nbd',
    unit: 'day',
    params: { r: 0.525, alpha: 43.3, a: 0.891, b: 1.614 },
    logLikelihood: -1,
    customers: 1000,
    iterations: 20,
  },
  failures: [],
};

/** An assessment with chosen figures, to pin the wording. */
const assessment = (overrides: Partial<LapseAssessment>): LapseAssessment => ({
  policy: 'mbg_nbd',
  basis: 'mbg_nbd',
  asOf: '2026-11-23',
  dueDay: '2026-11-03',
  due: true,
  score: 1.2,
  daysSinceLastOrder: 45,
  usualGapDays: 21,
  usualGapSource: 'own',
  windowDays: null,
  pAlive: 0.18,
  pPurchase: 0.07,
  expectedPurchases: 0.08,
  horizonDays: 60,
  ...overrides,
});

describe('explainLapse', () => {
  describe('a model policy', () => {
    it('explains in English', () => {
      expect(explainLapse(assessment({}), regular, '2026-11-23', 'en')).toBe(
        'Usually orders every ~21 days; last order 45 days ago; 18% chance still active; 7% chance of ordering in the next 60 days; due since 3 Nov.',
      );
    });

    it('explains in Vietnamese with its diacritics and day/month dates', () => {
      expect(explainLapse(assessment({}), regular, '2026-11-23', 'vi')).toBe(
        'Thường mua cách nhau ~21 ngày; lần mua gần nhất cách đây 45 ngày; khả năng còn mua: 18%; khả năng mua trong 60 ngày tới: 7%; đến hạn từ 3/11.',
      );
    });

    it('says when a customer will be due, with the year when it is not this year', () => {
      const later = assessment({
        dueDay: '2027-01-15',
        due: false,
        pAlive: 0.996,
        pPurchase: 0.004,
      });
      expect(explainLapse(later, regular, '2026-11-23', 'en')).toContain(
        '>99% chance still active; <1% chance',
      );
      expect(explainLapse(later, regular, '2026-11-23', 'en')).toMatch(/due on 15 Jan 2027\.$/);
      expect(explainLapse(later, regular, '2026-11-23', 'vi')).toMatch(
        /đến hạn vào 15\/1\/2027\.$/,
      );
    });

    it('says when nothing suggests the customer is lapsing', () => {
      const never = assessment({ dueDay: null, due: false });
      expect(explainLapse(never, regular, '2026-11-23', 'en')).toMatch(/no sign of lapsing\.$/);
      expect(explainLapse(never, regular, '2026-11-23', 'vi')).toMatch(
        /chưa có dấu hiệu bỏ shop\.$/,
      );
    });
  });

  describe('one-time buyers and rule policies', () => {
    it("gives the shop's typical gap for a one-time buyer", () => {
      const a = assessLapse(defaultPolicies.own_cadence, once, shop, '2026-11-23');
      expect(explainLapse(a, once, '2026-11-23', 'en')).toBe(
        "Has ordered once (this shop's customers usually reorder every ~30 days); last order 45 days ago; due after ~90 days without an order; due on 7 Jan 2027.",
      );
      expect(explainLapse(a, once, '2026-11-23', 'vi')).toBe(
        'Mới mua 1 lần (khách của shop thường mua lại sau ~30 ngày); lần mua gần nhất cách đây 45 ngày; đến hạn sau ~90 ngày không mua; đến hạn vào 7/1/2027.',
      );
    });

    it('states the fixed window plainly', () => {
      const a = assessLapse(defaultPolicies.fixed_window, regular, shop, '2026-10-10');
      expect(explainLapse(a, regular, '2026-10-10', 'en')).toBe(
        'Usually orders every ~21 days; last order yesterday; due after 60 days without an order; due on 8 Dec.',
      );
      expect(explainLapse(a, regular, '2026-10-09', 'vi')).toContain('lần mua gần nhất: hôm nay');
    });
  });

  describe('assessLapse', () => {
    it('produces an assessment the API schema accepts, with the model figures', () => {
      const a = assessLapse(defaultPolicies.mbg_nbd, regular, shop, '2026-11-23');
      expect(LapseAssessment.parse(a)).toEqual(a);
      expect(a.pAlive).toBeGreaterThan(0);
      expect(a.pAlive).toBeLessThan(1);
      expect(a.daysSinceLastOrder).toBe(45);
      expect(a.due).toBe(a.dueDay !== null && a.dueDay <= '2026-11-23');
    });
  });
});

describe('explainLapse when the chosen rule cannot decide yet', () => {
  it('says the model is not fitted yet and that the buying rhythm decides meanwhile', () => {
    const history = {
      firstPurchaseDay: '2026-09-01',
      lastPurchaseDay: '2026-10-01',
      purchaseDays: 2,
      medianGapDays: 30,
    };
    const assessment = assessLapse(defaultPolicies.mbg_nbd, history, null, '2026-11-01');
    expect(assessment.basis).toBe('own_cadence');
    expect(explainLapse(assessment, history, '2026-11-01', 'en')).toContain(
      "the shop's model is not fitted yet",
    );
    expect(explainLapse(assessment, history, '2026-11-01', 'vi')).toContain(
      'mô hình của shop chưa được tính',
    );
  });
});
