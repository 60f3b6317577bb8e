import { z } from 'zod';
import { ConsentEvent, PurposeConsent } from '../../core/consent';
import { Customer } from '../../core/customer';
import { Order } from '../../core/order';
import { ShopSettings } from '../../core/settings';
import { customerListKeys, keys } from './keys';

/**
 * Items as stored: the domain object plus its key attributes. Reading parses through the domain
 * schema (no casts), which also strips the key attributes, so a malformed item fails loudly at
 * the seam instead of deep in the core.
 */
type Item = Record<string, unknown>;

export const profileItem = {
  from: (customer: Customer): Item => ({
    ...keys.profile(customer.id),
    ...customerListKeys(customer.id),
    ...customer,
  }),
  parse: (item: Item): Customer => Customer.parse(item),
};

export const orderItem = {
  from: (order: Order): Item => ({
    ...keys.order(order.customerId, order.source, order.orderId),
    ...order,
  }),
  parse: (item: Item): Order => Order.parse(item),
};

export const consentEventItem = {
  from: (event: ConsentEvent): Item => ({
    ...keys.consentEvent(event.customerId, event.at, event.eventId),
    ...event,
  }),
  parse: (item: Item): ConsentEvent => ConsentEvent.parse(item),
};

export const settingsItem = {
  from: (settings: ShopSettings): Item => ({ ...keys.settings(), ...settings }),
  parse: (item: Item): ShopSettings => ShopSettings.parse(item),
};

/** Per-address consent and suppression: holds no phone or email, only the keyed hash in its key. */
export const AddressItem = z.object({
  consent: PurposeConsent,
  version: z.number().int().min(1),
  erasedAt: z.string().optional(),
});
export type AddressItem = z.infer<typeof AddressItem>;

export const IdentityItem = z.object({ customerId: z.string() });
export const OrderClaimItem = z.object({ customerId: z.string() });
export const TombstoneItem = z.object({ erasedAt: z.string() });
