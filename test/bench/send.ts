import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startSesEmulator } from '../../infra/local/ses-emulator';
import { ensureTable } from '../../infra/local/table';
import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { profileItem } from '../../shared/adapters/dynamodb/items';
import { DynamoMessageLedger } from '../../shared/adapters/dynamodb/message-ledger';
import { batchWriteAll } from '../../shared/adapters/dynamodb/paging';
import { DynamoRecipientReader } from '../../shared/adapters/dynamodb/recipient-reader';
import { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import { OutboxSmsSender } from '../../shared/adapters/sms/outbox-sms-sender';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import { summarizePurchases } from '../../shared/core/aggregates';
import type { Channel, ConsentState } from '../../shared/core/consent';
import { dispatch, type DispatchDeps } from '../../shared/core/messaging/dispatch';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { EmailSender } from '../../shared/core/messaging/senders';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
} from '../../shared/core/messaging/unsubscribe-token';
import { defaultShopSettings, type ShopSettings } from '../../shared/core/settings';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import { DynamoDbMeter, type MeterReading } from '../helpers/dynamodb-meter';
import { cpuSecondsOfPid, peakRssMiB, peakRssOfPidMiB, round, runConcurrently } from './measure';
import { vietnameseBuyer } from './vietnamese-people';

const CONCURRENCY = 32;
const TABLE = 'bench-send';
/** One in five customers withdrew marketing on email, so their jobs are skipped. */
const WITHDRAWN_EVERY = 5;
// 10:00 in Ho Chi Minh City: inside the sending window, so nothing is deferred.
const NOW = '2026-11-23T03:00:00.000Z';
const TARGET = { requestsPerSent: 4, requestsPerSkipped: 2, ratio: 0.5 };

const ids = new UlidGenerator();
const settings: ShopSettings = {
  ...defaultShopSettings,
  name: 'Xà phòng Thảo Mộc',
  emailSender: { address: 'shop@example.com', name: 'Xà phòng Thảo Mộc' },
  smsSenderId: 'THAOMOC',
};

/** A customer's profile item with an email and email-marketing consent granted or withdrawn. */
function customerProfile(index: number, id: string, withdrawn: boolean): Record<string, unknown> {
  const at = '2026-10-01T00:00:00.000Z';
  const granted: ConsentState = { status: 'granted', at, source: 'signup_form' };
  const marketing: ConsentState = withdrawn
    ? { status: 'withdrawn', at: '2026-10-15T00:00:00.000Z', source: 'unsubscribe_link' }
    : granted;
  return profileItem.from({
    id,
    name: vietnameseBuyer(index).name,
    email: `khach.${index}@example.com`,
    locale: 'vi',
    tags: ['shopee'],
    source: 'shopee',
    createdAt: at,
    updatedAt: at,
    version: 2,
    aggregates: summarizePurchases([], 'VND'),
    lapse: null,
    suppression: {},
    consent: { email: { marketing }, sms: {} },
  });
}

/** The pid of this process's child running the SES emulator, found in /proc. */
function emulatorPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes('aws-ses-v2-local')) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}

/** Adds up the wall time of every DynamoDB request a client sends, across all workers. */
function timeRequests(client: DynamoDBClient): { seconds: () => number; reset: () => void } {
  let nanoseconds = 0n;
  client.middlewareStack.add(
    (next) => async (args) => {
      const started = process.hrtime.bigint();
      try {
        return await next(args);
      } finally {
        nanoseconds += process.hrtime.bigint() - started;
      }
    },
    { step: 'initialize', name: 'regularsBenchRequestTimer' },
  );
  return { seconds: () => Number(nanoseconds) / 1e9, reset: () => (nanoseconds = 0n) };
}

/** The SES sender, timed: the emulator is part of the measured path. */
function timedEmail(inner: EmailSender) {
  const timed = {
    nanoseconds: 0n,
    calls: 0,
    async send(email: Parameters<EmailSender['send']>[0]) {
      const started = process.hrtime.bigint();
      try {
        return await inner.send(email);
      } finally {
        timed.nanoseconds += process.hrtime.bigint() - started;
        timed.calls += 1;
      }
    },
  };
  return timed;
}

interface PhaseRow {
  readonly phase: string;
  readonly jobs: number;
  readonly seconds: number;
  readonly jobsPerSecond: number;
  readonly requestsPerJob: number;
  readonly readUnitsPerJob: number;
  readonly writeUnitsPerJob: number;
  /** Share of the workers' time spent waiting on DynamoDB, and on the SES emulator. */
  readonly dynamoShare: number;
  readonly sesShare: number;
  /** CPU milliseconds per job: this process, the DynamoDB Local JVM, the SES emulator. */
  readonly benchCpuMs: number;
  readonly jvmCpuMs: number;
  readonly sesCpuMs: number;
}

/**
 * `npm run bench send [N]`: N marketing email jobs (default 10,000; one in five to a customer who
 * withdrew) through the real dispatcher, DynamoDB Local and the SES emulator, counting DynamoDB
 * requests per message sent and per message skipped; then, in the same run, a plain loop of N
 * conditional PutItem calls at the same concurrency on the same table, as the local ceiling.
 */
export async function benchSend(args: readonly string[]): Promise<void> {
  const jobCount = Number(args[0] ?? 10_000);
  const [dynamoDbLocal, emulator, outboxDir] = await Promise.all([
    startDynamoDbLocal(),
    startSesEmulator(),
    mkdtemp(join(tmpdir(), 'regulars-bench-send-')),
  ]);
  try {
    const client = createLocalDynamoDbClient(dynamoDbLocal.endpoint);
    await ensureTable(client, TABLE);
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });

    // Setup, not measured: the customers' profiles, written directly.
    const warmUpCount = Math.min(1_000, Math.ceil(jobCount / 10));
    const customers = Array.from({ length: jobCount + warmUpCount }, (_, index) => ({
      index,
      id: ids.newId(),
      withdrawn: index < jobCount && index % WITHDRAWN_EVERY === 0,
    }));
    const warmUpCustomers = customers.splice(jobCount).map((customer) => customer.id);
    const batch = 500;
    const everyone = [
      ...customers,
      ...warmUpCustomers.map((id) => ({ index: 0, id, withdrawn: false })),
    ];
    const seedSeconds = await runConcurrently(
      Math.ceil(everyone.length / batch),
      8,
      async (chunk) => {
        const items = everyone
          .slice(chunk * batch, (chunk + 1) * batch)
          .map(({ index, id, withdrawn }) => customerProfile(index, id, withdrawn));
        await batchWriteAll(
          documentClient,
          TABLE,
          items.map((Item) => ({ PutRequest: { Item } })),
        );
      },
    );
    console.log(
      `seeded ${everyone.length} customer profiles (${warmUpCount} for the warm-up) in ${round(seedSeconds, 1)} s`,
    );

    const meter = new DynamoDbMeter().attach(client);
    const dynamoTime = timeRequests(client);
    const email = timedEmail(
      new SesEmailSender(
        new SESv2Client({
          endpoint: emulator.endpoint,
          region: 'ap-southeast-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 1,
        }),
      ),
    );
    const unsubscribeKey = deriveUnsubscribeKey('bench-secret-0123456789abcdef0123456789abcdef');
    const clock = { now: () => new Date(NOW) };
    const deps: DispatchDeps = {
      recipients: new DynamoRecipientReader(documentClient, TABLE),
      settings,
      ledger: new DynamoMessageLedger(documentClient, TABLE),
      capWindows: new DynamoCapWindowStore(documentClient, TABLE),
      email,
      sms: new OutboxSmsSender(join(outboxDir, 'sms.jsonl'), clock, ids),
      templates: builtInTemplate,
      unsubscribeLink: (customerId: string, channel: Channel) => {
        const token = issueUnsubscribeToken(unsubscribeKey, {
          customerId,
          channel,
          issuedAt: new Date(NOW),
        });
        return {
          url: `https://shop.example.com/unsubscribe/${token}`,
          mailto: `mailto:unsubscribe@shop.example.com?subject=${token}`,
        };
      },
      clock,
      random: () => 0,
      variables: {
        offer: 'giảm 20% toàn bộ xà phòng thảo mộc',
        voucherCode: 'THAOMOC20',
        link: 'https://shop.example.com/khuyen-mai',
      },
    };
    const runId = ids.newId();
    const job = (customerId: string): SendJob => ({
      workflow: 'promotion',
      runId,
      step: 'blast',
      customerId,
      channel: 'email',
      templateId: 'promotion-email',
      purpose: 'marketing',
    });

    const sesPid = emulatorPid();
    const cpu = () => ({
      bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      jvm: cpuSecondsOfPid(dynamoDbLocal.pid) ?? Number.NaN,
      ses: sesPid === undefined ? Number.NaN : (cpuSecondsOfPid(sesPid) ?? Number.NaN),
    });
    const cpuPerJob = (before: ReturnType<typeof cpu>, count: number) => {
      const after = cpu();
      return {
        benchCpuMs: round(((after.bench - before.bench) * 1000) / count, 2),
        jvmCpuMs: round(((after.jvm - before.jvm) * 1000) / count, 2),
        sesCpuMs: round(((after.ses - before.ses) * 1000) / count, 2),
      };
    };

    const outcomes = new Map<string, number>();
    const readings = new Map<string, MeterReading>();
    const phase = async (name: string, customerIds: readonly string[]): Promise<PhaseRow> => {
      meter.reset();
      dynamoTime.reset();
      const sesBefore = email.nanoseconds;
      const cpuBefore = cpu();
      const seconds = await runConcurrently(customerIds.length, CONCURRENCY, async (index) => {
        const outcome = await dispatch(deps, job(customerIds[index] as string), NOW);
        const label = outcome.kind === 'skipped' ? `skipped:${outcome.reason}` : outcome.kind;
        outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
      });
      const reading = meter.read();
      readings.set(name, reading);
      const sesSeconds = Number(email.nanoseconds - sesBefore) / 1e9;
      return phaseRow(name, customerIds.length, seconds, reading, sesSeconds, cpuBefore);
    };
    /** One row of the table: throughput, requests and capacity per job, where the time went. */
    const phaseRow = (
      name: string,
      count: number,
      seconds: number,
      reading: MeterReading,
      sesSeconds: number,
      cpuBefore: ReturnType<typeof cpu>,
    ): PhaseRow => ({
      phase: name,
      jobs: count,
      seconds: round(seconds),
      jobsPerSecond: round(count / seconds, 1),
      requestsPerJob: round(reading.requests / count, 3),
      readUnitsPerJob: round(reading.readUnits / count, 3),
      writeUnitsPerJob: round(reading.writeUnits / count, 3),
      dynamoShare: round(dynamoTime.seconds() / (seconds * CONCURRENCY), 3),
      sesShare: round(sesSeconds / (seconds * CONCURRENCY), 3),
      ...cpuPerJob(cpuBefore, count),
    });
    const plainPuts = async (name: string, count = jobCount): Promise<PhaseRow> => {
      meter.reset();
      dynamoTime.reset();
      const cpuBefore = cpu();
      const seconds = await runConcurrently(count, CONCURRENCY, async (index) => {
        await documentClient.send(
          new PutCommand({
            TableName: TABLE,
            Item: { pk: `BENCH#${name}#${index}`, sk: 'PUT', n: index, at: NOW },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      });
      const reading = meter.read();
      readings.set(name, reading);
      return phaseRow(name, count, seconds, reading, 0, cpuBefore);
    };

    // Warm-up, not counted: the JVM's JIT, the SDK's connections and the emulator.
    await plainPuts('warm-up put', Math.max(2_000, jobCount));
    await phase('warm-up dispatch', warmUpCustomers);
    outcomes.clear();
    readings.clear();
    const sesCallsBeforeMeasuring = email.calls;
    const sesTimeBeforeMeasuring = email.nanoseconds;

    // The ceiling before and after the dispatch phases, so drift in DynamoDB Local shows.
    const putsBefore = await plainPuts('plain put (before)');
    const consenting = customers.filter((customer) => !customer.withdrawn);
    const readOnly = await (async (): Promise<PhaseRow> => {
      // The dispatcher's first request alone (read-only), to see what it costs the JVM.
      meter.reset();
      dynamoTime.reset();
      const cpuBefore = cpu();
      const seconds = await runConcurrently(consenting.length, CONCURRENCY, async (index) => {
        await deps.recipients.read((consenting[index] as { id: string }).id, { capWindow: true });
      });
      const reading = meter.read();
      readings.set('recipient read only', reading);
      const count = consenting.length;
      return {
        phase: 'recipient read only',
        jobs: count,
        seconds: round(seconds),
        jobsPerSecond: round(count / seconds, 1),
        requestsPerJob: round(reading.requests / count, 3),
        readUnitsPerJob: round(reading.readUnits / count, 3),
        writeUnitsPerJob: 0,
        dynamoShare: round(dynamoTime.seconds() / (seconds * CONCURRENCY), 3),
        sesShare: 0,
        ...cpuPerJob(cpuBefore, count),
      };
    })();
    const sent = await phase(
      'dispatch: consenting',
      consenting.map((customer) => customer.id),
    );
    const skipped = await phase(
      'dispatch: withdrawn',
      customers.filter((customer) => customer.withdrawn).map((customer) => customer.id),
    );
    const putsAfter = await plainPuts('plain put (after)');

    const storeStarted = process.hrtime.bigint();
    const response = await fetch(emulator.storeUrl);
    const { emails } = (await response.json()) as { emails: unknown[] };
    const storeSeconds = Number(process.hrtime.bigint() - storeStarted) / 1e9;

    const requestsPerSent = (readings.get('dispatch: consenting')?.requests ?? 0) / sent.jobs;
    const requestsPerSkipped = (readings.get('dispatch: withdrawn')?.requests ?? 0) / skipped.jobs;
    const sentPerSecond = (outcomes.get('sent') ?? 0) / sent.seconds;
    const ceiling = Math.max(putsBefore.jobsPerSecond, putsAfter.jobsPerSecond);
    const ratio = (sentPerSecond * requestsPerSent) / ceiling;
    const totalSeconds = sent.seconds + skipped.seconds;

    console.log(
      JSON.stringify(
        {
          benchmark: 'send',
          jobs: jobCount,
          concurrency: CONCURRENCY,
          now: NOW,
          outcomes: Object.fromEntries(outcomes),
          emailsInEmulator: `${emails.length} (${sesCallsBeforeMeasuring} of them from the warm-up)`,
          emulatorStoreSeconds: round(storeSeconds),
          sentPerSecond: round(sentPerSecond, 1),
          jobsPerSecondOverall: round(jobCount / totalSeconds, 1),
          sentPerSecondOverall: round((outcomes.get('sent') ?? 0) / totalSeconds, 1),
          requestsPerSent: round(requestsPerSent, 3),
          requestsPerSkipped: round(requestsPerSkipped, 3),
          plainPutsPerSecond: { before: putsBefore.jobsPerSecond, after: putsAfter.jobsPerSecond },
          ratio: round(ratio, 3),
          ratioAgainstEachPlainLoop: {
            before: round((sentPerSecond * requestsPerSent) / putsBefore.jobsPerSecond, 3),
            after: round((sentPerSecond * requestsPerSent) / putsAfter.jobsPerSecond, 3),
          },
          ratioDefinition:
            '(sent per second × requests per sent) / best plain conditional PutItem per second',
          targets: {
            requestsPerSent: `${round(requestsPerSent, 3)} <= ${TARGET.requestsPerSent}: ${requestsPerSent <= TARGET.requestsPerSent ? 'met' : 'MISSED'}`,
            requestsPerSkipped: `${round(requestsPerSkipped, 3)} <= ${TARGET.requestsPerSkipped}: ${requestsPerSkipped <= TARGET.requestsPerSkipped ? 'met' : 'MISSED'}`,
            ratio: `${round(ratio, 3)} >= ${TARGET.ratio}: ${ratio >= TARGET.ratio ? 'met' : 'MISSED'}`,
          },
        },
        null,
        2,
      ),
    );
    console.table([putsBefore, readOnly, sent, skipped, putsAfter]);
    for (const [name, reading] of readings)
      console.log(`${name}: ${JSON.stringify(reading.byCommand)}`);
    console.log(
      `SES emulator (measured phases): ${email.calls - sesCallsBeforeMeasuring} calls, ${round(Number(email.nanoseconds - sesTimeBeforeMeasuring) / 1e6 / Math.max(email.calls - sesCallsBeforeMeasuring, 1), 2)} ms each on average`,
    );
    console.log(
      `peak RSS: bench process ${round(peakRssMiB(), 1)} MiB, DynamoDB Local JVM ${round(peakRssOfPidMiB(dynamoDbLocal.pid) ?? Number.NaN, 1)} MiB`,
    );
    console.log(
      `Shares are the fraction of the ${CONCURRENCY} workers' time spent waiting on that service; CPU ms are per job (${cpus().length} CPUs here). Capacity units are as DynamoDB Local reports them.`,
    );
  } finally {
    await Promise.all([
      dynamoDbLocal.stop(),
      emulator.stop(),
      rm(outboxDir, { recursive: true, force: true }),
    ]);
  }
}
