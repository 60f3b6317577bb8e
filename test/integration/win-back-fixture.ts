import { ConsentEventInput, type Channel } from '../../shared/core/consent';
import { customerInputSchema, type Customer } from '../../shared/core/customer';
import { createCustomer } from '../../shared/core/customer-commands';
import { defaultPolicies } from '../../shared/core/lapse/lapse-policy';
import type { SendJob } from '../../shared/core/messaging/send-job';
import { OrderInput, type Order } from '../../shared/core/order';
import type { JobQueue } from '../../shared/core/ports';
import { recordConsent } from '../../shared/core/record-consent';
import { recordOrder } from '../../shared/core/record-order';
import type { ShopSettings } from '../../shared/core/settings';
import { DynamoEnrollmentStore } from '../../shared/adapters/dynamodb/enrollment-store';
import { DynamoJourneyFacts } from '../../shared/adapters/dynamodb/journey-facts';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { DynamoWinBackCandidates } from '../../shared/adapters/dynamodb/win-back-candidates';
import { DynamoWorkflowDefinitionRepository } from '../../shared/adapters/dynamodb/workflow-definition-repository';
import { inHoldout } from '../../workflows/holdout';
import type { PlannerDeps } from '../../workflows/planner';
import { ids } from '../helpers/builders';
import { sendingShop } from '../helpers/dispatch-deps';
import type { StoreFixture } from '../helpers/store';

/** A shop that can send on both channels, with the plain 60-day lapse window (no fitted model). */
export const winBackShop: ShopSettings = {
  ...sendingShop,
  lapsePolicy: defaultPolicies.fixed_window,
};

export const DAY = 86_400_000;

/** Records every job; `crashAfter` makes the Nth send (after recording it) throw, like a crash. */
export class RecordingQueue implements JobQueue<SendJob> {
  readonly jobs: SendJob[] = [];
  constructor(private readonly crashAfter?: number) {}
  async send(job: SendJob): Promise<void> {
    this.jobs.push(job);
    if (this.crashAfter !== undefined && this.jobs.length === this.crashAfter)
      throw new Error('The planner crashed after enqueueing');
  }
}

/** The real adapters on the store's table. */
export function winBackAdapters(store: StoreFixture) {
  const { documentClient: client, table } = store;
  return {
    definitions: new DynamoWorkflowDefinitionRepository(client, table.tableName),
    candidates: new DynamoWinBackCandidates(client, table.tableName),
    enrollments: new DynamoEnrollmentStore(client, table.tableName),
    facts: new DynamoJourneyFacts(client, table.tableName),
    tallies: new DynamoTallyStore(client, table.tableName),
  };
}

export function plannerDeps(store: StoreFixture, queue: JobQueue<SendJob>): PlannerDeps {
  const { tallies, ...adapters } = winBackAdapters(store);
  return { ...adapters, queue, clock: store.clock, timeZone: winBackShop.timeZone };
}

const commandDeps = (store: StoreFixture) => ({ ...store, settings: winBackShop });

const grant = (channel: Channel) =>
  ConsentEventInput.parse({
    channel,
    purpose: 'marketing',
    action: 'granted',
    source: 'signup_form',
    termsVersion: '2026-01',
  });

/**
 * A customer with an email and a phone, marketing consent on both, and one order on 1 September:
 * due for win-back from 31 October (60 days later), so due at the clock's 23 November.
 */
export async function lapsedCustomer(
  store: StoreFixture,
  options: { holdout?: boolean } = {},
): Promise<Customer> {
  let customer: Customer;
  do {
    customer = await createCustomer(
      commandDeps(store),
      customerInputSchema('VN').parse({
        name: 'Nguyễn Thị Lan',
        email: `lan.${ids.newId().toLowerCase()}@example.com`,
        phone: `0912${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`,
        source: 'shopee',
      }),
    );
  } while (
    options.holdout !== undefined &&
    inHoldout('win-back', customer.id, 0.1) !== options.holdout
  );
  await recordConsent(store, customer.id, grant('email'));
  await recordConsent(store, customer.id, grant('sms'));
  await placeOrder(store, customer.id, '2026-09-01T10:00:00+07:00');
  return customer;
}

export async function placeOrder(
  store: StoreFixture,
  customerId: string,
  placedAt: string,
): Promise<{ customer: Customer; order: Order }> {
  const result = await recordOrder(
    { ...commandDeps(store), lapseModel: null },
    { customerId, source: 'shopee', orderId: ids.newId() },
    OrderInput.parse({ placedAt, total: { amount: 250_000, currency: 'VND' } }),
  );
  return { customer: result.customer, order: result.order };
}
