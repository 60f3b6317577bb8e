import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../core/customer';
import type { Recipient, RecipientReader } from '../../core/messaging/recipient';
import { parseCapWindowItem } from './cap-window-store';
import { profileItem } from './items';
import { keys, type ItemKey } from './keys';
import { batchGetAll, itemKeyId } from './paging';

/**
 * The recipient of a send in one BatchGetItem (strongly consistent): the profile, the erasure
 * tombstone that replaces it, and for marketing the frequency-cap window.
 */
export class DynamoRecipientReader implements RecipientReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(customerId: string, options: { readonly capWindow: boolean }): Promise<Recipient> {
    const wanted = {
      profile: keys.profile(customerId),
      tombstone: keys.erasureTombstone(customerId),
      ...(options.capWindow ? { capWindow: keys.capWindow(customerId) } : {}),
    };
    const found = await batchGetAll(this.client, this.tableName, Object.values(wanted));
    const at = (key: ItemKey) => found.get(itemKeyId(key));

    const profile = at(wanted.profile);
    const customer: Customer | 'erased' | undefined =
      profile !== undefined
        ? profileItem.parse(profile)
        : at(wanted.tombstone) !== undefined
          ? 'erased'
          : undefined;
    if (wanted.capWindow === undefined) return { customer };
    const window = at(wanted.capWindow);
    return {
      customer,
      capWindow: window === undefined ? { sends: [], version: 0 } : parseCapWindowItem(window),
    };
  }
}
