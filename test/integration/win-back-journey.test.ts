import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { enrollmentDueKeys } from '../../shared/adapters/dynamodb/keys';
import { startSesEmulator, type SesEmulator } from '../../infra/local/ses-emulator';
import { ConsentEventInput } from '../../shared/core/consent';
import { dispatch } from '../../shared/core/messaging/dispatch';
import { messageKey } from '../../shared/core/messaging/send-job';
import { recordConsent } from '../../shared/core/record-consent';
import { workflowTally } from '../../shared/core/results/tally';
import { defaultWinBack, WorkflowDefinition } from '../../workflows/definition';
import { journeyOrderObserver } from '../../workflows/journey-order-observer';
import { planWorkflows } from '../../workflows/planner';
import { emulatorEmailSender, storeDispatchDeps } from '../helpers/dispatch-deps';
import { DynamoDbMeter } from '../helpers/dynamodb-meter';
import { createStore, type StoreFixture } from '../helpers/store';
import {
  DAY,
  lapsedCustomer,
  placeOrder,
  plannerDeps,
  RecordingQueue,
  winBackAdapters,
  winBackShop,
} from './win-back-fixture';

let emulator: SesEmulator;
let outboxDir: string;
let store: StoreFixture;

beforeAll(async () => {
  [emulator, outboxDir] = await Promise.all([
    startSesEmulator(),
    mkdtemp(join(tmpdir(), 'regulars-win-back-')),
  ]);
});
afterAll(async () => {
  await Promise.all([emulator.stop(), rm(outboxDir, { recursive: true, force: true })]);
});
// A table per test: the planner reads every due customer of its table.
beforeEach(async () => {
  store = await createStore();
});
afterEach(async () => store.table.dropTable());

const dispatchDeps = () =>
  storeDispatchDeps(
    store,
    { email: emulatorEmailSender(emulator.endpoint), outboxDir },
    { settings: winBackShop },
  );

async function inbox(to: string | undefined) {
  const response = await fetch(emulator.storeUrl);
  const { emails } = (await response.json()) as {
    emails: { destination: { to: string[] }; subject: string }[];
  };
  return emails.filter((email) => to !== undefined && email.destination.to.includes(to));
}

async function smsTo(phone: string | undefined) {
  const text = await readFile(join(outboxDir, 'sms.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { to: string; text: string })
    .filter((entry) => entry.to === phone);
}

const run = (queue = new RecordingQueue()) => planWorkflows(plannerDeps(store, queue));
const tally = () => winBackAdapters(store).tallies.read(workflowTally('win-back'));
const enrollmentsOf = (customerId: string) =>
  winBackAdapters(store).enrollments.ofCustomer(customerId);

describe('win-back planner', () => {
  describe('a full journey over simulated weeks', () => {
    it('enrolls a lapsed customer, emails now, texts three days later, then completes', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });

      const first = new RecordingQueue();
      const firstRun = await run(first);
      expect(firstRun).toMatchObject({ candidates: 1, enrolled: 1, queued: 1 });
      expect(first.jobs).toEqual([
        expect.objectContaining({ customerId: customer.id, channel: 'email', step: 'email' }),
      ]);
      const [emailJob] = first.jobs;
      if (emailJob === undefined) throw new Error('no email job');
      const clockNow = () => store.clock.now().toISOString();
      expect(await dispatch(dispatchDeps(), emailJob, clockNow())).toMatchObject({ kind: 'sent' });
      const emails = await inbox(customer.email);
      expect(emails).toHaveLength(1);
      expect(emails[0]?.subject).toMatch(/^\[QC\] /);

      // Runs every six hours for the next 66 hours: nothing until the SMS is due.
      const quiet = new RecordingQueue();
      for (let run6h = 0; run6h < 11; run6h += 1) {
        store.clock.advance(6 * 60 * 60_000);
        await run(quiet);
      }
      expect(quiet.jobs).toEqual([]);

      store.clock.advance(6 * 60 * 60_000 + 60_000);
      const second = new RecordingQueue();
      expect(await run(second)).toMatchObject({ queued: 1, completed: 1 });
      expect(second.jobs).toEqual([
        expect.objectContaining({ customerId: customer.id, channel: 'sms', step: 'sms' }),
      ]);
      const [smsJob] = second.jobs;
      if (smsJob === undefined) throw new Error('no SMS job');
      expect(await dispatch(dispatchDeps(), smsJob, clockNow())).toMatchObject({ kind: 'sent' });
      expect(await smsTo(customer.phone)).toHaveLength(1);

      // Weeks later nothing else happens.
      const later = new RecordingQueue();
      for (let week = 0; week < 6; week += 1) {
        store.clock.advance(7 * DAY);
        await run(later);
      }
      expect(later.jobs).toEqual([]);
      expect(await enrollmentsOf(customer.id)).toEqual([
        expect.objectContaining({ status: 'completed', stepIndex: 2, holdout: false }),
      ]);
      expect(await tally()).toEqual({ 'enrolled.messaged': 1, completed: 1 });
      expect(messageKey(emailJob)).not.toBe(messageKey(smsJob));
    });

    it('costs three requests when nothing is due', async () => {
      await lapsedCustomer(store);
      await run();
      const meter = new DynamoDbMeter().attach(store.table.client);
      store.clock.advance(60 * 60_000);

      await run();

      expect(meter.read()).toMatchObject({
        requests: 3,
        // The definition, the due customers, the due journeys.
        byCommand: expect.objectContaining({ QueryCommand: 2 }),
      });
    });
  });

  describe('an order between steps', () => {
    it('ends the journey at once through the order observer and counts a return', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      await run();
      store.clock.advance(DAY);
      const { order, customer: saved } = await placeOrder(
        store,
        customer.id,
        store.clock.now().toISOString(),
      );
      const adapters = winBackAdapters(store);

      await journeyOrderObserver(adapters)({
        customer: saved,
        order,
        now: store.clock.now().toISOString(),
      });

      expect(await enrollmentsOf(customer.id)).toEqual([
        expect.objectContaining({
          status: 'exited',
          exitReason: 'ordered',
          returnedAt: order.placedAt,
        }),
      ]);
      store.clock.advance(3 * DAY);
      const after = new RecordingQueue();
      expect(await run(after)).toMatchObject({ due: 0, candidates: 0 });
      expect(after.jobs).toEqual([]);
      expect(await tally()).toEqual({
        'enrolled.messaged': 1,
        'exited.ordered': 1,
        'returned.messaged': 1,
      });

      // Shown the same order again (a retried observer), nothing is counted twice.
      await journeyOrderObserver(adapters)({
        customer: saved,
        order,
        now: store.clock.now().toISOString(),
      });
      expect(await tally()).toEqual({
        'enrolled.messaged': 1,
        'exited.ordered': 1,
        'returned.messaged': 1,
      });
    });

    it('ends the journey at the next step when the observer never ran', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      await run();
      store.clock.advance(DAY);
      await placeOrder(store, customer.id, store.clock.now().toISOString());
      store.clock.advance(2 * DAY + 60_000);

      const after = new RecordingQueue();
      expect(await run(after)).toMatchObject({ due: 1, exited: 1, queued: 0 });

      expect(after.jobs).toEqual([]);
      expect(await enrollmentsOf(customer.id)).toEqual([
        expect.objectContaining({ status: 'exited', exitReason: 'ordered' }),
      ]);
      expect(await tally()).toEqual({
        'enrolled.messaged': 1,
        'exited.ordered': 1,
        'returned.messaged': 1,
      });
    });
  });

  describe('an order after the step was queued', () => {
    it('skips the queued message as already_ordered, at no extra read', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      const queue = new RecordingQueue();
      await run(queue);
      const [job] = queue.jobs;
      if (job === undefined) throw new Error('no job queued');
      expect(job).toMatchObject({ orderedSince: store.clock.now().toISOString() });
      // The order comes while the job waits on the queue (or in quiet hours).
      store.clock.advance(60_000);
      await placeOrder(store, customer.id, store.clock.now().toISOString());

      const outcome = await dispatch(dispatchDeps(), job, store.clock.now().toISOString());

      expect(outcome).toMatchObject({ kind: 'skipped', reason: 'already_ordered' });
      expect(await inbox(customer.email)).toEqual([]);
    });
  });

  describe('an unsubscribe link on one channel', () => {
    it('ends the journey: email withdrawn on day 0, no SMS on day 3', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      await run();
      store.clock.advance(60_000);
      // What the email's unsubscribe link records: a marketing withdrawal, not a suppression.
      await recordConsent(
        store,
        customer.id,
        ConsentEventInput.parse({
          channel: 'email',
          purpose: 'marketing',
          action: 'withdrawn',
          source: 'unsubscribe_link',
        }),
      );
      store.clock.advance(3 * DAY);

      const after = new RecordingQueue();
      expect(await run(after)).toMatchObject({ due: 1, exited: 1, queued: 0 });

      expect(after.jobs).toEqual([]);
      expect(await enrollmentsOf(customer.id)).toEqual([
        expect.objectContaining({ status: 'exited', exitReason: 'unsubscribed' }),
      ]);
    });
  });

  describe('a journey that does not exit on orders', () => {
    it('is left under way by the order observer, its return counted', async () => {
      await winBackAdapters(store).definitions.save(
        WorkflowDefinition.parse({ ...defaultWinBack, exitOn: ['unsubscribed'] }),
        0,
      );
      const customer = await lapsedCustomer(store, { holdout: false });
      await run();
      store.clock.advance(DAY);
      const { order, customer: saved } = await placeOrder(
        store,
        customer.id,
        store.clock.now().toISOString(),
      );

      await journeyOrderObserver(winBackAdapters(store))({
        customer: saved,
        order,
        now: store.clock.now().toISOString(),
      });

      expect(await enrollmentsOf(customer.id)).toEqual([
        expect.objectContaining({ status: 'active', returnedAt: order.placedAt }),
      ]);
      expect(await tally()).toEqual({ 'enrolled.messaged': 1, 'returned.messaged': 1 });
    });
  });

  describe('an unreadable item', () => {
    it('is skipped and reported by its keys, and the run goes on', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      const { documentClient: client, table } = store;
      // An enrollment older than any other on the due index, that no schema accepts.
      const bad = {
        pk: 'CUST#01JD0000000000000000000BAD',
        sk: 'ENROLL#win-back#20260101T000000000Z',
      };
      await client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...bad, ...enrollmentDueKeys('2026-01-01T00:00:00.000Z', 'bad'), status: '??' },
        }),
      );
      const reported: unknown[] = [];

      const result = await planWorkflows({
        ...plannerDeps(store, new RecordingQueue()),
        onUnreadable: (item) => reported.push(item),
      });

      expect(result).toMatchObject({ enrolled: 1, queued: 1, unreadable: 1 });
      expect(reported).toEqual([bad]);
      expect(await enrollmentsOf(customer.id)).toHaveLength(1);
    });
  });

  describe('an unreadable profile', () => {
    it('is left out of the facts and reported by its keys only', async () => {
      const customer = await lapsedCustomer(store);
      const bad = { pk: 'CUST#01JD0000000000000000000BAD', sk: 'PROFILE' };
      await store.documentClient.send(
        new PutCommand({
          TableName: store.table.tableName,
          Item: { ...bad, phone: '+84900000000' },
        }),
      );
      const reported: unknown[] = [];

      const facts = await winBackAdapters(store).facts.read(
        [customer.id, '01JD0000000000000000000BAD'],
        (item) => reported.push(item),
      );

      expect([...facts.keys()]).toEqual([customer.id]);
      expect(reported).toEqual([bad]);
    });
  });

  describe('a holdout customer', () => {
    it('walks the journey without a message, and is counted', async () => {
      const customer = await lapsedCustomer(store, { holdout: true });
      const queue = new RecordingQueue();

      expect(await run(queue)).toMatchObject({ enrolled: 1, heldOut: 1, queued: 0 });
      store.clock.advance(3 * DAY + 60_000);
      expect(await run(queue)).toMatchObject({ due: 1, completed: 1, queued: 0 });

      expect(queue.jobs).toEqual([]);
      expect(await enrollmentsOf(customer.id)).toEqual([
        expect.objectContaining({ status: 'completed', holdout: true }),
      ]);
      const { order, customer: saved } = await placeOrder(
        store,
        customer.id,
        store.clock.now().toISOString(),
      );
      await journeyOrderObserver(winBackAdapters(store))({
        customer: saved,
        order,
        now: order.recordedAt,
      });
      expect(await tally()).toEqual({
        'enrolled.holdout': 1,
        completed: 1,
        'returned.holdout': 1,
      });
    });
  });

  describe('the cool-down', () => {
    it('refuses re-enrollment within 90 days, then enrolls the customer again', async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      await run(); // enrolled on 23 November
      store.clock.advance(3 * DAY + 60_000);
      await run(); // completed on 26 November
      // An order on 1 December, outside any return window that matters here: due again 30 January.
      store.clock.advance(5 * DAY);
      await placeOrder(store, customer.id, store.clock.now().toISOString());

      store.clock.advance(61 * DAY); // 31 January: due, but the cool-down lasts until 24 February
      const refused = await run();
      expect(refused).toMatchObject({ candidates: 1, coolingDown: 1, enrolled: 0 });
      store.clock.advance(DAY);
      expect(await run()).toMatchObject({ candidates: 0 });

      store.clock.advance(24 * DAY); // 25 February
      const queue = new RecordingQueue();
      expect(await run(queue)).toMatchObject({ candidates: 1, enrolled: 1, queued: 1 });
      const journeys = await enrollmentsOf(customer.id);
      expect(journeys.map((journey) => journey.status)).toEqual(['completed', 'active']);
      // Eligible again when the cool-down ended: the start of 25 February in Hồ Chí Minh City.
      expect(journeys[1]?.startedFrom).toBe('2027-02-24T17:00:00.000Z');
      expect(queue.jobs).toHaveLength(1);
    });
  });

  describe('an erasure', () => {
    it("deletes the customer's journeys, so the planner has nothing left of them", async () => {
      const customer = await lapsedCustomer(store, { holdout: false });
      await run();

      await store.customers.erase(customer.id, store.clock.now().toISOString());

      expect(await enrollmentsOf(customer.id)).toEqual([]);
      store.clock.advance(3 * DAY + 60_000);
      const after = new RecordingQueue();
      expect(await run(after)).toMatchObject({ due: 0, candidates: 0 });
      expect(after.jobs).toEqual([]);
    });
  });

  describe('idempotency', () => {
    it('gives each due step exactly one message key when two planners run at once', async () => {
      const customers = await Promise.all(Array.from({ length: 5 }, () => lapsedCustomer(store)));
      const [a, b] = [new RecordingQueue(), new RecordingQueue()];

      const results = await Promise.all([run(a), run(b)]);

      const keys = [...a.jobs, ...b.jobs].map(messageKey);
      const expected = (await Promise.all(customers.map((c) => enrollmentsOf(c.id)))).flat();
      expect(expected).toHaveLength(5);
      const messaged = expected.filter((enrollment) => !enrollment.holdout);
      expect(new Set(keys)).toEqual(
        new Set(
          messaged.map((enrollment) =>
            messageKey({
              workflow: 'win-back',
              enrollmentId: enrollment.id,
              step: 'email',
              customerId: enrollment.customerId,
              channel: 'email',
            }),
          ),
        ),
      );
      expect(expected.every((enrollment) => enrollment.stepIndex === 1)).toBe(true);
      expect(results[0].enrolled + results[1].enrolled).toBe(5);
    });

    it('re-emits the same job after a crash between enqueue and save, and sends it once', async () => {
      const customers = await Promise.all(
        Array.from({ length: 4 }, () => lapsedCustomer(store, { holdout: false })),
      );
      const crashing = new RecordingQueue(2);
      await expect(run(crashing)).rejects.toThrow(/crashed/);
      const rerun = new RecordingQueue();
      await run(rerun);

      const jobs = [...crashing.jobs, ...rerun.jobs];
      expect(new Set(jobs.map(messageKey)).size).toBe(4);
      expect(jobs).toHaveLength(5); // the crashed one was enqueued twice, with the same key
      const outcomes = [];
      for (const job of jobs) {
        outcomes.push((await dispatch(dispatchDeps(), job, store.clock.now().toISOString())).kind);
      }
      expect(outcomes.filter((kind) => kind === 'sent')).toHaveLength(4);
      expect(outcomes.filter((kind) => kind === 'duplicate')).toHaveLength(1);
      for (const customer of customers) expect(await inbox(customer.email)).toHaveLength(1);
    });
  });
});
