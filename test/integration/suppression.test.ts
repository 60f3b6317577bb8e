import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInputSchema } from '../../shared/core/customer';
import { createCustomer, updateCustomer } from '../../shared/core/customer-commands';
import { DuplicateIdentityError, InvalidInputError } from '../../shared/core/errors';
import { suppressAddress } from '../../shared/core/messaging/suppress-address';
import { createStore, type StoreFixture } from '../helpers/store';

const T0 = '2026-11-23T03:00:00.000Z';
let store: StoreFixture;

beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => {
  await store.table.dropTable();
});

const aCustomer = (fields: { email?: string; phone?: string }) =>
  createCustomer(store, customerInputSchema('VN').parse({ ...fields, source: 'manual' }));

describe('suppressing an address', () => {
  it('marks the holder and the address once; a repeat changes nothing', async () => {
    const customer = await aCustomer({ phone: '0912 000 111' });

    const first = await suppressAddress(store, {
      channel: 'sms',
      address: '+84912000111',
      reason: 'opt_out',
      at: T0,
    });
    const again = await suppressAddress(store, {
      channel: 'sms',
      address: '+84912000111',
      reason: 'bounce',
      at: '2026-11-24T03:00:00.000Z',
    });

    expect([first.changed, again.changed]).toEqual([true, false]);
    const profile = await store.customers.getProfile(customer.id);
    expect(profile?.suppression).toEqual({ sms: { reason: 'opt_out', at: T0 } });
    expect(profile?.version).toBe(customer.version + 1);
    const [address] = await store.customers.getAddressConsent([
      { channel: 'sms', address: '+84912000111' },
    ]);
    expect(address?.suppression).toEqual({ reason: 'opt_out', at: T0 });
  });

  it('waits on an address nobody holds yet, and reaches whoever takes it', async () => {
    await suppressAddress(store, {
      channel: 'email',
      address: 'Bounced@Example.com',
      reason: 'bounce',
      at: T0,
    });
    const created = await aCustomer({ email: 'bounced@example.com' });
    const moved = await aCustomer({ email: 'fine@example.com' });
    const updated = await updateCustomer(store, moved.id, { email: 'bounced@example.com' }).catch(
      (error: unknown) => error,
    );

    expect(created.suppression).toEqual({ email: { reason: 'bounce', at: T0 } });
    // One address, one customer: the second holder is refused before any suppression question.
    expect(updated).toBeInstanceOf(DuplicateIdentityError);
  });

  it('drops the old address suppression when the customer changes address', async () => {
    const customer = await aCustomer({ email: 'old.box@example.com' });
    await suppressAddress(store, {
      channel: 'email',
      address: 'old.box@example.com',
      reason: 'bounce',
      at: T0,
    });

    const updated = await updateCustomer(store, customer.id, { email: 'new.box@example.com' });

    expect(updated.suppression).toEqual({});
    expect((await store.customers.getProfile(customer.id))?.suppression).toEqual({});
  });

  it('refuses an address that is not one, naming the field', async () => {
    for (const input of [
      { channel: 'email' as const, address: 'not an email' },
      { channel: 'sms' as const, address: '0912000111' },
    ]) {
      await expect(
        suppressAddress(store, { ...input, reason: 'bounce', at: T0 }),
      ).rejects.toMatchObject({
        constructor: InvalidInputError,
        issues: [{ field: 'address' }],
      });
    }
  });
});
