import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJobWorker, type SendWorkerDeps } from '../../functions/runtime/send-job-worker';
import { createLambdaContext } from '../../infra/local/lambda-context';
import type { SesEmulator } from '../../infra/local/ses-emulator';
import { DynamoDeferredJobStore } from '../../shared/adapters/dynamodb/deferred-job-store';
import type { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import { customerInputSchema, type Customer } from '../../shared/core/customer';
import { createCustomer } from '../../shared/core/customer-commands';
import type { DispatchDeps } from '../../shared/core/messaging/dispatch-deps';
import { releaseDeferredJobs } from '../../shared/core/messaging/release-deferred';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import type { JobQueue, SendOptions } from '../../shared/core/ports';
import { recordConsent } from '../../shared/core/record-consent';
import { ManualClock, ids } from '../helpers/builders';
import {
  emulatorEmailSender,
  storeDispatchDeps,
  marketingConsent,
  startSendingFixture,
  type SendingFixture,
} from '../helpers/dispatch-deps';
import type { StoreFixture } from '../helpers/store';

/** 10:00 in Ho Chi Minh City: inside the sending window. */
const T0 = '2026-11-23T03:00:00.000Z';

let store: StoreFixture;
let emulator: SesEmulator;
let ses: SesEmailSender;
let outboxDir: string;
let sending: SendingFixture;

beforeAll(async () => {
  sending = await startSendingFixture('send-worker');
  ({ store, emulator, outboxDir } = sending);
  ses = emulatorEmailSender(emulator.endpoint);
});
afterAll(async () => sending?.stop());

/** The queue the worker re-enqueues to, and its redelivery calls, as the worker made them. */
interface Recorded {
  readonly enqueued: { job: SendJob; options?: SendOptions }[];
  readonly retries: { receiptHandle: string; seconds: number }[];
  readonly deadLettered: { body: string; reason: string }[];
}

function aWorker(
  clock: ManualClock,
  overrides: Partial<DispatchDeps> = {},
): { run: (records: SQSRecord[]) => Promise<SQSBatchResponse>; recorded: Recorded } {
  const recorded: Recorded = { enqueued: [], retries: [], deadLettered: [] };
  const queue: JobQueue<SendJob> = {
    send: async (job, options) => void recorded.enqueued.push({ job, options }),
  };
  const deps: SendWorkerDeps = {
    dispatchDeps: async () =>
      storeDispatchDeps(store, { email: ses, outboxDir }, { clock, ...overrides }),
    queue,
    deferredJobs: new DynamoDeferredJobStore(store.documentClient, store.table.tableName),
    redelivery: {
      retryAfter: async (receiptHandle, seconds) =>
        void recorded.retries.push({ receiptHandle, seconds }),
      deadLetter: async (body, reason) => void recorded.deadLettered.push({ body, reason }),
    },
    clock,
    rateLimit: { take: async () => undefined },
  };
  const handler = sendJobWorker(async () => deps);
  const run = async (records: SQSRecord[]) => {
    const event: SQSEvent = { Records: records };
    const context = createLambdaContext({
      functionName: 'dispatchSend',
      awsRequestId: ids.newId(),
      timeoutMs: 60_000,
    });
    return handler(event, context);
  };
  return { run, recorded };
}

function aRecord(body: unknown, receiveCount = 1): SQSRecord {
  const messageId = ids.newId();
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.parse(T0)),
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: String(Date.parse(T0)),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:sendJobs',
    awsRegion: 'ap-southeast-1',
  };
}

const consent = marketingConsent;

async function aCustomer(marketing: 'granted' | 'withdrawn' = 'granted'): Promise<Customer> {
  const customer = await createCustomer(
    store,
    customerInputSchema('VN').parse({
      name: 'Chị Lan',
      email: `lan.${ids.newId().toLowerCase()}@example.com`,
      source: 'manual',
    }),
  );
  await recordConsent(store, customer.id, consent('email', 'granted'));
  if (marketing === 'withdrawn')
    await recordConsent(store, customer.id, consent('email', 'withdrawn'));
  return customer;
}

const aJob = (customer: Customer, overrides: Partial<SendJob> = {}): SendJob =>
  ({
    workflow: 'win-back',
    runId: ids.newId(),
    step: 'first-nudge',
    customerId: customer.id,
    channel: 'email',
    templateId: 'win-back-email',
    purpose: 'marketing',
    ...overrides,
  }) as SendJob;

async function emailsTo(address: string | undefined): Promise<number> {
  const response = await fetch(emulator.storeUrl);
  const { emails } = (await response.json()) as { emails: { destination: { to: string[] } }[] };
  return emails.filter((email) => address !== undefined && email.destination.to.includes(address))
    .length;
}

const ledger = () => storeDispatchDeps(store, { email: ses, outboxDir }).ledger;

describe('the send worker', () => {
  describe('a batch of three: sendable, withdrawn, and a redelivered duplicate', () => {
    it('acknowledges all three, sends one email, records a skip, and sends the duplicate no more', async () => {
      const clock = new ManualClock(new Date(T0));
      const worker = aWorker(clock);
      const [sendable, withdrawn, earlier] = await Promise.all([
        aCustomer(),
        aCustomer('withdrawn'),
        aCustomer(),
      ]);
      const duplicate = aJob(earlier);
      expect(await worker.run([aRecord(duplicate)])).toEqual({ batchItemFailures: [] });
      expect(await emailsTo(earlier.email)).toBe(1);

      const jobs = [aJob(sendable), aJob(withdrawn), duplicate];
      const response = await worker.run([
        aRecord(jobs[0]),
        aRecord(jobs[1]),
        aRecord(duplicate, 2),
      ]);

      expect(response).toEqual({ batchItemFailures: [] });
      const records = await Promise.all(jobs.map((job) => ledger().get(messageKey(job))));
      expect(records.map((record) => record?.status)).toEqual(['sent', 'skipped', 'sent']);
      expect(records[1]).toMatchObject({ skipReason: 'consent_withdrawn' });
      expect(await emailsTo(sendable.email)).toBe(1);
      expect(await emailsTo(withdrawn.email)).toBe(0);
      expect(await emailsTo(earlier.email)).toBe(1);
      expect(worker.recorded).toEqual({ enqueued: [], retries: [], deadLettered: [] });
    });
  });

  describe('records that cannot be settled now', () => {
    it('leaves a message another delivery is sending on the queue, with back-off', async () => {
      const clock = new ManualClock(new Date(T0));
      const worker = aWorker(clock);
      const job = aJob(await aCustomer());
      await ledger().claim(messageKey(job), job, T0, 120_000);
      const record = aRecord(job, 2);

      const response = await worker.run([record]);

      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
      expect(worker.recorded.retries).toEqual([
        { receiptHandle: record.receiptHandle, seconds: 30 },
      ]);
    });

    it('dead-letters a job whose template does not exist, and a body that is not a job', async () => {
      const clock = new ManualClock(new Date(T0));
      const worker = aWorker(clock);
      const job = aJob(await aCustomer(), { templateId: 'no-such-template' });
      const bad = aRecord('{"channel":"pigeon"}');

      const response = await worker.run([aRecord(job), bad]);

      expect(response).toEqual({ batchItemFailures: [] });
      // Records run in parallel: compare without order.
      expect(worker.recorded.deadLettered).toHaveLength(2);
      expect(worker.recorded.deadLettered).toEqual(
        expect.arrayContaining([
          { body: JSON.stringify(job), reason: 'configuration' },
          { body: bad.body, reason: 'invalid-job' },
        ]),
      );
      expect(await ledger().get(messageKey(job))).toBeUndefined();
    });
  });

  describe('quiet hours', () => {
    it('stores a job deferred past the night, and the release enqueues it when due', async () => {
      // 23:00 in Ho Chi Minh City: the next window opens at 07:00, eight hours on.
      const clock = new ManualClock(new Date('2026-11-23T16:00:00.000Z'));
      const worker = aWorker(clock);
      const customer = await aCustomer();
      const job = aJob(customer);
      const deferredJobs = new DynamoDeferredJobStore(store.documentClient, store.table.tableName);

      expect(await worker.run([aRecord(job)])).toEqual({ batchItemFailures: [] });
      expect(worker.recorded.enqueued).toEqual([]);
      expect(await ledger().get(messageKey(job))).toBeUndefined();
      expect(await emailsTo(customer.email)).toBe(0);

      const enqueued: SendJob[] = [];
      const queue: JobQueue<SendJob> = { send: async (sent) => void enqueued.push(sent) };
      const early = await releaseDeferredJobs(
        { store: deferredJobs, queue },
        '2026-11-23T23:59:59.000Z',
      );
      expect(early.released).toBe(0);

      const due = await releaseDeferredJobs(
        { store: deferredJobs, queue },
        '2026-11-24T00:00:00.000Z',
      );
      expect(due).toEqual({ released: 1, stoppedEarly: false });
      expect(enqueued).toEqual([job]);
      // Released once: a second run finds nothing.
      const again = await releaseDeferredJobs(
        { store: deferredJobs, queue },
        '2026-11-24T00:05:00.000Z',
      );
      expect(again.released).toBe(0);
    });

    it('puts a job due within 15 minutes back on the queue with a delay', async () => {
      // 06:50 in Ho Chi Minh City: the window opens in ten minutes.
      const clock = new ManualClock(new Date('2026-11-22T23:50:00.000Z'));
      const worker = aWorker(clock);
      const job = aJob(await aCustomer());

      expect(await worker.run([aRecord(job)])).toEqual({ batchItemFailures: [] });

      expect(worker.recorded.enqueued).toEqual([{ job, options: { delaySeconds: 600 } }]);
    });
  });
});
