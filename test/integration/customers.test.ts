import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentEventInput } from '../../shared/core/consent';
import { createCustomer, updateCustomer } from '../../shared/core/customer-commands';
import { recordConsent } from '../../shared/core/record-consent';
import { customerInputSchema, customerPatchSchema } from '../../shared/core/customer';
import { DuplicateIdentityError, VersionMismatchError } from '../../shared/core/errors';
import { findCustomerByContact } from '../../shared/core/find-customer';
import { createStore, type StoreFixture } from '../helpers/store';
import { dumpTable } from '../helpers/table-dump';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

const input = (raw: unknown) => customerInputSchema('VN').parse(raw);
const patch = (raw: unknown) => customerPatchSchema('VN').parse(raw);

describe('customer repository', () => {
  describe('one phone, one customer', () => {
    it('creates exactly one customer from 20 concurrent creates of one phone in three spellings', async () => {
      const spellings = ['0912 345 001', '+84 912 345 001', '84912345001'];
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, index) =>
          createCustomer(store, input({ name: `Khách ${index}`, phone: spellings[index % 3] })),
        ),
      );
      const created = results.filter((result) => result.status === 'fulfilled');
      const refused = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason] : [],
      );
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(19);
      const winner = (created[0] as PromiseFulfilledResult<{ id: string }>).value;
      for (const error of refused) {
        expect(error).toBeInstanceOf(DuplicateIdentityError);
        expect(error).toMatchObject({ field: 'phone', existingCustomerId: winner.id });
      }
      const items = await dumpTable(store.documentClient, store.table.tableName);
      expect(items.filter((item) => item.phone === '+84912345001')).toHaveLength(1);
      expect(items.filter((item) => String(item.pk).startsWith('PHONE#'))).toHaveLength(1);
    });

    it('names the existing customer when a second create uses a known email', async () => {
      const first = await createCustomer(store, input({ email: 'Lan.Tran@Example.VN' }));
      await expect(
        createCustomer(store, input({ email: ' lan.tran@example.vn ' })),
      ).rejects.toMatchObject({
        field: 'email',
        existingCustomerId: first.id,
      });
    });
  });

  describe('a failed transaction', () => {
    it('leaves no item behind when the email is taken but the phone is new', async () => {
      const owner = await createCustomer(store, input({ email: 'taken@example.vn' }));
      const before = await dumpTable(store.documentClient, store.table.tableName);
      await expect(
        createCustomer(store, input({ phone: '0987 654 002', email: 'taken@example.vn' })),
      ).rejects.toMatchObject({ existingCustomerId: owner.id });
      const after = await dumpTable(store.documentClient, store.table.tableName);
      expect(after).toHaveLength(before.length);
      expect(after.some((item) => item.pk === 'PHONE#+84987654002')).toBe(false);
    });
  });

  describe('reading', () => {
    it('reads a profile back as written, Vietnamese name intact, and finds it by any spelling', async () => {
      const hoa = await createCustomer(
        store,
        input({
          name: 'Nguyễn Thị Hoa'.normalize('NFD'),
          phone: '0903 111 003',
          tags: ['vip', 'vip'],
        }),
      );
      expect(hoa.name).toBe('Nguyễn Thị Hoa');
      expect(hoa.tags).toEqual(['vip']);
      expect(await store.customers.getProfile(hoa.id)).toEqual(hoa);
      const found = await findCustomerByContact(store.customers, { phone: '+84903111003' });
      expect(found.id).toBe(hoa.id);
    });

    it('lists every customer newest first, page by page, from the index', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.customers.list({
          limit: 2,
          ...(cursor !== undefined && { cursor }),
        });
        seen.push(...page.customers.map((customer) => customer.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort().reverse()).toEqual(seen);
    });
  });

  describe('updating', () => {
    it('moves the phone identity when the phone changes, and frees the old number', async () => {
      const customer = await createCustomer(store, input({ phone: '0912 000 004' }));
      const moved = await updateCustomer(store, customer.id, patch({ phone: '+84 912 000 005' }));
      expect(moved.phone).toBe('+84912000005');
      expect(moved.version).toBe(2);
      const reused = await createCustomer(store, input({ phone: '0912 000 004' }));
      expect(reused.id).not.toBe(customer.id);
      await expect(
        updateCustomer(store, reused.id, patch({ phone: '0912000005' })),
      ).rejects.toBeInstanceOf(DuplicateIdentityError);
    });

    it('does not carry SMS consent over to a new phone number', async () => {
      const customer = await createCustomer(
        store,
        input({ phone: '0912 000 007', email: 'an@example.vn' }),
      );
      const grant = (channel: 'sms' | 'email') =>
        ConsentEventInput.parse({
          channel,
          purpose: 'marketing',
          action: 'granted',
          source: 'signup_form',
          termsVersion: 'v1',
        });
      await recordConsent(store, customer.id, grant('sms'));
      await recordConsent(store, customer.id, grant('email'));
      const moved = await updateCustomer(store, customer.id, patch({ phone: '0912 000 008' }));
      expect(moved.consent.sms).toEqual({});
      expect(moved.consent.email.marketing?.status).toBe('granted');
      expect((await store.customers.getProfile(customer.id))?.consent.sms).toEqual({});
    });

    it('refuses a stale edit sent with If-Match', async () => {
      const customer = await createCustomer(store, input({ phone: '0912 000 006' }));
      await updateCustomer(store, customer.id, { name: 'Phạm Văn An' });
      await expect(updateCustomer(store, customer.id, { name: 'Stale' }, 1)).rejects.toBeInstanceOf(
        VersionMismatchError,
      );
    });
  });
});
