import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECENT_GAPS_KEPT, summarizePurchases } from '../../shared/core/aggregates';
import type { Order } from '../../shared/core/order';
import { daysBetween } from '../../shared/core/time-zone';
import { anOrder } from '../helpers/builders';

const day = fc
  .integer({ min: 0, max: 3000 })
  .map((offset) => new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));

const order = fc
  .record({
    orderId: fc.uuid(),
    purchaseDay: day,
    amount: fc.integer({ min: 0, max: 50_000_000 }),
    status: fc.constantFrom('placed', 'cancelled', 'returned'),
  })
  .map(({ orderId, purchaseDay, amount, status }) =>
    anOrder({
      orderId,
      purchaseDay,
      placedAt: `${purchaseDay}T05:00:00.000Z`,
      total: { amount, currency: 'VND' },
      status,
    }),
  );

describe('summarizePurchases', () => {
  describe('orders that do not count', () => {
    it('leaves the aggregates as if cancelled or returned orders had never been placed', () => {
      fc.assert(
        fc.property(fc.array(order, { maxLength: 30 }), (orders) => {
          const counted = orders.filter((o) => o.status === 'placed');
          expect(summarizePurchases(orders, 'VND')).toEqual(summarizePurchases(counted, 'VND'));
        }),
      );
    });

    it('returns to the original aggregates when an order is placed and then cancelled', () => {
      fc.assert(
        fc.property(fc.array(order, { maxLength: 20 }), order, (orders, extra) => {
          const before = summarizePurchases(orders, 'VND');
          const cancelled: Order = { ...extra, status: 'cancelled' };
          expect(summarizePurchases([...orders, cancelled], 'VND')).toEqual(before);
        }),
      );
    });
  });

  describe('arithmetic', () => {
    it('adds up the counted totals exactly and counts distinct purchase days', () => {
      fc.assert(
        fc.property(fc.array(order, { maxLength: 30 }), (orders) => {
          const counted = orders.filter((o) => o.status === 'placed');
          const summary = summarizePurchases(orders, 'VND');
          expect(summary.orderCount).toBe(counted.length);
          expect(summary.totalSpent.amount).toBe(
            counted.reduce((sum, o) => sum + o.total.amount, 0),
          );
          expect(summary.purchaseDays).toBe(new Set(counted.map((o) => o.purchaseDay)).size);
          expect(summary.gaps.count).toBe(Math.max(0, summary.purchaseDays - 1));
        }),
      );
    });

    it('has gaps that add up to the span from first to last purchase day', () => {
      fc.assert(
        fc.property(fc.array(order, { minLength: 1, maxLength: 30 }), (orders) => {
          const summary = summarizePurchases(orders, 'VND');
          if (summary.firstPurchaseDay === null || summary.lastPurchaseDay === null) return;
          const span = daysBetween(summary.firstPurchaseDay, summary.lastPurchaseDay);
          expect((summary.gaps.meanDays ?? 0) * summary.gaps.count).toBeCloseTo(span, 6);
          expect(summary.gaps.recentDays.length).toBe(
            Math.min(RECENT_GAPS_KEPT, summary.gaps.count),
          );
        }),
      );
    });

    it('does not depend on the order in which orders arrive', () => {
      fc.assert(
        fc.property(fc.array(order, { maxLength: 20 }), (orders) => {
          expect(summarizePurchases([...orders].reverse(), 'VND')).toEqual(
            summarizePurchases(orders, 'VND'),
          );
        }),
      );
    });
  });

  describe('a concrete customer', () => {
    it('summarizes a buyer who orders every three weeks', () => {
      const orders = ['2026-09-01', '2026-09-22', '2026-10-13', '2026-10-13'].map(
        (purchaseDay, index) =>
          anOrder({ orderId: `o${index}`, purchaseDay, placedAt: `${purchaseDay}T05:00:00.000Z` }),
      );
      const summary = summarizePurchases(orders, 'VND');
      expect(summary).toMatchObject({
        orderCount: 4,
        totalSpent: { amount: 600_000, currency: 'VND' },
        purchaseDays: 3,
        firstPurchaseDay: '2026-09-01',
        lastPurchaseDay: '2026-10-13',
        gaps: {
          count: 2,
          meanDays: 21,
          medianDays: 21,
          minDays: 21,
          maxDays: 21,
          recentDays: [21, 21],
        },
      });
    });
  });
});
