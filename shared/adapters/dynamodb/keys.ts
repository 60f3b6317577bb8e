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
  /** A send job deferred past quiet hours, by `messageKey(job)`: one per message. */
  deferredJob: (messageKey: string): ItemKey => ({ pk: `DEFER#${messageKey}`, sk: 'JOB' }),
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

/**
 * Deferred send jobs share the due index with win-back under their own partition, sorted by the
 * instant they are due, then message key (to keep keys unique): no index of their own.
 */
export const SEND_AT_PARTITION = 'SEND_AT';
export const deferredJobDueKeys = (until: string, messageKey: string) => ({
  duePk: SEND_AT_PARTITION,
  dueSk: `${until}#${messageKey}`,
});
/** The highest `dueSk` of jobs due at `now`: `#` and then anything a message key holds. */
export const deferredJobsDueBy = (now: string) => `${now}#\uffff`;

/**
 * Messages whose outcome is unknown share the due index too, newest last, so the owner can list
 * the customers who may or may not have got one.
 */
export const UNKNOWN_MESSAGES_PARTITION = 'UNKNOWN_MSG';
export const unknownMessageIndexKeys = (at: string, messageKey: string) => ({
  duePk: UNKNOWN_MESSAGES_PARTITION,
  dueSk: `${at}#${messageKey}`,
});
