import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { ConsentEventInput } from '../../shared/core/consent';
import { createCustomer, eraseCustomer, updateCustomer } from '../../shared/core/customer-commands';
import { customerInputSchema, customerPatchSchema } from '../../shared/core/customer';
import {
  ConcurrentWriteError,
  CustomerErasedError,
  InvalidInputError,
} from '../../shared/core/errors';
import { OrderInput } from '../../shared/core/order';
import { recordConsent } from '../../shared/core/record-consent';
import { recordOrder } from '../../shared/core/record-order';
import { createStore, type StoreFixture } from '../helpers/store';
import { dumpTable } from '../helpers/table-dump';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

const input = (raw: unknown) => customerInputSchema('VN').parse(raw);
const grant = (
  channel: 'sms' | 'email',
  source = 'signup_form',
  ip = '203.113.1.7',
  userAgent = 'Zalo/24',
) =>
  ConsentEventInput.parse({
    channel,
    purpose: 'marketing',
    action: 'granted',
    source,
    termsVersion: '2026-01',
    ip,
    userAgent,
  });
const withdraw = (channel: 'sms' | 'email') =>
  ConsentEventInput.parse({
    channel,
    purpose: 'marketing',
    action: 'withdrawn',
    source: 'hotline',
  });

describe('consent', () => {
  it('appends every event and derives the current state on the profile and the address', async () => {
    const customer = await createCustomer(
      store,
      input({ phone: '0912 200 001', email: 'mai@example.vn' }),
    );
    await recordConsent(store, customer.id, grant('sms'));
    store.clock.advance(60_000);
    await recordConsent(store, customer.id, withdraw('sms'));
    store.clock.advance(60_000);
    await recordConsent(store, customer.id, grant('email'));
    const record = await store.customers.getRecord(customer.id);
    expect(record?.consentHistory.map((event) => `${event.channel}:${event.action}`)).toEqual([
      'sms:granted',
      'sms:withdrawn',
      'email:granted',
    ]);
    expect(record?.customer.consent.sms.marketing?.status).toBe('withdrawn');
    expect(record?.customer.consent.email.marketing?.status).toBe('granted');
    const [sms, email] = await store.customers.getAddressConsent([
      { channel: 'sms', address: '+84912200001' },
      { channel: 'email', address: 'mai@example.vn' },
    ]);
    expect(sms?.consent.marketing?.status).toBe('withdrawn');
    expect(email?.consent.marketing?.status).toBe('granted');
  });

  it('refuses email consent for a customer without an email, naming the field', async () => {
    const customer = await createCustomer(store, input({ phone: '0912 200 002' }));
    await expect(recordConsent(store, customer.id, grant('email'))).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('carries a withdrawal over to whoever holds the number next', async () => {
    const first = await createCustomer(store, input({ phone: '0912 200 020' }));
    await recordConsent(store, first.id, grant('sms'));
    store.clock.advance(1000);
    await recordConsent(store, first.id, withdraw('sms'));
    await updateCustomer(
      store,
      first.id,
      customerPatchSchema('VN').parse({ phone: '0912 200 021' }),
    );
    const next = await createCustomer(store, input({ phone: '0912 200 020', source: 'import' }));
    expect(next.consent.sms.marketing).toMatchObject({ status: 'withdrawn', source: 'hotline' });
  });

  it('keeps a withdrawal with the number when it moves to a new customer record', async () => {
    const first = await createCustomer(store, input({ phone: '0912 200 003' }));
    await recordConsent(store, first.id, grant('sms'));
    store.clock.advance(1000);
    await recordConsent(store, first.id, withdraw('sms'));
    await eraseCustomer(store, first.id);
    const again = await createCustomer(store, input({ phone: '0912200003', source: 'import' }));
    expect(again.consent.sms.marketing?.status).toBe('withdrawn');
  });
});

describe('a create racing an erasure', () => {
  it('is refused when the address changed after it was read, and the retry sees the withdrawal', async () => {
    const holder = await createCustomer(store, input({ phone: '0912 200 010' }));
    await recordConsent(store, holder.id, grant('sms'));
    const ref = { channel: 'sms' as const, address: '+84912200010' };
    const [stale] = await store.customers.getAddressConsent([ref]);
    await eraseCustomer(store, holder.id);
    const newcomer = { ...holder, id: store.ids.newId(), consent: { email: {}, sms: {} } };
    await expect(
      store.customers.create(newcomer, [{ ...ref, version: stale?.version ?? 0 }]),
    ).rejects.toBeInstanceOf(ConcurrentWriteError);
    const created = await createCustomer(store, input({ phone: '0912 200 010' }));
    expect(created.consent.sms.marketing).toMatchObject({ status: 'withdrawn', source: 'erasure' });
  });
});

describe('erasure', () => {
  it('leaves no item holding the person’s phone, email or name, and keeps orders anonymous', async () => {
    const customer = await createCustomer(
      store,
      input({
        name: 'Lê Thị Thu',
        phone: '0912 300 001',
        email: 'thu.le@example.vn',
        note: 'Thích mùi sả',
      }),
    );
    await recordConsent(
      store,
      customer.id,
      grant('sms', 'signup_form', '198.51.100.23', 'ErasureTest/1'),
    );
    await recordConsent(
      store,
      customer.id,
      grant('email', 'signup_form', '198.51.100.23', 'ErasureTest/1'),
    );
    await recordOrder(
      store,
      { customerId: customer.id, source: 'shopee', orderId: 'S-ERASE-1' },
      OrderInput.parse({
        placedAt: '2026-11-01T10:00:00+07:00',
        total: { amount: 120_000, currency: 'VND' },
        shipTo: { name: 'Lê Thị Thu', phone: '0912300001', address: '12 Lý Thường Kiệt, Hà Nội' },
        note: 'Gọi trước khi giao',
      }),
    );
    await eraseCustomer(store, customer.id);

    const items = await dumpTable(store.documentClient, store.table.tableName);
    const text = JSON.stringify(items);
    for (const personal of [
      'Lê Thị Thu',
      '+84912300001',
      '0912300001',
      'thu.le@example.vn',
      'Lý Thường Kiệt',
      'Thích mùi sả',
      'Gọi trước khi giao',
      '198.51.100.23',
      'ErasureTest/1',
    ]) {
      expect(text).not.toContain(personal);
    }
    const order = items.find((item) => item.orderId === 'S-ERASE-1');
    expect(order).toMatchObject({ total: { amount: 120_000 }, status: 'placed' });
    await expect(store.customers.getRecord(customer.id)).rejects.toBeInstanceOf(
      CustomerErasedError,
    );
    await expect(store.customers.getProfile(customer.id)).rejects.toBeInstanceOf(
      CustomerErasedError,
    );
  });

  it('still blocks marketing to the erased phone when it is imported again, even with a claimed consent', async () => {
    const customer = await createCustomer(store, input({ phone: '0912 300 002' }));
    await recordConsent(store, customer.id, grant('sms'));
    await eraseCustomer(store, customer.id);
    store.clock.advance(86_400_000);
    const reimported = await createCustomer(
      store,
      input({ phone: '+84 912 300 002', source: 'import' }),
    );
    await recordConsent(store, reimported.id, grant('sms', 'import'));
    const profile = await store.customers.getProfile(reimported.id);
    expect(profile?.consent.sms.marketing).toMatchObject({
      status: 'withdrawn',
      source: 'erasure',
    });
    const [address] = await store.customers.getAddressConsent([
      { channel: 'sms', address: '+84912300002' },
    ]);
    expect(address?.consent.marketing).toMatchObject({ status: 'withdrawn', source: 'erasure' });
  });

  it('finishes, when repeated, an erasure that failed after its first phase', async () => {
    const customer = await createCustomer(store, input({ phone: '0912 300 004' }));
    await recordConsent(
      store,
      customer.id,
      grant('sms', 'signup_form', '192.0.2.44', 'Interrupted/1'),
    );
    const failingClient = createLocalDynamoDbClient(store.table.endpoint);
    let failures = 0;
    failingClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && failures === 0) {
          failures += 1;
          throw new Error('connection reset');
        }
        return next(args);
      },
      { step: 'initialize', name: 'failFirstBatchWrite' },
    );
    const interrupted = new DynamoCustomerRepository(
      DynamoDBDocumentClient.from(failingClient, {
        marshallOptions: { removeUndefinedValues: true },
      }),
      store.table.tableName,
      store.hasher,
    );
    await expect(
      eraseCustomer({ customers: interrupted, clock: store.clock }, customer.id),
    ).rejects.toThrow('connection reset');
    const halfway = JSON.stringify(await dumpTable(store.documentClient, store.table.tableName));
    expect(halfway).not.toContain('+84912300004');
    expect(halfway).toContain('Interrupted/1');

    await eraseCustomer(store, customer.id);
    expect(
      JSON.stringify(await dumpTable(store.documentClient, store.table.tableName)),
    ).not.toContain('Interrupted/1');
    failingClient.destroy();
  });

  it('can be repeated, finishing what an interrupted erasure left', async () => {
    const customer = await createCustomer(store, input({ phone: '0912 300 003' }));
    await recordConsent(store, customer.id, grant('sms'));
    await eraseCustomer(store, customer.id);
    await expect(eraseCustomer(store, customer.id)).resolves.toBeUndefined();
  });
});
