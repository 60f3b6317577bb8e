import { z } from 'zod';
import { ConsentEvent, PurposeConsent } from '../../core/consent';
import { Customer } from '../../core/customer';
import { Suppression } from '../../core/messaging/suppression';
import { Order } from '../../core/order';
import { ShopSettings } from '../../core/settings';
import { customerListKeys, dueKeys, keys } from './keys';

type Item = Record<string, unknown>;

/**
 * An item as stored: the domain object plus its key attributes. Both directions go through the
 * domain schema (no casts): a write that would store something unreadable fails before it is
 * sent, and a malformed item fails loudly at the seam instead of deep in the core.
 */
function itemOf<S extends z.ZodType<object>>(schema: S, keysOf: (value: z.output<S>) => object) {
  return {
    from: (value: z.output<S>): Item => {
      const valid = schema.parse(value);
      return { ...keysOf(valid), ...(valid as object) };
    },
    parse: (item: Item): z.output<S> => {
      const { pk, sk, listPk, listSk, duePk, dueSk, ttl, ...domain } = item;
      return schema.parse(domain);
    },
  };
}

export const profileItem = itemOf(Customer, (customer) => ({
  ...keys.profile(customer.id),
  ...customerListKeys(customer.id),
  ...(customer.lapse?.dueDay != null && dueKeys(customer.id, customer.lapse.dueDay)),
}));

export const orderItem = itemOf(Order, (order) =>
  keys.order(order.customerId, order.source, order.orderId),
);

export const consentEventItem = itemOf(ConsentEvent, (event) =>
  keys.consentEvent(event.customerId, event.at, event.eventId),
);

export const settingsItem = itemOf(ShopSettings, () => keys.settings());

/** Per-address consent and suppression: holds no phone or email, only the keyed hash in its key. */
export const AddressItem = z.object({
  consent: PurposeConsent,
  suppression: Suppression.optional(),
  version: z.number().int().min(1),
  erasedAt: z.string().optional(),
});
export type AddressItem = z.infer<typeof AddressItem>;

export const IdentityItem = z.object({ customerId: z.string() });
export const OrderClaimItem = z.object({ customerId: z.string() });
export const TombstoneItem = z.object({ erasedAt: z.string() });
