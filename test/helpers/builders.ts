import type { ConsentState } from '../../shared/core/consent';
import type { Clock, IdGenerator } from '../../shared/core/ports';
import type { Order } from '../../shared/core/order';
import { defaultShopSettings, type ShopSettings } from '../../shared/core/settings';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-23T03:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

export const ids: IdGenerator = new UlidGenerator();

export const vietnameseShop: ShopSettings = { ...defaultShopSettings, name: 'Xà phòng Thảo Mộc' };

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    customerId: '01JCUSTOMER0000000000000000'.slice(0, 26),
    source: 'shopee',
    orderId: `O-${Math.random().toString(36).slice(2)}`,
    placedAt: '2026-10-01T05:00:00.000Z',
    purchaseDay: '2026-10-01',
    total: { amount: 150_000, currency: 'VND' },
    status: 'placed',
    recordedAt: '2026-10-01T05:00:00.000Z',
    updatedAt: '2026-10-01T05:00:00.000Z',
    ...overrides,
  };
}

/** A marketing grant and a later withdrawal, as the send policies' tests start from them. */
export const grantedAtCheckout: ConsentState = {
  status: 'granted',
  at: '2026-11-01T00:00:00.000Z',
  source: 'checkout',
};
export const withdrawnByLink: ConsentState = {
  status: 'withdrawn',
  at: '2026-11-02T00:00:00.000Z',
  source: 'unsubscribe_link',
};
