import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ConcurrentWriteError } from '../../core/errors';
import type { AddressConsent, AddressRef, CustomerRepository } from '../../core/ports';
import { AddressItem, consentEventItem, profileItem } from './items';
import { keys } from './keys';
import type { TableAccess } from './table-access';
import { transactWrite } from './transactions';

type Item = Record<string, unknown>;

/** The standing consent of each address, read by its keyed hash in one BatchGetItem. */
export async function readAddressConsent(
  store: TableAccess,
  refs: readonly AddressRef[],
): Promise<AddressConsent[]> {
  if (refs.length === 0) return [];
  const wanted = refs.map((ref) =>
    keys.address(ref.channel, store.hasher.hash(ref.channel, ref.address)),
  );
  const found = new Map<string, AddressItem>();
  let pending: Item[] | undefined = wanted.map((key) => ({ ...key }));
  while (pending !== undefined && pending.length > 0) {
    const result: BatchGetCommandOutput = await store.client.send(
      new BatchGetCommand({
        RequestItems: { [store.tableName]: { Keys: pending, ConsistentRead: true } },
      }),
    );
    for (const item of result.Responses?.[store.tableName] ?? [])
      found.set(String(item.pk), AddressItem.parse(item));
    pending = result.UnprocessedKeys?.[store.tableName]?.Keys;
  }
  return wanted.map((key) => {
    const item = found.get(key.pk);
    return item === undefined
      ? { consent: {}, version: 0 }
      : { consent: item.consent, version: item.version };
  });
}

/**
 * One consent event: the event (append-only), the profile's and the address's derived state, in
 * one transaction guarded by both versions.
 */
export async function writeConsent(
  store: TableAccess,
  change: Parameters<CustomerRepository['saveConsent']>[0],
): Promise<void> {
  const { customer, previousVersion, event, address } = change;
  const addressKey = keys.address(
    address.channel,
    store.hasher.hash(address.channel, address.address),
  );
  await transactWrite(
    store.client,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: consentEventItem.from(event),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: store.tableName,
          Item: profileItem.from(customer),
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': previousVersion },
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: addressKey,
          UpdateExpression: 'SET consent = :consent, version = :next',
          ConditionExpression:
            address.version === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
          ExpressionAttributeValues: {
            ':consent': address.consent,
            ':next': address.version + 1,
            ...(address.version > 0 && { ':previous': address.version }),
          },
        },
      },
    ],
    () => new ConcurrentWriteError(`Consent of customer ${customer.id}`),
  );
}
