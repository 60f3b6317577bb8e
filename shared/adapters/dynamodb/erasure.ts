import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contactAddresses } from '../../core/customer';
import type { ConsentState } from '../../core/consent';
import { ConcurrentWriteError } from '../../core/errors';
import { orderItem, profileItem } from './items';
import { customerPartition, customerSortKeys, keys } from './keys';
import { batchWriteAll, queryAll } from './paging';
import type { TableAccess } from './table-access';
import { transactWrite } from './transactions';
import { versionCondition } from './version-condition';

type Item = Record<string, unknown>;

/**
 * Erases a customer in two phases, each safe to repeat:
 * 1. one transaction swaps the profile for an anonymous tombstone, frees the phone and email, and
 *    marks each address (keyed only by its HMAC) withdrawn for every purpose, so nothing is sent
 *    to it again whatever a later import says;
 * 2. the consent history and the workflow enrollments are deleted, and the orders lose their personal fields (ship-to, note);
 *    the orders themselves stay, anonymous, in the shop's sales figures.
 * A crash between the phases leaves the tombstone, and a repeated erasure finishes phase 2.
 */
export async function eraseCustomerItems(
  deps: TableAccess,
  customerId: string,
  at: string,
): Promise<void> {
  const items = await partitionItems(deps, customerId);
  const profile = items.find((item) => item.sk === customerSortKeys.profile);
  if (profile !== undefined) await removeIdentity(deps, profileItem.parse(profile), at);
  await scrubHistory(deps, items);
}

async function removeIdentity(
  deps: TableAccess,
  customer: ReturnType<typeof profileItem.parse>,
  at: string,
) {
  const withdrawn: ConsentState = { status: 'withdrawn', at, source: 'erasure' };
  const addresses = contactAddresses(customer);
  await transactWrite(
    deps.client,
    [
      {
        Put: {
          TableName: deps.tableName,
          Item: { ...keys.erasureTombstone(customer.id), erasedAt: at },
        },
      },
      {
        Delete: {
          TableName: deps.tableName,
          Key: keys.profile(customer.id),
          ...versionCondition(customer.version),
        },
      },
      ...addresses.map(({ channel, address }) => ({
        Delete: {
          TableName: deps.tableName,
          Key: keys.identity(channel, address),
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :me',
          ExpressionAttributeValues: { ':me': customer.id },
        },
      })),
      ...addresses.map(({ channel, address }) => ({
        Update: {
          TableName: deps.tableName,
          Key: keys.address(channel, deps.hasher.hash(channel, address)),
          UpdateExpression:
            'SET consent = :consent, erasedAt = :at, version = if_not_exists(version, :zero) + :one',
          ExpressionAttributeValues: {
            ':consent': { marketing: withdrawn, transactional: withdrawn },
            ':at': at,
            ':zero': 0,
            ':one': 1,
          },
        },
      })),
    ],
    () => new ConcurrentWriteError(`Customer ${customer.id}`),
  );
}

async function scrubHistory(deps: TableAccess, items: readonly Item[]) {
  // Journeys go with the consent history: deleting an active one also takes it off the due index.
  const deleted = [customerSortKeys.consentEvent, customerSortKeys.enrollment];
  const deletedKeys = items
    .filter((item) => deleted.some((prefix) => String(item.sk).startsWith(prefix)))
    .map((item) => ({ pk: item.pk, sk: item.sk }));
  await batchWriteAll(
    deps.client,
    deps.tableName,
    deletedKeys.map((Key) => ({ DeleteRequest: { Key } })),
  );
  const ordersWithPersonalFields = items
    .filter((item) => String(item.sk).startsWith(customerSortKeys.order))
    .map(orderItem.parse)
    .filter((order) => order.shipTo !== undefined || order.note !== undefined);
  for (const order of ordersWithPersonalFields) {
    await deps.client.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.order(order.customerId, order.source, order.orderId),
        UpdateExpression: 'REMOVE shipTo, note',
      }),
    );
  }
}

function partitionItems(deps: TableAccess, customerId: string): Promise<Item[]> {
  return queryAll(deps.client, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': customerPartition(customerId) },
    ConsistentRead: true,
  });
}
