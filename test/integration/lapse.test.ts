import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLapseModelRepository } from '../../shared/adapters/dynamodb/lapse-model-repository';
import { shopTable } from '../../shared/adapters/dynamodb/table-definition';
import { createCustomer } from '../../shared/core/customer-commands';
import { customerInputSchema } from '../../shared/core/customer';
import { defaultPolicies } from '../../shared/core/lapse/lapse-policy';
import { customerView } from '../../shared/core/lapse-view';
import { OrderInput } from '../../shared/core/order';
import { recordOrder } from '../../shared/core/record-order';
import { refitLapseModel } from '../../shared/core/refit-lapse-model';
import { createStore, type StoreFixture } from '../helpers/store';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

const fixedWindowShop = () => ({ ...store.settings, lapsePolicy: defaultPolicies.fixed_window });
const order = (placedAt: string, status?: string) =>
  OrderInput.parse({
    placedAt,
    total: { amount: 100_000, currency: 'VND' },
    ...(status && { status }),
  });

async function dueIndex(): Promise<string[]> {
  const index = shopTable.dueForWinBack;
  const { Items = [] } = await store.documentClient.send(
    new QueryCommand({
      TableName: store.table.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: `${index.partitionKey} = :due`,
      ExpressionAttributeValues: { ':due': 'DUE' },
    }),
  );
  return Items.map((item) => String(item.dueSk));
}

describe('lapse on the profile', () => {
  it('moves the due day in the same write as the order, and onto the due index', async () => {
    const deps = { ...store, settings: fixedWindowShop() };
    const customer = await createCustomer(
      deps,
      customerInputSchema('VN').parse({ phone: '0912 600 001' }),
    );
    expect(customer.lapse).toBeNull();
    const ref = (orderId: string) => ({
      customerId: customer.id,
      source: 'website' as const,
      orderId,
    });

    await recordOrder(deps, ref('A'), order('2026-09-01T10:00:00+07:00'));
    expect((await store.customers.getProfile(customer.id))?.lapse).toEqual({
      dueDay: '2026-10-31',
      policy: 'fixed_window',
      basis: 'fixed_window',
    });
    expect(await dueIndex()).toContain(`2026-10-31#${customer.id}`);

    await recordOrder(deps, ref('B'), order('2026-10-15T10:00:00+07:00'));
    expect((await store.customers.getProfile(customer.id))?.lapse?.dueDay).toBe('2026-12-14');
    expect(await dueIndex()).toEqual(expect.arrayContaining([`2026-12-14#${customer.id}`]));
    expect(await dueIndex()).not.toContain(`2026-10-31#${customer.id}`);

    await recordOrder(deps, ref('B'), order('2026-10-15T10:00:00+07:00', 'cancelled'));
    await recordOrder(deps, ref('A'), order('2026-09-01T10:00:00+07:00', 'returned'));
    expect((await store.customers.getProfile(customer.id))?.lapse).toBeNull();
    expect((await dueIndex()).some((key) => key.endsWith(customer.id))).toBe(false);
  });

  it('explains the lapse in Vietnamese and English in the customer view', async () => {
    const deps = { ...store, settings: fixedWindowShop() };
    const customer = await createCustomer(
      deps,
      customerInputSchema('VN').parse({ phone: '0912 600 002' }),
    );
    await recordOrder(
      deps,
      { customerId: customer.id, source: 'zalo', orderId: 'Z1' },
      order('2026-09-01T10:00:00+07:00'),
    );
    const view = await customerView({ ...deps, lapseModel: null }, customer.id);
    expect(view.lapse).toMatchObject({ policy: 'fixed_window', dueDay: '2026-10-31', due: true });
    expect(view.lapse?.explanation.en).toMatch(/last order \d+ days ago/);
    expect(view.lapse?.explanation.vi).toMatch(/lần mua gần nhất cách đây \d+ ngày/);
  });
});

describe('refitting the shop', () => {
  it('stores the fit, moves only the profiles whose due day changed, and nothing on a second run', async () => {
    const deps = {
      ...store,
      settings: { ...store.settings, lapsePolicy: defaultPolicies.mbg_nbd },
    };
    for (let index = 0; index < 40; index += 1) {
      const customer = await createCustomer(
        deps,
        customerInputSchema('VN').parse({ phone: `0912 700 ${String(index).padStart(3, '0')}` }),
      );
      const orders = 1 + (index % 4);
      for (let n = 0; n < orders; n += 1) {
        const day = new Date(Date.UTC(2026, 0, 5 + n * (10 + index) + index, 3)).toISOString();
        await recordOrder(
          deps,
          { customerId: customer.id, source: 'shopee', orderId: `R${index}-${n}` },
          order(day),
        );
      }
    }
    const lapseModels = new DynamoLapseModelRepository(store.documentClient, store.table.tableName);
    const first = await refitLapseModel({ ...deps, lapseModels });
    expect(first.buyers).toBeGreaterThanOrEqual(40);
    expect(first.moved).toBeGreaterThan(0);
    expect(first.moved + first.unchanged).toBe(first.customers);
    const stored = await lapseModels.get();
    expect(stored?.version).toBe(1);
    expect(stored?.model.fittedThrough).toBe(first.fittedThrough);

    const second = await refitLapseModel({ ...deps, lapseModels });
    expect(second.moved).toBe(0);
    expect((await lapseModels.get())?.version).toBe(2);
  });
});
