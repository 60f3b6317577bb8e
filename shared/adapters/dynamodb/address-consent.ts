import { ConcurrentWriteError } from '../../core/errors';
import type {
  AddressConsent,
  AddressRef,
  AddressStanding,
  CustomerRepository,
} from '../../core/ports';
import { AddressItem, consentEventItem, profileItem } from './items';
import { keys } from './keys';
import { batchGetAll, itemKeyId } from './paging';
import type { TableAccess } from './table-access';
import { transactWrite } from './transactions';
import { versionCondition } from './version-condition';

/** The standing consent of each address, read by its keyed hash in one BatchGetItem. */
export async function readAddressConsent(
  store: TableAccess,
  refs: readonly AddressRef[],
): Promise<AddressConsent[]> {
  if (refs.length === 0) return [];
  const wanted = refs.map((ref) => addressKeyOf(store, ref));
  const found = await batchGetAll(store.client, store.tableName, wanted);
  return wanted.map((key) => {
    const stored = found.get(itemKeyId(key));
    const item = stored === undefined ? undefined : AddressItem.parse(stored);
    return item === undefined
      ? { consent: {}, version: 0 }
      : {
          consent: item.consent,
          version: item.version,
          ...(item.suppression === undefined ? {} : { suppression: item.suppression }),
        };
  });
}

function addressKeyOf(store: TableAccess, ref: AddressRef) {
  return keys.address(ref.channel, store.hasher.hash(ref.channel, ref.address));
}

/**
 * Makes a create or update of a customer conditional on each address's standing as it was read,
 * so a withdrawal or erasure that lands in between makes the writer read again.
 */
export function standingChecks(store: TableAccess, standing: readonly AddressStanding[]) {
  return standing.map((address) => ({
    ConditionCheck: {
      TableName: store.tableName,
      Key: addressKeyOf(store, address),
      ...versionCondition(address.version),
    },
  }));
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
  const addressCondition = versionCondition(address.version);
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
          ...versionCondition(previousVersion),
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: addressKeyOf(store, address),
          UpdateExpression: 'SET consent = :consent, version = :next',
          ConditionExpression: addressCondition.ConditionExpression,
          ExpressionAttributeValues: {
            ':consent': address.consent,
            ':next': address.version + 1,
            ...addressCondition.ExpressionAttributeValues,
          },
        },
      },
    ],
    () => new ConcurrentWriteError(`Consent of customer ${customer.id}`),
  );
}

/**
 * A suppression: set on the address item (kept through an erasure, keyed by the HMAC) and on the
 * holder's profile, so a send decides from the profile alone; one transaction guarded by both
 * versions.
 */
export async function writeSuppression(
  store: TableAccess,
  change: Parameters<CustomerRepository['saveSuppression']>[0],
): Promise<void> {
  const { address, suppression, holder } = change;
  const addressCondition = versionCondition(address.version);
  await transactWrite(
    store.client,
    [
      {
        Update: {
          TableName: store.tableName,
          Key: addressKeyOf(store, address),
          // A new address item starts with no consent recorded, as readAddressConsent reads it.
          UpdateExpression:
            'SET suppression = :suppression, version = :next, consent = if_not_exists(consent, :none)',
          ConditionExpression: addressCondition.ConditionExpression,
          ExpressionAttributeValues: {
            ':suppression': suppression,
            ':next': address.version + 1,
            ':none': {},
            ...addressCondition.ExpressionAttributeValues,
          },
        },
      },
      ...(holder === undefined
        ? []
        : [
            {
              Put: {
                TableName: store.tableName,
                Item: profileItem.from(holder.customer),
                ...versionCondition(holder.previousVersion),
              },
            },
          ]),
    ],
    () => new ConcurrentWriteError(`Suppression of a ${address.channel} address`),
  );
}
