import type { Channel, ConsentEvent, PurposeConsent } from './consent';
import type { Customer, CustomerRecord } from './customer';
import type { CustomerLapse } from './customer-lapse';
import type { ShopLapseModel } from './lapse/shop-lapse-model';
import type { Order } from './order';
import type { Suppression } from './messaging/suppression';
import type { ShopSettings } from './settings';

/** The only source of "now" for the core: injected, so tests run over simulated weeks. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new ULID. */
  newId(): string;
}

export interface SettingsRepository {
  /** The shop's settings, or the defaults when the owner has not saved any yet. */
  get(): Promise<ShopSettings>;
  /** Saves `next` if the stored version is still `expectedVersion`, else ConcurrentWriteError. */
  save(next: ShopSettings, expectedVersion: number): Promise<void>;
}

/** Consent and suppression state of one phone number or email address, whoever holds it now. */
export interface AddressConsent {
  readonly consent: PurposeConsent;
  /** Set once the address bounced, complained or refused everything; never lifted by a write. */
  readonly suppression?: Suppression;
  /** 0 when nothing is recorded for the address yet. */
  readonly version: number;
}

/**
 * An address's state as the writer read it: a create or update is conditional on it, so an
 * erasure or withdrawal racing with it is never missed.
 */
export interface AddressStanding {
  readonly channel: Channel;
  readonly address: string;
  readonly version: number;
}

export interface AddressRef {
  readonly channel: Channel;
  /** E.164 phone or normalized email. */
  readonly address: string;
}

export interface OrderContext {
  readonly customer: Customer;
  readonly orders: readonly Order[];
}

export interface CustomerPage {
  readonly customers: readonly Customer[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}

export interface CustomerRepository {
  /**
   * Profile and identity items in one transaction, conditional on each address's standing;
   * DuplicateIdentityError names the holder.
   */
  create(customer: Customer, standing: readonly AddressStanding[]): Promise<void>;
  /** One GetItem. Throws CustomerErasedError for an erased customer; undefined when unknown. */
  getProfile(customerId: string): Promise<Customer | undefined>;
  /** Profile, orders and consent history: the answer to a person's access request. */
  getRecord(customerId: string): Promise<CustomerRecord | undefined>;
  findByAddress(ref: AddressRef): Promise<Customer | undefined>;
  list(page: { limit: number; cursor?: string }): Promise<CustomerPage>;
  /**
   * Conditional on `previous.version` and the new addresses' standing; moves identity items when
   * the phone or email changed.
   */
  update(next: Customer, previous: Customer, standing: readonly AddressStanding[]): Promise<void>;
  /** The profile and every order of the customer, in one read. */
  loadOrderContext(customerId: string): Promise<OrderContext | undefined>;
  /** The order, its platform-id claim and the new aggregates in one transaction. */
  saveOrder(change: { customer: Customer; previousVersion: number; order: Order }): Promise<void>;
  getAddressConsent(refs: readonly AddressRef[]): Promise<AddressConsent[]>;
  /** The event (append-only), the profile's and the address's derived state in one transaction. */
  saveConsent(change: {
    customer: Customer;
    previousVersion: number;
    event: ConsentEvent;
    address: AddressRef & AddressConsent;
  }): Promise<void>;
  /**
   * Suppresses an address: the address item (conditional on the version read) and, when someone
   * holds the address, their profile (conditional on its version), in one transaction.
   */
  saveSuppression(change: {
    address: AddressRef & { readonly version: number };
    suppression: Suppression;
    holder?: { readonly customer: Customer; readonly previousVersion: number };
  }): Promise<void>;
  /**
   * Removes everything that identifies the person; keeps, under a keyed hash of each address,
   * only the fact that it must not be messaged. Safe to repeat after a crash.
   */
  erase(customerId: string, at: string): Promise<void>;
  /** Every customer's record, streamed: memory stays flat however long the list. */
  exportRecords(): AsyncIterable<CustomerRecord>;
  /** Every profile, from the customer-list index (the refit reads them all; it never Scans). */
  allProfiles(): AsyncIterable<Customer>;
  /**
   * Stores a recomputed lapse if the profile is still at `readVersion`. The lapse is derived
   * data, so the version does not move: an owner's If-Match stays valid across a refit.
   */
  saveLapse(customerId: string, lapse: CustomerLapse | null, readVersion: number): Promise<void>;
}

/** Where exports are written: S3 in AWS, a folder locally. */
export interface ExportSink {
  /** Stores the streamed text under `fileName`, replacing any earlier attempt. */
  store(fileName: string, contentType: string, chunks: AsyncIterable<string>): Promise<void>;
  /** A short-lived download link for a stored file. */
  link(fileName: string): Promise<{ url: string; expiresAt: string }>;
}

/** How one message is handed over. */
export interface SendOptions {
  /** Deliver no sooner than this many seconds from now (0..900, SQS's DelaySeconds). */
  readonly delaySeconds?: number;
}

/** Hands work to a worker: SQS in AWS, an in-process queue locally. Delivery is at least once. */
export interface JobQueue<Message> {
  send(message: Message, options?: SendOptions): Promise<void>;
}

/** SQS's longest delivery delay, and its longest visibility timeout's useful back-off here. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/** The shop's fitted lapse model, as the weekly refit stores it. */
export interface LapseModelRepository {
  get(): Promise<{ model: ShopLapseModel; version: number } | undefined>;
  /** Saves `model` if the stored version is still `readVersion` (0: none stored yet). */
  save(model: ShopLapseModel, readVersion: number): Promise<void>;
}
