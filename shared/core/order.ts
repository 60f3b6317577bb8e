import { z } from 'zod';
import { CustomerId } from './customer-id';
import { CalendarDay, Instant } from './time-zone';
import { Money } from './money';
import { typedText } from './text';

export const OrderSource = z.enum(['website', 'shopee', 'tiktok', 'facebook', 'zalo', 'manual']);
export type OrderSource = z.infer<typeof OrderSource>;

/** placed → cancelled or returned (cash-on-delivery parcels often come back). */
export const OrderStatus = z.enum(['placed', 'cancelled', 'returned']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** The platform's own order id, e.g. Shopee's "2311230ABCDEF". */
export const PlatformOrderId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_", ":" or "-"');

export const OrderLine = z.strictObject({
  name: typedText(200),
  sku: z.string().max(64).optional(),
  quantity: z.number().int().min(1).max(100_000),
  unitPrice: Money.optional(),
});

/** Where the parcel went: personal data, removed when the customer is erased. */
export const ShipTo = z.strictObject({
  name: typedText(100).optional(),
  phone: z.string().max(32).optional(),
  address: typedText(500).optional(),
});

export const OrderInput = z.strictObject({
  placedAt: Instant,
  total: Money,
  status: OrderStatus.default('placed'),
  lines: z.array(OrderLine).max(200).optional(),
  shipTo: ShipTo.optional(),
  note: typedText(1000).optional(),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const Order = z.object({
  customerId: z.string(),
  source: OrderSource,
  orderId: z.string(),
  placedAt: z.string(),
  /** The day of purchase in the shop's time zone. */
  purchaseDay: CalendarDay,
  total: Money,
  status: OrderStatus,
  lines: z.array(OrderLine).optional(),
  shipTo: ShipTo.optional(),
  note: z.string().optional(),
  recordedAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof Order>;

/** Cancelled and returned orders are kept for the record but never count as a purchase. */
export function countsAsPurchase(order: Pick<Order, 'status'>): boolean {
  return order.status === 'placed';
}

/** True when the stored order already says everything the new input says: a repeat is a no-op. */
export function sameOrderContent(stored: Order, candidate: Order): boolean {
  const content = (order: Order) =>
    JSON.stringify([
      order.placedAt,
      order.total,
      order.status,
      order.lines,
      order.shipTo,
      order.note,
    ]);
  return content(stored) === content(candidate);
}

export const OrderPath = z.strictObject({
  customerId: CustomerId,
  source: OrderSource,
  orderId: PlatformOrderId,
});
