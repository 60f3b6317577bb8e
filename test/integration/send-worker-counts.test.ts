import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJobWorker } from '../../functions/runtime/send-job-worker';
import { createLambdaContext } from '../../infra/local/lambda-context';
import type { SesEmulator } from '../../infra/local/ses-emulator';
import { DynamoDeferredJobStore } from '../../shared/adapters/dynamodb/deferred-job-store';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import type { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import { customerInputSchema, type Customer } from '../../shared/core/customer';
import { createCustomer } from '../../shared/core/customer-commands';
import type { SendJob } from '../../shared/core/messaging/send-job';
import { recordConsent } from '../../shared/core/record-consent';
import {
  campaignTally,
  workflowTally,
  type Counts,
  type TallyOwner,
  type TallyStore,
} from '../../shared/core/results/tally';
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
let tallies: DynamoTallyStore;

beforeAll(async () => {
  sending = await startSendingFixture('send-counts');
  ({ store, emulator, outboxDir } = sending);
  ses = emulatorEmailSender(emulator.endpoint);
  tallies = new DynamoTallyStore(store.documentClient, store.table.tableName);
});
afterAll(async () => sending?.stop());

/** The real store, with every `add` it was asked for recorded (and optionally refused). */
function recordingTallies(refuse = false): TallyStore & { adds: [TallyOwner, Counts][] } {
  const adds: [TallyOwner, Counts][] = [];
  return {
    adds,
    add: async (owner, counts) => {
      adds.push([owner, counts]);
      if (refuse) throw new Error('throttled');
      await tallies.add(owner, counts);
    },
    read: (owner) => tallies.read(owner),
  };
}

function aWorker(counts: TallyStore) {
  const clock = new ManualClock(new Date(T0));
  const handler = sendJobWorker(async () => ({
    dispatchDeps: async () => storeDispatchDeps(store, { email: ses, outboxDir }, { clock }),
    queue: { send: async () => undefined },
    deferredJobs: new DynamoDeferredJobStore(store.documentClient, store.table.tableName),
    redelivery: { retryAfter: async () => undefined, deadLetter: async () => undefined },
    clock,
    rateLimit: { take: async () => undefined },
    tallies: counts,
  }));
  return (records: SQSRecord[]) => {
    const event: SQSEvent = { Records: records };
    const context = createLambdaContext({
      functionName: 'dispatchSend',
      awsRequestId: ids.newId(),
      timeoutMs: 60_000,
    });
    return handler(event, context);
  };
}

function aRecord(job: SendJob, receiveCount = 1): SQSRecord {
  const messageId = ids.newId();
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: JSON.stringify(job),
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

const consent = (action: 'granted' | 'withdrawn') => marketingConsent('email', action);

async function aCustomer(marketing: 'granted' | 'withdrawn' = 'granted'): Promise<Customer> {
  const customer = await createCustomer(
    store,
    customerInputSchema('VN').parse({
      name: 'Anh Minh',
      email: `minh.${ids.newId().toLowerCase()}@example.com`,
      source: 'manual',
    }),
  );
  await recordConsent(store, customer.id, consent('granted'));
  if (marketing === 'withdrawn') await recordConsent(store, customer.id, consent('withdrawn'));
  return customer;
}

const campaignJob = (customer: Customer, runId: string): SendJob => ({
  workflow: 'promotion',
  runId,
  step: 'announce',
  customerId: customer.id,
  channel: 'email',
  templateId: 'win-back-email',
  purpose: 'marketing',
});

const journeyJob = (customer: Customer, workflow: string): SendJob => ({
  workflow,
  enrollmentId: `${workflow}:${customer.id}:20261123T030000Z`,
  step: 'email-now',
  customerId: customer.id,
  channel: 'email',
  templateId: 'win-back-email',
  purpose: 'marketing',
});

describe('the send worker counts each message once', () => {
  it('adds a batch’s outcomes to each owner with one increment per owner', async () => {
    const runId = ids.newId();
    const workflow = `wb-${ids.newId().toLowerCase()}`;
    const [a, b, withdrawn, c] = await Promise.all([
      aCustomer(),
      aCustomer(),
      aCustomer('withdrawn'),
      aCustomer(),
    ]);
    const counts = recordingTallies();

    const response = await aWorker(counts)([
      aRecord(campaignJob(a, runId)),
      aRecord(campaignJob(b, runId)),
      aRecord(campaignJob(withdrawn, runId)),
      aRecord(journeyJob(c, workflow)),
    ]);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(counts.adds).toHaveLength(2);
    expect(await tallies.read(campaignTally(runId))).toEqual({
      sent: 2,
      'skipped.consent_withdrawn': 1,
    });
    expect(await tallies.read(workflowTally(workflow))).toEqual({ sent: 1 });
  });

  it('adds nothing for a redelivered message, sent or skipped', async () => {
    const runId = ids.newId();
    const [sendable, withdrawn] = await Promise.all([aCustomer(), aCustomer('withdrawn')]);
    const jobs = [campaignJob(sendable, runId), campaignJob(withdrawn, runId)];
    const counts = recordingTallies();
    const run = aWorker(counts);
    await run(jobs.map((job) => aRecord(job)));

    const again = await run(jobs.map((job) => aRecord(job, 2)));

    expect(again).toEqual({ batchItemFailures: [] });
    expect(counts.adds).toHaveLength(1);
    expect(await tallies.read(campaignTally(runId))).toEqual({
      sent: 1,
      'skipped.consent_withdrawn': 1,
    });
  });

  it('acknowledges the messages when the count cannot be written', async () => {
    const runId = ids.newId();
    const customer = await aCustomer();
    const refusing = recordingTallies(true);

    const response = await aWorker(refusing)([aRecord(campaignJob(customer, runId))]);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(refusing.adds).toEqual([[campaignTally(runId), { sent: 1 }]]);
    expect(await tallies.read(campaignTally(runId))).toEqual({});
  });
});
