import type { Customer } from './customer';
import type { Order } from './order';

/**
 * Something that reacts to a newly recorded order after it is saved: a journey it ends, a message
 * it is attributed to. The order itself is already safe when an observer runs; an observer that
 * fails is logged and does not fail the request (see each observer for how it catches up).
 */
export type OrderObserver = (event: {
  readonly customer: Customer;
  readonly order: Order;
  readonly now: string;
}) => Promise<void>;
