import type { CurrencyCode } from '../money';
import type { CapWindowStore } from '../messaging/ledger';
import type { LastTouch } from '../messaging/frequency-cap';
import type { OrderObserver } from '../order-observer';
import type { TallyStore } from './tally';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AttributionDeps {
  /** The customer's cap window, which carries the last touch. */
  readonly capWindows: Pick<CapWindowStore, 'read'>;
  readonly tallies: Pick<TallyStore, 'add'>;
  readonly settings: { readonly attributionWindowDays: number; readonly currency: CurrencyCode };
}

/** Whether an order placed at `placedAt` falls within `windowDays` after the last touch. */
export function withinAttributionWindow(
  lastTouch: LastTouch,
  placedAt: string,
  windowDays: number,
): boolean {
  const touched = Date.parse(lastTouch.at);
  const placed = Date.parse(placedAt);
  return touched <= placed && placed <= touched + windowDays * DAY_MS;
}

/**
 * Last-touch attribution: a new order placed within the attribution window after the customer's
 * latest marketing message counts, with its total, to that message's workflow or campaign. One
 * read (the cap window) and, when it counts, one increment. Revenue is added only in the shop's
 * currency (an order in another one counts as an order); an order recorded twice is observed once
 * (the order route calls observers for new orders only).
 */
export function attributionObserver(deps: AttributionDeps): OrderObserver {
  return async ({ customer, order }) => {
    const { lastTouch } = await deps.capWindows.read(customer.id);
    if (lastTouch === undefined) return;
    if (!withinAttributionWindow(lastTouch, order.placedAt, deps.settings.attributionWindowDays))
      return;
    const revenue = order.total.currency === deps.settings.currency ? order.total.amount : 0;
    await deps.tallies.add(lastTouch.owner, { attributedOrders: 1, attributedRevenue: revenue });
  };
}

/**
 * Counts an unsubscribe to whoever sent the customer's latest marketing message: the link does
 * not say which message it came from, and the last one is the likeliest. Call it once per
 * withdrawal that changed something.
 */
export async function countUnsubscribe(
  deps: Pick<AttributionDeps, 'capWindows' | 'tallies'>,
  customerId: string,
): Promise<void> {
  const { lastTouch } = await deps.capWindows.read(customerId);
  if (lastTouch !== undefined) await deps.tallies.add(lastTouch.owner, { unsubscribed: 1 });
}
