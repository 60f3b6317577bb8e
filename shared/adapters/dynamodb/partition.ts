import type { CustomerRecord } from '../../core/customer';
import { consentEventItem, orderItem, profileItem } from './items';
import { customerSortKeys } from './keys';

type Item = Record<string, unknown>;

/** A customer's record from the items of their partition; undefined when there is no profile. */
export function groupPartition(items: readonly Item[]): CustomerRecord | undefined {
  const profile = items.find((item) => item.sk === customerSortKeys.profile);
  if (profile === undefined) return undefined;
  const startsWith = (prefix: string) => (item: Item) => String(item.sk).startsWith(prefix);
  return {
    customer: profileItem.parse(profile),
    orders: items.filter(startsWith(customerSortKeys.order)).map(orderItem.parse),
    consentHistory: items
      .filter(startsWith(customerSortKeys.consentEvent))
      .map(consentEventItem.parse),
  };
}
