import {
  GetCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  addressOf,
  contactAddresses,
  type Customer,
  type CustomerRecord,
} from '../../core/customer';
import type { CustomerLapse } from '../../core/customer-lapse';
import {
  ConcurrentWriteError,
  CustomerErasedError,
  DuplicateIdentityError,
  OrderOwnedByAnotherCustomerError,
} from '../../core/errors';
import type {
  AddressConsent,
  AddressRef,
  AddressStanding,
  CustomerPage,
  CustomerRepository,
  OrderContext,
} from '../../core/ports';
import type { AddressHasher } from '../address-hasher';
import { decodeCursor, encodeCursor } from './cursor';
import {
  readAddressConsent,
  standingChecks,
  writeConsent,
  writeSuppression,
} from './address-consent';
import { eraseCustomerItems } from './erasure';
import { scanCustomerRecords } from './export-scan';
import { IdentityItem, OrderClaimItem, TombstoneItem, orderItem, profileItem } from './items';
import { customerPartition, keys, ORDERS_AND_PROFILE_FROM } from './keys';
import { queryAll } from './paging';
import { groupPartition } from './partition';
import { allProfiles, customerListPage, saveLapse } from './customer-list';
import type { TableAccess } from './table-access';
import { transactWrite } from './transactions';
import { versionCondition } from './version-condition';

type Item = Record<string, unknown>;

export class DynamoCustomerRepository implements CustomerRepository {
  private readonly store: TableAccess;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    hasher: AddressHasher,
  ) {
    this.store = { client, tableName, hasher };
  }

  async create(customer: Customer, standing: readonly AddressStanding[]): Promise<void> {
    const identities = contactAddresses(customer);
    await transactWrite(
      this.client,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: profileItem.from(customer),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...identities.map((ref) => this.claimIdentity(ref, customer.id)),
        ...standingChecks(this.store, standing),
      ],
      ([failure]) => {
        const ref = failure && failure.index > 0 ? identities[failure.index - 1] : undefined;
        if (ref === undefined || failure?.existing === undefined)
          return new ConcurrentWriteError(`Customer ${customer.id}`);
        return new DuplicateIdentityError(
          fieldOf(ref),
          IdentityItem.parse(failure?.existing).customerId,
        );
      },
    );
  }

  async getProfile(customerId: string): Promise<Customer | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.profile(customerId),
        ConsistentRead: true,
      }),
    );
    if (Item !== undefined) return profileItem.parse(Item);
    await this.throwIfErased(customerId);
    return undefined;
  }

  async getRecord(customerId: string): Promise<CustomerRecord | undefined> {
    const items = await this.queryPartition({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': customerPartition(customerId) },
    });
    const record = groupPartition(items);
    if (record !== undefined) return record;
    const tombstone = items.find((item) => item.sk === keys.erasureTombstone(customerId).sk);
    if (tombstone !== undefined)
      throw new CustomerErasedError(customerId, TombstoneItem.parse(tombstone).erasedAt);
    return undefined;
  }

  async findByAddress(ref: AddressRef): Promise<Customer | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.identity(ref.channel, ref.address),
        // A suppression must find the holder a create has just committed.
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : this.getProfile(IdentityItem.parse(Item).customerId);
  }

  async list(page: { limit: number; cursor?: string }): Promise<CustomerPage> {
    const { customers, lastKey } = await customerListPage(this.store, {
      limit: page.limit,
      ...(page.cursor !== undefined && { startKey: decodeCursor(page.cursor) }),
    });
    return { customers, ...(lastKey !== undefined && { nextCursor: encodeCursor(lastKey) }) };
  }

  async update(
    next: Customer,
    previous: Customer,
    standing: readonly AddressStanding[],
  ): Promise<void> {
    const moved = contactAddresses(next).filter(
      (ref) => ref.address !== addressOf(previous, ref.channel),
    );
    const released = contactAddresses(previous).filter(
      (ref) => ref.address !== addressOf(next, ref.channel),
    );
    await transactWrite(
      this.client,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: profileItem.from(next),
            ...versionCondition(previous.version),
          },
        },
        ...moved.map((ref) => this.claimIdentity(ref, next.id)),
        ...released.map((ref) => ({
          Delete: {
            TableName: this.tableName,
            Key: keys.identity(ref.channel, ref.address),
            ConditionExpression: 'customerId = :me',
            ExpressionAttributeValues: { ':me': next.id },
          },
        })),
        ...standingChecks(this.store, standing),
      ],
      ([failure]) => {
        const ref = failure && failure.index > 0 ? moved[failure.index - 1] : undefined;
        if (ref === undefined || failure?.existing === undefined)
          return new ConcurrentWriteError(`Customer ${next.id}`);
        return new DuplicateIdentityError(
          fieldOf(ref),
          IdentityItem.parse(failure.existing).customerId,
        );
      },
    );
  }

  async loadOrderContext(customerId: string): Promise<OrderContext | undefined> {
    const items = await this.queryPartition({
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: {
        ':pk': customerPartition(customerId),
        ':from': ORDERS_AND_PROFILE_FROM,
      },
    });
    const record = groupPartition(items);
    if (record === undefined) await this.throwIfErased(customerId);
    return record && { customer: record.customer, orders: record.orders };
  }

  async saveOrder(change: Parameters<CustomerRepository['saveOrder']>[0]): Promise<void> {
    const { customer, previousVersion, order } = change;
    await transactWrite(
      this.client,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: profileItem.from(customer),
            ...versionCondition(previousVersion),
          },
        },
        { Put: { TableName: this.tableName, Item: orderItem.from(order) } },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.orderClaim(order.source, order.orderId), customerId: customer.id },
            ConditionExpression: 'attribute_not_exists(pk) OR customerId = :me',
            ExpressionAttributeValues: { ':me': customer.id },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
      ([failure]) =>
        failure?.index === 2
          ? new OrderOwnedByAnotherCustomerError(OrderClaimItem.parse(failure.existing).customerId)
          : new ConcurrentWriteError(`Customer ${customer.id}`),
    );
  }

  getAddressConsent(refs: readonly AddressRef[]): Promise<AddressConsent[]> {
    return readAddressConsent(this.store, refs);
  }

  saveConsent(change: Parameters<CustomerRepository['saveConsent']>[0]): Promise<void> {
    return writeConsent(this.store, change);
  }

  saveSuppression(change: Parameters<CustomerRepository['saveSuppression']>[0]): Promise<void> {
    return writeSuppression(this.store, change);
  }

  erase(customerId: string, at: string): Promise<void> {
    return eraseCustomerItems(this.store, customerId, at);
  }

  allProfiles(): AsyncIterable<Customer> {
    return allProfiles(this.store);
  }

  saveLapse(customerId: string, lapse: CustomerLapse | null, readVersion: number): Promise<void> {
    return saveLapse(this.store, customerId, lapse, readVersion);
  }

  exportRecords(): AsyncIterable<CustomerRecord> {
    return scanCustomerRecords(this.client, this.tableName);
  }

  private claimIdentity(ref: AddressRef, customerId: string) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.identity(ref.channel, ref.address), customerId },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  }

  private async throwIfErased(customerId: string): Promise<void> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.erasureTombstone(customerId) }),
    );
    if (Item !== undefined)
      throw new CustomerErasedError(customerId, TombstoneItem.parse(Item).erasedAt);
  }

  private queryPartition(
    input: Omit<QueryCommandInput, 'TableName' | 'ConsistentRead'>,
  ): Promise<Item[]> {
    return queryAll(this.client, { TableName: this.tableName, ConsistentRead: true, ...input });
  }
}

function fieldOf(ref: AddressRef): 'phone' | 'email' {
  return ref.channel === 'sms' ? 'phone' : 'email';
}
