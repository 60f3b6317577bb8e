import type { Customer } from '../customer';
import type { CapWindow } from './frequency-cap';

/** What a send decides on: the customer (with consent and suppression) and their cap window. */
export interface Recipient {
  /** `erased`: the person asked to be forgotten; undefined: no such customer. */
  readonly customer: Customer | 'erased' | undefined;
  /** Asked for marketing only; `{ sends: [], version: 0 }` when there is none yet. */
  readonly capWindow?: CapWindow;
}

/**
 * Reads a recipient in one round trip. The profile carries the consent and suppression of its
 * addresses (every write to an address item mirrors onto its holder's profile in the same
 * transaction), so no address item needs reading before a send.
 */
export interface RecipientReader {
  read(customerId: string, options: { readonly capWindow: boolean }): Promise<Recipient>;
}
