import { summarizePurchases } from './aggregates';
import type { Customer } from './customer';
import { customerLapse } from './customer-lapse';
import type { ShopLapseModel } from './lapse/shop-lapse-model';
import { CustomerNotFoundError, InvalidInputError } from './errors';
import { withOptimisticRetry } from './optimistic-retry';
import {
  sameOrderContent,
  type Order,
  type OrderInput,
  type OrderSource,
  type OrderStatus,
} from './order';
import type { Clock, CustomerRepository } from './ports';
import type { ShopSettings } from './settings';
import { dayInZone } from './time-zone';

export interface RecordOrderResult {
  readonly order: Order;
  /** The customer as saved with this order (as read, when nothing changed). */
  readonly customer: Customer;
  /** `unchanged` when the same order was posted again: nothing was written. */
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/** A platform's clock may run a little ahead of ours; more than a day ahead is a mistake. */
const MAX_CLOCK_AHEAD_MS = 86_400_000;

/**
 * Cancelled and returned are final: a late retry or replay of the original "placed" request must
 * not count a returned parcel again. Going from one final status to the other is allowed.
 */
function nextStatus(stored: OrderStatus | undefined, requested: OrderStatus): OrderStatus {
  return stored !== undefined && stored !== 'placed' && requested === 'placed' ? stored : requested;
}

/**
 * Records a platform order or a change of its status. One read (profile and orders) and one
 * transaction (order, order-id claim, aggregates); a repeat of the same order writes nothing.
 */
export async function recordOrder(
  deps: {
    customers: CustomerRepository;
    settings: ShopSettings;
    clock: Clock;
    /** The shop's fitted model, as the function cached it; null before the first refit. */
    lapseModel: ShopLapseModel | null;
  },
  ref: { customerId: string; source: OrderSource; orderId: string },
  input: OrderInput,
): Promise<RecordOrderResult> {
  if (input.total.currency !== deps.settings.currency) {
    throw InvalidInputError.forField(
      'total.currency',
      `must be the shop's currency, ${deps.settings.currency}`,
    );
  }
  const latestAllowed = deps.clock.now().getTime() + MAX_CLOCK_AHEAD_MS;
  if (Date.parse(input.placedAt) > latestAllowed) {
    throw InvalidInputError.forField('placedAt', 'must not be in the future');
  }
  return withOptimisticRetry(async () => {
    const context = await deps.customers.loadOrderContext(ref.customerId);
    if (context === undefined) throw new CustomerNotFoundError(ref.customerId);
    const previous = context.orders.find(
      (order) => order.source === ref.source && order.orderId === ref.orderId,
    );
    const now = deps.clock.now().toISOString();
    const order: Order = {
      ...ref,
      placedAt: input.placedAt,
      purchaseDay: dayInZone(input.placedAt, deps.settings.timeZone),
      total: input.total,
      status: nextStatus(previous?.status, input.status),
      ...(input.lines !== undefined && { lines: input.lines }),
      ...(input.shipTo !== undefined && { shipTo: input.shipTo }),
      ...(input.note !== undefined && { note: input.note }),
      recordedAt: previous?.recordedAt ?? now,
      updatedAt: now,
    };
    if (previous !== undefined && sameOrderContent(previous, order))
      return { order: previous, customer: context.customer, outcome: 'unchanged' };
    const orders = [...context.orders.filter((existing) => existing !== previous), order];
    const aggregates = summarizePurchases(orders, deps.settings.currency);
    const customer = {
      ...context.customer,
      aggregates,
      // The due day moves in the same write as the order that moves it.
      lapse: customerLapse(aggregates, deps.settings.lapsePolicy, deps.lapseModel),
      version: context.customer.version + 1,
      updatedAt: now,
    };
    await deps.customers.saveOrder({ customer, previousVersion: context.customer.version, order });
    return { order, customer, outcome: previous === undefined ? 'created' : 'updated' };
  });
}
