import type { Channel } from '../../core/consent';
import type { OrderSource } from '../../core/order';

/**
 * Every key of the shop table is built here, from typed inputs; nobody else spells `CUST#…`.
 * One table per shop stack, so no key carries a shop id.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Every customer partition starts with this; the export's Scan filters on it. */
export const CUSTOMER_PREFIX = 'CUST#';

/** Sort keys inside a customer's partition. */
export const customerSortKeys = {
  profile: 'PROFILE',
  erased: 'ERASED',
  order: 'ORDER#',
  consentEvent: 'CONSENT#',
} as const;

export const keys = {
  settings: (): ItemKey => ({ pk: 'SHOP', sk: 'SETTINGS' }),

  profile: (customerId: string): ItemKey => ({
    pk: customerPartition(customerId),
    sk: customerSortKeys.profile,
  }),
  /** Left in place of an erased profile: no personal data, only that and when it was erased. */
  erasureTombstone: (customerId: string): ItemKey => ({
    pk: customerPartition(customerId),
    sk: customerSortKeys.erased,
  }),
  order: (customerId: string, source: OrderSource, orderId: string): ItemKey => ({
    pk: customerPartition(customerId),
    sk: `${customerSortKeys.order}${source}#${orderId}`,
  }),
  consentEvent: (customerId: string, at: string, eventId: string): ItemKey => ({
    pk: customerPartition(customerId),
    sk: `${customerSortKeys.consentEvent}${at}#${eventId}`,
  }),

  /** Claims a platform order id for one customer, so the same order cannot count twice. */
  orderClaim: (source: OrderSource, orderId: string): ItemKey => ({
    pk: `ORDERID#${source}#${orderId}`,
    sk: 'CLAIM',
  }),
  /** Makes a phone or email belong to at most one customer. */
  identity: (channel: Channel, address: string): ItemKey => ({
    pk: channel === 'sms' ? `PHONE#${address}` : `EMAIL#${address}`,
    sk: 'IDENTITY',
  }),
  exportJob: (exportId: string): ItemKey => ({ pk: `EXPORT#${exportId}`, sk: 'JOB' }),
  /** The shop's fitted lapse model, written by the weekly refit. */
  lapseModel: (): ItemKey => ({ pk: 'SHOP', sk: 'LAPSE_MODEL' }),
  /** Consent and suppression of an address, keyed by its HMAC so it outlives an erasure. */
  address: (channel: Channel, addressHash: string): ItemKey => ({
    pk: `ADDR#${channel}#${addressHash}`,
    sk: 'CONSENT',
  }),
  /** One message's ledger record, by `messageKey(job)` (percent-encoded parts, `#`-joined). */
  message: (messageKey: string): ItemKey => ({ pk: `MSG#${messageKey}`, sk: 'MESSAGE' }),
  /** A customer's marketing sends of the last 24 hours (the frequency cap's window). */
  capWindow: (customerId: string): ItemKey => ({ pk: `CAP#${customerId}`, sk: 'WINDOW' }),
};

export function customerPartition(customerId: string): string {
  return `${CUSTOMER_PREFIX}${customerId}`;
}

/**
 * Sort keys order as CONSENT# < ERASED < ORDER# < PROFILE, so `sk >= ORDER#` returns the orders
 * and the profile in one Query, without the consent history.
 */
export const ORDERS_AND_PROFILE_FROM = customerSortKeys.order;

export const CUSTOMER_LIST_PARTITION = 'CUSTOMER';

/** The sparse customer-list index: one partition, sorted by ULID, i.e. by creation time. */
export const customerListKeys = (customerId: string) => ({
  listPk: CUSTOMER_LIST_PARTITION,
  listSk: customerId,
});

/** The due index: one partition, sorted by due day, then customer id (to keep keys unique). */
export const DUE_PARTITION = 'DUE';
export const dueKeys = (customerId: string, dueDay: string) => ({
  duePk: DUE_PARTITION,
  dueSk: `${dueDay}#${customerId}`,
});
