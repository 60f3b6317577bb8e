import { SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SesEmulator } from '../../infra/local/ses-emulator';
import { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import { SnsSmsSender } from '../../shared/adapters/sms/sns-sms-sender';
import type { SmsOutboxEntry } from '../../shared/adapters/sms/sms-outbox';
import type { Channel } from '../../shared/core/consent';
import { customerInputSchema, type Customer } from '../../shared/core/customer';
import { createCustomer, eraseCustomer } from '../../shared/core/customer-commands';
import { dispatch, type DispatchDeps } from '../../shared/core/messaging/dispatch';
import { DispatchRetryLaterError } from '../../shared/core/messaging/dispatch-errors';
import {
  ProviderOutcomeUnknownError,
  ProviderThrottledError,
} from '../../shared/core/messaging/errors';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import type { EmailSender, OutgoingEmail } from '../../shared/core/messaging/senders';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
} from '../../shared/core/messaging/unsubscribe-token';
import { recordConsent } from '../../shared/core/record-consent';
import { suppressAddress } from '../../shared/core/messaging/suppress-address';
import { ids } from '../helpers/builders';
import {
  emulatorEmailSender,
  sendingShop,
  storeDispatchDeps,
  marketingConsent,
  startSendingFixture,
  type SendingFixture,
} from '../helpers/dispatch-deps';
import { DynamoDbMeter } from '../helpers/dynamodb-meter';
import { TEST_ADDRESS_SECRET, type StoreFixture } from '../helpers/store';

/** What aws-ses-v2-local keeps of each email at `GET /store`. */
interface StoredEmail {
  readonly messageId: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

const unsubscribeKey = deriveUnsubscribeKey(TEST_ADDRESS_SECRET);
// 10:00 in Ho Chi Minh City: inside the sending window.
const T0 = '2026-11-23T03:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();

let store: StoreFixture;
let meter: DynamoDbMeter;
let emulator: SesEmulator;
let outboxDir: string;
let sending: SendingFixture;
let ses: SesEmailSender;

beforeAll(async () => {
  sending = await startSendingFixture('dispatch');
  ({ store, emulator, outboxDir } = sending);
  meter = new DynamoDbMeter().attach(store.table.client);
  ses = emulatorEmailSender(emulator.endpoint);
});
afterAll(async () => sending?.stop());

function deps(overrides: Partial<DispatchDeps> = {}): DispatchDeps {
  return storeDispatchDeps(
    store,
    { email: ses, outboxDir },
    {
      // This file's own link shape, with a mailto, to assert the headers it makes.
      unsubscribeLink: (customerId: string, channel: Channel) => {
        const token = issueUnsubscribeToken(unsubscribeKey, {
          customerId,
          channel,
          issuedAt: new Date(T0),
        });
        return {
          url: `https://shop.example.com/unsubscribe/${token}`,
          mailto: `mailto:unsubscribe@shop.example.com?subject=${token}`,
        };
      },
      ...overrides,
    },
  );
}

const consent = marketingConsent;

/** A customer of their own, with an email and a phone, who agreed to marketing on both. */
async function aCustomer(options: { consent?: boolean } = {}): Promise<Customer> {
  const phone = `0912${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
  const customer = await createCustomer(
    store,
    customerInputSchema('VN').parse({
      name: 'Chị Lan',
      email: `lan.${ids.newId().toLowerCase()}@example.com`,
      phone,
      source: 'manual',
    }),
  );
  if (options.consent !== false) {
    await recordConsent(store, customer.id, consent('email', 'granted'));
    await recordConsent(store, customer.id, consent('sms', 'granted'));
  }
  return customer;
}

function aJob(customer: Customer, overrides: Partial<SendJob> = {}): SendJob {
  return {
    workflow: 'win-back',
    enrollmentId: ids.newId(),
    step: 'first-nudge',
    customerId: customer.id,
    channel: 'email',
    templateId: 'win-back-email',
    purpose: 'marketing',
    ...overrides,
  } as SendJob;
}

async function inbox(to: string | undefined): Promise<StoredEmail[]> {
  const response = await fetch(emulator.storeUrl);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((email) => to !== undefined && email.destination.to.includes(to));
}

const ledger = () => deps().ledger;

describe('dispatch', () => {
  describe('a consenting customer', () => {
    it('gets exactly one labelled email with both parts and one-click unsubscribe', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);

      const outcome = await dispatch(deps(), job, T0);

      expect(outcome).toMatchObject({ kind: 'sent', key: messageKey(job) });
      const received = await inbox(customer.email);
      expect(received).toHaveLength(1);
      const [email] = received;
      expect(email?.subject).toMatch(/^\[QC\] /);
      expect(email?.body.html).toContain('https://shop.example.com/unsubscribe/');
      expect(email?.body.text).toContain('https://shop.example.com/unsubscribe/');
      expect(email?.body.html).toContain('Chị Lan');
      const headers = new Map(email?.headers?.map((header) => [header.name, header.value]));
      expect(headers.get('List-Unsubscribe')).toMatch(
        /^<https:\/\/shop\.example\.com\/unsubscribe\/[\w-]+>, <mailto:unsubscribe@shop\.example\.com\?subject=[\w-]+>$/,
      );
      expect(headers.get('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(await ledger().get(messageKey(job))).toMatchObject({
        status: 'sent',
        providerMessageId: email?.messageId,
      });
    });

    it('sends once when the same job is delivered five times', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);

      const outcomes = [];
      for (let delivery = 0; delivery < 5; delivery += 1) {
        outcomes.push(await dispatch(deps(), job, at(delivery * 60_000)));
      }

      expect(outcomes.map((outcome) => outcome.kind)).toEqual([
        'sent',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      expect(await inbox(customer.email)).toHaveLength(1);
    });

    it('sends one labelled SMS with its opt-out link to the outbox', async () => {
      const customer = await aCustomer();
      const job = aJob(customer, { channel: 'sms', templateId: 'win-back-sms' });

      const outcome = await dispatch(deps(), job, T0);

      expect(outcome.kind).toBe('sent');
      const lines = (await readFile(join(outboxDir, 'sms.jsonl'), 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as SmsOutboxEntry)
        .filter((entry) => entry.to === customer.phone);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ senderId: 'THAOMOC', type: 'Promotional' });
      expect(lines[0]?.text).toMatch(/^\[QC\] /);
      expect(lines[0]?.text).toContain('https://shop.example.com/unsubscribe/');
    });
  });

  describe('refusing', () => {
    it('sends nothing to a withdrawn customer and records why', async () => {
      const customer = await aCustomer();
      await recordConsent(store, customer.id, consent('email', 'withdrawn'));
      const job = aJob(customer);

      const outcome = await dispatch(deps(), job, T0);

      expect(outcome).toEqual({
        kind: 'skipped',
        key: messageKey(job),
        reason: 'consent_withdrawn',
      });
      expect(await inbox(customer.email)).toHaveLength(0);
      expect(await ledger().get(messageKey(job))).toMatchObject({
        status: 'skipped',
        skipReason: 'consent_withdrawn',
      });
    });

    it('sends nothing to a customer who never agreed', async () => {
      const customer = await aCustomer({ consent: false });
      const outcome = await dispatch(deps(), aJob(customer), T0);
      expect(outcome).toMatchObject({ kind: 'skipped', reason: 'no_consent' });
      expect(await inbox(customer.email)).toHaveLength(0);
    });

    it('sends nothing to an erased customer and records the skip', async () => {
      const customer = await aCustomer();
      await eraseCustomer(store, customer.id);
      const job = aJob(customer);

      const outcome = await dispatch(deps(), job, T0);

      expect(outcome).toMatchObject({ kind: 'skipped', detail: 'customer_erased' });
      expect(await inbox(customer.email)).toHaveLength(0);
      expect(await ledger().get(messageKey(job))).toMatchObject({ status: 'skipped' });
    });

    it('sends nothing, not even about an order, to a bounced address, and records why', async () => {
      const customer = await aCustomer();
      await suppressAddress(store, {
        channel: 'email',
        address: customer.email?.toUpperCase() ?? '',
        reason: 'bounce',
        at: T0,
      });
      const marketing = aJob(customer);
      const transactional = aJob(customer, {
        templateId: 'promotion-email',
        purpose: 'transactional',
        step: 'order-update',
      });

      expect(await dispatch(deps(), marketing, T0)).toMatchObject({
        kind: 'skipped',
        reason: 'suppressed_bounce',
      });
      expect(await dispatch(deps(), transactional, T0)).toMatchObject({
        kind: 'skipped',
        reason: 'suppressed_bounce',
      });
      expect(await inbox(customer.email)).toHaveLength(0);
      expect(await ledger().get(messageKey(marketing))).toMatchObject({
        status: 'skipped',
        skipReason: 'suppressed_bounce',
      });
      // The phone did not bounce.
      expect(
        await dispatch(deps(), aJob(customer, { channel: 'sms', templateId: 'win-back-sms' }), T0),
      ).toMatchObject({ kind: 'sent' });
    });

    it('keeps a complaint on the address for whoever holds it next', async () => {
      const first = await aCustomer();
      await suppressAddress(store, {
        channel: 'email',
        address: first.email ?? '',
        reason: 'complaint',
        at: T0,
      });
      await eraseCustomer(store, first.id);
      const next = await createCustomer(
        store,
        customerInputSchema('VN').parse({ email: first.email, source: 'import' }),
      );
      await recordConsent(store, next.id, consent('email', 'granted'));

      const outcome = await dispatch(deps(), aJob(next), T0);

      expect(outcome).toMatchObject({ kind: 'skipped', reason: 'suppressed_complaint' });
      expect(await store.customers.getProfile(next.id)).toMatchObject({
        suppression: { email: { reason: 'complaint', at: T0 } },
      });
    });

    it('skips a second marketing job within 24 hours under a cap of one', async () => {
      const customer = await aCustomer();
      const first = aJob(customer);
      const second = aJob(customer, { workflow: 'promotion', templateId: 'promotion-email' });

      expect((await dispatch(deps(), first, T0)).kind).toBe('sent');
      const outcome = await dispatch(deps(), second, at(2 * HOUR));

      expect(outcome).toMatchObject({ kind: 'skipped', reason: 'frequency_cap' });
      expect(await ledger().get(messageKey(second))).toMatchObject({
        skipReason: 'frequency_cap',
      });
      expect(await inbox(customer.email)).toHaveLength(1);
    });

    it('defers a marketing job at 23:00 in Ho Chi Minh City to the next morning', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);

      // 16:00 UTC is 23:00 at UTC+7; the window opens at 07:00 local, 00:00 UTC.
      const outcome = await dispatch(deps(), job, '2026-11-23T16:00:00.000Z');

      expect(outcome).toEqual({
        kind: 'deferred',
        key: messageKey(job),
        until: '2026-11-24T00:00:00.000Z',
      });
      expect(await ledger().get(messageKey(job))).toBeUndefined();
      expect(await inbox(customer.email)).toHaveLength(0);
    });

    it("holds email for the shop's own window while SMS keeps the legal one", async () => {
      const customer = await aCustomer();
      const officeHours = deps({
        settings: {
          ...sendingShop,
          sendingWindows: {
            email: { start: '11:00', end: '21:00' },
            sms: { start: '07:00', end: '22:00' },
          },
        },
      });
      const email = aJob(customer);
      const sms = aJob(customer, { channel: 'sms', templateId: 'win-back-sms', step: 'sms-nudge' });

      // T0 is 10:00 in Ho Chi Minh City.
      expect(await dispatch(officeHours, email, T0)).toEqual({
        kind: 'deferred',
        key: messageKey(email),
        until: '2026-11-23T04:00:00.000Z',
      });
      expect(await dispatch(officeHours, sms, T0)).toMatchObject({ kind: 'sent' });
    });
  });

  describe('DynamoDB requests', () => {
    it('are at most four for a sent marketing message and two for a skipped one', async () => {
      const customer = await aCustomer();
      const withdrawn = await aCustomer();
      await recordConsent(store, withdrawn.id, consent('email', 'withdrawn'));

      meter.reset();
      expect(await dispatch(deps(), aJob(customer), T0)).toMatchObject({ kind: 'sent' });
      const sent = meter.read();
      meter.reset();
      expect(await dispatch(deps(), aJob(withdrawn), T0)).toMatchObject({ kind: 'skipped' });
      const skipped = meter.read();

      // BatchGetItem (profile, tombstone, cap window); claim; cap window; outcome.
      expect(sent.byCommand).toEqual({
        BatchGetItemCommand: 1,
        UpdateItemCommand: 2,
        PutItemCommand: 1,
      });
      expect(skipped.byCommand).toEqual({ BatchGetItemCommand: 1, UpdateItemCommand: 1 });
    });
  });

  describe('racing dispatchers', () => {
    it('send the same job once', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);

      const outcomes = await Promise.all([dispatch(deps(), job, T0), dispatch(deps(), job, T0)]);

      expect(outcomes.filter((outcome) => outcome.kind === 'sent')).toHaveLength(1);
      expect(await inbox(customer.email)).toHaveLength(1);
    });

    it('send one of two different jobs for one customer under a cap of one', async () => {
      const customer = await aCustomer();
      const jobs = [aJob(customer), aJob(customer, { channel: 'sms', templateId: 'win-back-sms' })];

      const outcomes = await Promise.all(jobs.map((job) => dispatch(deps(), job, T0)));

      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['sent', 'skipped']);
      expect(outcomes.find((outcome) => outcome.kind === 'skipped')).toMatchObject({
        reason: 'frequency_cap',
      });
    });
  });

  describe('provider faults', () => {
    /** An EmailSender that fails as told, then sends through the emulator. */
    function faulty(...failures: Error[]): EmailSender & { calls: number } {
      const sender = {
        calls: 0,
        async send(email: OutgoingEmail) {
          sender.calls += 1;
          const failure = failures.shift();
          if (failure !== undefined) throw failure;
          return ses.send(email);
        },
      };
      return sender;
    }

    it('marks an ambiguous outcome unknown and never sends it again', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);
      const email = faulty(new ProviderOutcomeUnknownError('email', 'TimeoutError'));

      const first = await dispatch(deps({ email }), job, T0);
      const redelivered = await dispatch(deps({ email }), job, at(10 * 60_000));

      expect(first.kind).toBe('unknown');
      expect(redelivered).toMatchObject({ kind: 'duplicate', status: 'unknown' });
      expect(email.calls).toBe(1);
      expect(await ledger().get(messageKey(job))).toMatchObject({ status: 'unknown' });
    });

    it('releases a throttled message and sends it exactly once on a later delivery', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);
      const email = faulty(new ProviderThrottledError('email', 'TooManyRequestsException'));

      const thrown = await dispatch(deps({ email }), job, T0).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(DispatchRetryLaterError);
      expect(await ledger().get(messageKey(job))).toMatchObject({ status: 'failed' });
      expect((await deps().capWindows.read(customer.id)).sends).toEqual([]);

      const retried = await dispatch(deps({ email }), job, at(60_000));
      const again = await dispatch(deps({ email }), job, at(120_000));

      expect(retried.kind).toBe('sent');
      expect(again).toMatchObject({ kind: 'duplicate', status: 'sent' });
      expect(email.calls).toBe(2);
      expect(await inbox(customer.email)).toHaveLength(1);
    });

    /** The real SES v2 client to the emulator, with a fault injected around the HTTP call. */
    function sesWith(fault: 'throttleOnce' | 'timeoutAfterAccepted'): SesEmailSender {
      const client = new SESv2Client({
        endpoint: emulator.endpoint,
        region: 'ap-southeast-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      let throttled = false;
      client.middlewareStack.add(
        (next) => async (args) => {
          if (fault === 'throttleOnce' && !throttled) {
            throttled = true;
            throw Object.assign(new Error('Maximum sending rate exceeded.'), {
              name: 'TooManyRequestsException',
              $metadata: { httpStatusCode: 429 },
            });
          }
          const result = await next(args);
          // SES accepted and stored the email; the answer is lost on the way back.
          if (fault === 'timeoutAfterAccepted')
            throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
          return result;
        },
        { step: 'deserialize', name: 'injectFault' },
      );
      return new SesEmailSender(client);
    }

    it('retries an email SES throttled and delivers it once', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);
      const email = sesWith('throttleOnce');

      const first = await dispatch(deps({ email }), job, T0).catch((error: unknown) => error);
      const retried = await dispatch(deps({ email }), job, at(60_000));

      expect(first).toMatchObject({ constructor: DispatchRetryLaterError, reason: 'throttled' });
      expect(retried.kind).toBe('sent');
      expect(await inbox(customer.email)).toHaveLength(1);
    });

    it('records unknown when SES accepted but the answer timed out, and never resends', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);
      const email = sesWith('timeoutAfterAccepted');

      const first = await dispatch(deps({ email }), job, T0);
      const outcomes = [];
      for (let delivery = 1; delivery <= 4; delivery += 1)
        outcomes.push((await dispatch(deps(), job, at(delivery * 60_000))).kind);

      expect(first).toMatchObject({ kind: 'unknown' });
      expect(outcomes).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
      // It did go out, exactly once; the ledger lists it for the owner to check.
      expect(await inbox(customer.email)).toHaveLength(1);
      const unknown = await ledger().listUnknown(100);
      expect(unknown.records.map((record) => record.key)).toContain(messageKey(job));
    });

    it('backs off from SNS throttling an SMS and sends it once (SNS has no local peer)', async () => {
      const customer = await aCustomer();
      const job = aJob(customer, { channel: 'sms', templateId: 'win-back-sms' });
      const sns = mockClient(SNSClient);
      try {
        sns
          .on(PublishCommand)
          .rejectsOnce(
            new ThrottledException({
              message: 'Rate exceeded',
              $metadata: { httpStatusCode: 400 },
            }),
          )
          .resolves({ MessageId: 'sns-0001' });
        const sms = new SnsSmsSender(new SNSClient({ region: 'ap-southeast-1' }));

        const first = await dispatch(deps({ sms }), job, T0).catch((error: unknown) => error);
        const retried = await dispatch(deps({ sms }), job, at(60_000));
        const again = await dispatch(deps({ sms }), job, at(120_000));

        expect(first).toBeInstanceOf(DispatchRetryLaterError);
        expect(retried).toEqual({
          kind: 'sent',
          key: messageKey(job),
          providerMessageId: 'sns-0001',
        });
        expect(again).toMatchObject({ kind: 'duplicate', status: 'sent' });
        expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
        expect(sns.commandCalls(PublishCommand)[1]?.args[0].input).toMatchObject({
          PhoneNumber: customer.phone,
          Message: expect.stringMatching(/^\[QC\]/),
        });
      } finally {
        sns.restore();
      }
    });

    it('marks a claim that outlived its lease unknown without sending', async () => {
      const customer = await aCustomer();
      const job = aJob(customer);
      // A dispatcher that claimed and crashed before recording anything.
      await ledger().claim(messageKey(job), job, T0, 60_000);

      const outcome = await dispatch(deps(), job, at(5 * 60_000));

      expect(outcome.kind).toBe('unknown');
      expect(await ledger().get(messageKey(job))).toMatchObject({ status: 'unknown' });
      expect(await inbox(customer.email)).toHaveLength(0);
    });
  });
});
