import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../shared/core/customer-commands';
import { customerInputSchema, type Customer } from '../../shared/core/customer';
import { OrderOwnedByAnotherCustomerError } from '../../shared/core/errors';
import { OrderInput } from '../../shared/core/order';
import { recordOrder } from '../../shared/core/record-order';
import { createStore, type StoreFixture } from '../helpers/store';
import { dumpTable } from '../helpers/table-dump';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

async function newCustomer(phone: string): Promise<Customer> {
  return createCustomer(store, customerInputSchema('VN').parse({ name: 'Trần Văn Bình', phone }));
}

const order = (placedAt: string, amount: number, status?: string) =>
  OrderInput.parse({ placedAt, total: { amount, currency: 'VND' }, ...(status && { status }) });

describe('recording orders', () => {
  describe('idempotency', () => {
    it('counts the same order posted 10 times at once exactly once', async () => {
      const customer = await newCustomer('0912 100 001');
      const ref = { customerId: customer.id, source: 'shopee' as const, orderId: '2311230ABC' };
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          recordOrder(store, ref, order('2026-11-01T10:00:00+07:00', 250_000)),
        ),
      );
      expect(results.filter((result) => result.outcome === 'created')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'unchanged')).toHaveLength(9);
      const profile = await store.customers.getProfile(customer.id);
      expect(profile?.aggregates).toMatchObject({
        orderCount: 1,
        totalSpent: { amount: 250_000 },
        purchaseDays: 1,
      });
      const items = await dumpTable(store.documentClient, store.table.tableName);
      expect(
        items.filter(
          (item) => item.orderId === '2311230ABC' && String(item.sk).startsWith('ORDER#'),
        ),
      ).toHaveLength(1);
    });

    it('refuses to record one platform order for a second customer', async () => {
      const first = await newCustomer('0912 100 002');
      const second = await newCustomer('0912 100 003');
      await recordOrder(
        store,
        { customerId: first.id, source: 'tiktok', orderId: 'T-1' },
        order('2026-11-01T10:00:00Z', 1),
      );
      await expect(
        recordOrder(
          store,
          { customerId: second.id, source: 'tiktok', orderId: 'T-1' },
          order('2026-11-01T10:00:00Z', 1),
        ),
      ).rejects.toEqual(new OrderOwnedByAnotherCustomerError(first.id));
      expect((await store.customers.getProfile(second.id))?.aggregates.orderCount).toBe(0);
    });
  });

  describe('status changes', () => {
    it('leaves the aggregates as if a cancelled order had never counted', async () => {
      const customer = await newCustomer('0912 100 004');
      const ref = (orderId: string) => ({
        customerId: customer.id,
        source: 'website' as const,
        orderId,
      });
      await recordOrder(store, ref('A'), order('2026-09-01T09:00:00+07:00', 100_000));
      await recordOrder(store, ref('B'), order('2026-09-22T09:00:00+07:00', 200_000));
      const before = (await store.customers.getProfile(customer.id))?.aggregates;
      await recordOrder(store, ref('C'), order('2026-10-13T09:00:00+07:00', 300_000));
      const returned = await recordOrder(
        store,
        ref('C'),
        order('2026-10-13T09:00:00+07:00', 300_000, 'returned'),
      );
      expect(returned.outcome).toBe('updated');
      const after = await store.customers.getProfile(customer.id);
      expect(after?.aggregates).toEqual(before);
      expect(after?.version).toBe(5);
    });

    it('does not count a returned parcel again when the original "placed" request is replayed', async () => {
      const customer = await newCustomer('0912 100 007');
      const ref = { customerId: customer.id, source: 'shopee' as const, orderId: 'COD-RETURN' };
      await recordOrder(store, ref, order('2026-11-05T10:00:00+07:00', 150_000));
      await recordOrder(store, ref, order('2026-11-05T10:00:00+07:00', 150_000, 'returned'));
      const replay = await recordOrder(store, ref, order('2026-11-05T10:00:00+07:00', 150_000));
      expect(replay).toMatchObject({ outcome: 'unchanged', order: { status: 'returned' } });
      expect((await store.customers.getProfile(customer.id))?.aggregates.orderCount).toBe(0);
    });

    it('refuses an order placed in the future or outside this century, naming placedAt', async () => {
      const customer = await newCustomer('0912 100 008');
      const ref = { customerId: customer.id, source: 'manual' as const, orderId: 'FUTURE' };
      const future = new Date(store.clock.now().getTime() + 3 * 86_400_000).toISOString();
      await expect(recordOrder(store, ref, order(future, 1))).rejects.toMatchObject({
        issues: [{ field: 'placedAt' }],
      });
      for (const placedAt of ['0999-06-01T10:00:00+07:00', '9999-12-31T23:59:59Z']) {
        expect(
          OrderInput.safeParse({ placedAt, total: { amount: 1, currency: 'VND' } }).success,
        ).toBe(false);
      }
    });

    it('counts the purchase day in the shop’s time zone', async () => {
      const customer = await newCustomer('0912 100 005');
      // 23:30 in Hồ Chí Minh City is 16:30 UTC on the same day; 00:30 there is the previous day in UTC.
      const result = await recordOrder(
        store,
        { customerId: customer.id, source: 'zalo', orderId: 'Z-1' },
        order('2026-11-01T00:30:00+07:00', 50_000),
      );
      expect(result.order.placedAt).toBe('2026-10-31T17:30:00.000Z');
      expect(result.order.purchaseDay).toBe('2026-11-01');
    });
  });

  describe('gap statistics', () => {
    it('keeps gap statistics from every counted day but only the last 12 gaps', async () => {
      const customer = await newCustomer('0912 100 006');
      for (let week = 0; week < 15; week += 1) {
        const placedAt = new Date(Date.UTC(2026, 0, 5 + week * 7, 3)).toISOString();
        await recordOrder(
          store,
          { customerId: customer.id, source: 'manual', orderId: `W${week}` },
          order(placedAt, 10_000),
        );
      }
      const gaps = (await store.customers.getProfile(customer.id))?.aggregates.gaps;
      expect(gaps).toMatchObject({ count: 14, meanDays: 7, medianDays: 7 });
      expect(gaps?.recentDays).toHaveLength(12);
    });
  });
});
