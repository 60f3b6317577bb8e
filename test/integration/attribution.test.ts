import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SesEmulator } from '../../infra/local/ses-emulator';
import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConsentEventInput } from '../../shared/core/consent';
import { customerInputSchema, type Customer } from '../../shared/core/customer';
import { createCustomer } from '../../shared/core/customer-commands';
import { dispatch } from '../../shared/core/messaging/dispatch';
import type { SendJob } from '../../shared/core/messaging/send-job';
import { unsubscribe } from '../../shared/core/messaging/unsubscribe';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
} from '../../shared/core/messaging/unsubscribe-token';
import { recordConsent } from '../../shared/core/record-consent';
import { attributionObserver, countUnsubscribe } from '../../shared/core/results/attribution';
import { campaignTally, workflowTally } from '../../shared/core/results/tally';
import { ManualClock, anOrder, ids } from '../helpers/builders';
import {
  emulatorEmailSender,
  sendingShop,
  storeDispatchDeps,
  startSendingFixture,
  type SendingFixture,
} from '../helpers/dispatch-deps';
import { TEST_ADDRESS_SECRET, type StoreFixture } from '../helpers/store';

/** 10:00 in Ho Chi Minh City: inside the sending window. */
const T0 = '2026-11-23T03:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAfter = (at: string, days: number) =>
  new Date(Date.parse(at) + days * DAY_MS).toISOString();

let store: StoreFixture;
let emulator: SesEmulator;
let outboxDir: string;
let sending: SendingFixture;
let capWindows: DynamoCapWindowStore;
let tallies: DynamoTallyStore;
const clock = new ManualClock(new Date(T0));

beforeAll(async () => {
  sending = await startSendingFixture('attribution');
  ({ store, emulator, outboxDir } = sending);
  capWindows = new DynamoCapWindowStore(store.documentClient, store.table.tableName);
  tallies = new DynamoTallyStore(store.documentClient, store.table.tableName);
});
afterAll(async () => sending?.stop());

async function aCustomer(): Promise<Customer> {
  const customer = await createCustomer(
    store,
    customerInputSchema('VN').parse({
      name: 'Chị Thu',
      email: `thu.${ids.newId().toLowerCase()}@example.com`,
      source: 'manual',
    }),
  );
  await recordConsent(
    store,
    customer.id,
    ConsentEventInput.parse({
      channel: 'email',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-01',
    }),
  );
  return customer;
}

/** Three a day, so one customer can get a campaign's message and then a journey's. */
const deps = () =>
  storeDispatchDeps(
    store,
    { email: emulatorEmailSender(emulator.endpoint), outboxDir },
    { clock, settings: { ...sendingShop, frequencyCap: { marketingMessagesPerDay: 3 } } },
  );

const campaignJob = (customer: Customer, runId: string): SendJob => ({
  workflow: 'promotion',
  runId,
  step: 'announce',
  customerId: customer.id,
  channel: 'email',
  templateId: 'win-back-email',
  purpose: 'marketing',
});

async function storedTtl(customerId: string): Promise<number> {
  const { Item } = await store.documentClient.send(
    new GetCommand({ TableName: store.table.tableName, Key: keys.capWindow(customerId) }),
  );
  return Item?.ttl as number;
}

describe('last touch', () => {
  it('is written with the cap place, names the latest sender, and outlives the attribution window', async () => {
    const customer = await aCustomer();
    const runId = ids.newId();
    expect(await dispatch(deps(), campaignJob(customer, runId), T0)).toMatchObject({
      kind: 'sent',
    });
    expect((await capWindows.read(customer.id)).lastTouch).toEqual({
      owner: campaignTally(runId),
      at: T0,
      channel: 'email',
    });

    const later = daysAfter(T0, 0.01);
    const journey: SendJob = {
      workflow: 'win-back',
      enrollmentId: `win-back:${customer.id}:20261123T030000Z`,
      step: 'email',
      customerId: customer.id,
      channel: 'email',
      templateId: 'win-back-email',
      purpose: 'marketing',
    };
    expect(await dispatch(deps(), journey, later)).toMatchObject({ kind: 'sent' });

    const window = await capWindows.read(customer.id);
    expect(window.lastTouch).toEqual({
      owner: workflowTally('win-back'),
      at: later,
      channel: 'email',
    });
    expect(window.sends).toHaveLength(2);
    expect(await storedTtl(customer.id)).toBeGreaterThan(Date.parse(daysAfter(later, 90)) / 1000);
  });
});

describe('attribution of orders (last touch)', () => {
  const settings = { attributionWindowDays: 7, currency: 'VND' };

  async function touched(): Promise<{ customer: Customer; runId: string }> {
    const customer = await aCustomer();
    const runId = ids.newId();
    await dispatch(deps(), campaignJob(customer, runId), T0);
    return { customer, runId };
  }

  it('counts an order and its revenue placed within the window after the message', async () => {
    const { customer, runId } = await touched();
    const observe = attributionObserver({ capWindows, tallies, settings });

    await observe({
      customer,
      order: anOrder({ customerId: customer.id, placedAt: daysAfter(T0, 6.9) }),
      now: daysAfter(T0, 6.9),
    });
    await observe({
      customer,
      order: anOrder({
        customerId: customer.id,
        placedAt: daysAfter(T0, 7),
        total: { amount: 90_000, currency: 'VND' },
      }),
      now: daysAfter(T0, 7),
    });

    expect(await tallies.read(campaignTally(runId))).toEqual({
      attributedOrders: 2,
      attributedRevenue: 240_000,
    });
  });

  it('counts nothing for an order after the window, or placed before the message', async () => {
    const { customer, runId } = await touched();
    const observe = attributionObserver({ capWindows, tallies, settings });

    await observe({
      customer,
      order: anOrder({ customerId: customer.id, placedAt: daysAfter(T0, 7.01) }),
      now: daysAfter(T0, 7.01),
    });
    await observe({
      customer,
      order: anOrder({ customerId: customer.id, placedAt: daysAfter(T0, -1) }),
      now: T0,
    });

    expect(await tallies.read(campaignTally(runId))).toEqual({});
  });

  it('counts nothing for a customer who got no marketing message', async () => {
    const customer = await aCustomer();
    const observe = attributionObserver({ capWindows, tallies, settings });
    await expect(
      observe({ customer, order: anOrder({ customerId: customer.id, placedAt: T0 }), now: T0 }),
    ).resolves.toBeUndefined();
    expect((await capWindows.read(customer.id)).lastTouch).toBeUndefined();
  });
});

describe('unsubscribes', () => {
  it('count once to the last touch’s owner, not again for a repeated click', async () => {
    const customer = await aCustomer();
    const runId = ids.newId();
    await dispatch(deps(), campaignJob(customer, runId), T0);
    const key = deriveUnsubscribeKey(TEST_ADDRESS_SECRET);
    const token = issueUnsubscribeToken(key, {
      customerId: customer.id,
      channel: 'email',
      issuedAt: clock.now(),
    });
    const unsubscribeDeps = {
      customers: store.customers,
      clock,
      ids,
      unsubscribeKey: key,
      defaultLocale: 'vi' as const,
      afterWithdrawal: (customerId: string) =>
        countUnsubscribe({ capWindows, tallies }, customerId),
    };

    const first = await unsubscribe(unsubscribeDeps, token, {});
    const again = await unsubscribe(unsubscribeDeps, token, {});

    expect([first.recorded, again.recorded]).toEqual([true, false]);
    expect(await tallies.read(campaignTally(runId))).toEqual({ unsubscribed: 1 });
  });
});
