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
  /** A journey through a workflow: `ENROLL#<workflowId>#<compact start>`. */
  enrollment: 'ENROLL#',
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

  /**
   * One customer's journey through a workflow, in the customer's partition (an erasure removes it
   * with the rest), started by one trigger: `compactStart` is the compact UTC instant the
   * enrollment id ends with, so a customer's journeys in one workflow sort oldest first.
   */
  enrollment: (customerId: string, workflowId: string, compactStart: string): ItemKey => ({
    pk: customerPartition(customerId),
    sk: `${customerSortKeys.enrollment}${workflowId}#${compactStart}`,
  }),
  /** A workflow's definition as the owner saved it (absent: the built-in default applies). */
  workflowDefinition: (workflowId: string): ItemKey => ({
    pk: `WORKFLOW#${workflowId}`,
    sk: 'DEFINITION',
  }),
  /** A broadcast or promotion: its definition, status and audience. */
  campaign: (campaignId: string): ItemKey => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'CAMPAIGN' }),
  /** How far one parallel-scan segment of a campaign's fan-out has got (its cursor and count). */
  campaignScanSegment: (campaignId: string, segment: number): ItemKey => ({
    pk: `CAMPAIGN#${campaignId}`,
    sk: `SCAN#${String(segment).padStart(4, '0')}`,
  }),
  /**
   * The running counts of one workflow or campaign (sent, delivered, skipped by reason, …), by
   * `tallyOwner`: increments only, never rewritten whole.
   */
  tally: (owner: string): ItemKey => ({ pk: `TALLY#${owner}`, sk: 'COUNTS' }),
  /** An owner-edited message template; the shop partition lists them with `begins_with`. */
  template: (templateId: string): ItemKey => ({ pk: 'SHOP', sk: `TEMPLATE#${templateId}` }),
};

/** The sort-key prefix that lists the shop's own templates in the `SHOP` partition. */
export const TEMPLATE_SORT_PREFIX = 'TEMPLATE#';

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
/**
 * The highest `dueSk` of the entries due at `upTo` (an instant or a day) in any partition of the
 * due index: every `dueSk` is `<when>#<unique id>`, so `#` and then the highest character.
 */
export const dueIndexUpTo = (upTo: string) => `${upTo}#\uffff`;

/**
 * Messages whose outcome is unknown share the due index too, newest last, so the owner can list
 * the customers who may or may not have got one.
 */
export const UNKNOWN_MESSAGES_PARTITION = 'UNKNOWN_MSG';
export const unknownMessageIndexKeys = (at: string, messageKey: string) => ({
  duePk: UNKNOWN_MESSAGES_PARTITION,
  dueSk: `${at}#${messageKey}`,
});

/**
 * Active enrollments share the due index under their own partition, sorted by the instant their
 * next step is due, then enrollment id: the planner reads what is due up to now, and an
 * enrollment leaves the index by losing `duePk`/`dueSk` once it ends.
 */
export const ENROLLMENT_DUE_PARTITION = 'ENROLL_AT';
export const enrollmentDueKeys = (nextAt: string, enrollmentId: string) => ({
  duePk: ENROLLMENT_DUE_PARTITION,
  dueSk: `${nextAt}#${enrollmentId}`,
});

/**
 * Campaigns are listed newest first on the customer-list index under their own partition (the
 * index projects every attribute, which is what a list page shows): no index of their own.
 */
export const CAMPAIGN_LIST_PARTITION = 'CAMPAIGN';
export const campaignListKeys = (createdAt: string, campaignId: string) => ({
  listPk: CAMPAIGN_LIST_PARTITION,
  listSk: `${createdAt}#${campaignId}`,
});

/** The partition whose `TEMPLATE_SORT_PREFIX` items are the shop's own templates (see keys.template). */
export const TEMPLATE_PARTITION = 'SHOP';

/**
 * One item per SES message whose delivery was counted, so an SNS redelivery of the same event
 * finds it and counts nothing. Kept 30 days (`ttl`), well past SNS's retry window.
 */
export const deliveryReceiptKey = (sesMessageId: string): ItemKey => ({
  pk: `DELIVERED#${sesMessageId}`,
  sk: 'RECEIPT',
});
export const DELIVERY_RECEIPT_TTL_DAYS = 30;
