import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startSesEmulator } from '../../infra/local/ses-emulator';
import { ensureTable } from '../../infra/local/table';
import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { DynamoAudienceScanner } from '../../shared/adapters/dynamodb/campaign-audience-scan';
import { CachedCampaignGate } from '../../shared/adapters/dynamodb/campaign-gate';
import { DynamoCampaignStore } from '../../shared/adapters/dynamodb/campaign-store';
import { DynamoMessageLedger } from '../../shared/adapters/dynamodb/message-ledger';
import { DynamoRecipientReader } from '../../shared/adapters/dynamodb/recipient-reader';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { campaignItemIsTheSchedule } from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';
import { OutboxSmsSender } from '../../shared/adapters/sms/outbox-sms-sender';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import type { Channel } from '../../shared/core/consent';
import { dispatch, type DispatchOutcome } from '../../shared/core/messaging/dispatch';
import type { DispatchDeps } from '../../shared/core/messaging/dispatch-deps';
import { optOutLink } from '../../shared/core/messaging/opt-out-link';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
} from '../../shared/core/messaging/unsubscribe-token';
import { campaignTally } from '../../shared/core/results/tally';
import type { ShopSettings } from '../../shared/core/settings';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import { hasOpenOrder } from '../../workflows/campaigns/campaign-jobs';
import { createCampaign } from '../../workflows/campaigns/create-campaign';
import { fanOutSegment, startCampaign, type FanOutDeps } from '../../workflows/campaigns/fan-out';
import { campaignProgress } from '../../workflows/campaigns/progress';
import { drainFanOut, mayReach, mixedCustomer, seedProfiles } from '../helpers/campaign-audience';
import { emulatorEmailSender } from '../helpers/dispatch-deps';
import { DynamoDbMeter } from '../helpers/dynamodb-meter';
import { round } from './measure';

const TABLE = 'bench-broadcast-delivery';
/** 10:00 in Việt Nam: inside every sending window, so nothing is deferred. */
const NOW = '2026-11-23T03:00:00.000Z';
/** Small pages, so each segment has several and the crash falls between two of them. */
const PAGE_ITEMS = 200;
const DISPATCHERS = 16;

/**
 * The broadcast end to end at `customers` (5,000 by default), with a crash: the send queue fails
 * once part-way through the fan-out, SQS redelivers every segment message, the replay finishes,
 * and every queued job (the replayed ones included) goes through the real dispatcher to the SES
 * emulator and the SMS outbox. Checks that exactly the customers the rules allow got exactly one
 * message per channel, and prints what it cost.
 */
export async function benchBroadcastDelivery(
  dynamoEndpoint: string,
  settings: ShopSettings,
  customerCount: number,
): Promise<void> {
  const client = createLocalDynamoDbClient(dynamoEndpoint);
  await ensureTable(client, TABLE);
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const customers = Array.from({ length: customerCount }, (_, index) => mixedCustomer(index, NOW));
  await seedProfiles(documentClient, TABLE, customers);
  const [ses, outboxDir] = await Promise.all([
    startSesEmulator(),
    mkdtemp(join(tmpdir(), 'regulars-bench-broadcast-')),
  ]);
  try {
    const clock = { now: () => new Date(NOW) };
    const campaigns = new DynamoCampaignStore(documentClient, TABLE);
    const fanOutMessages: FanOutMessage[] = [];
    const jobs: SendJob[] = [];
    let crashed = false;
    // Part-way through a page, so the replay queues some jobs a second time.
    const crashAfter = Math.floor(customerCount * 0.4) + 17;
    const deps: FanOutDeps = {
      campaigns,
      audience: new DynamoAudienceScanner(documentClient, TABLE, PAGE_ITEMS),
      sendJobs: {
        sendAll: async (page) => {
          if (!crashed && jobs.length + page.length > crashAfter) {
            crashed = true;
            jobs.push(...page.slice(0, Math.max(0, crashAfter - jobs.length)));
            throw new Error('the function timed out mid-page');
          }
          jobs.push(...page);
        },
      },
      fanOut: { send: async (message) => void fanOutMessages.push(message) },
      settings,
      clock,
    };
    const { campaign } = await createCampaign(
      { ...deps, scheduler: campaignItemIsTheSchedule, templates: builtInTemplate },
      'bench-broadcast-delivery',
      {
        kind: 'broadcast',
        request: {
          channels: ['email', 'sms'],
          message: 'Fanpage đang bị khoá, mời bạn đặt hàng qua các kênh dưới đây.',
          websiteUrl: 'https://thaomoc.vn/',
          hotline: '0909 123 456',
        },
      },
    );
    const meter = new DynamoDbMeter().attach(client);
    const fanOutStarted = process.hrtime.bigint();
    fanOutMessages.splice(0);
    await startCampaign(deps, campaign.id);
    const segments = fanOutMessages.splice(0);
    const firstRound = await Promise.allSettled(
      segments.map((message) => fanOutSegment(deps, message as never)),
    );
    const crashes = firstRound.filter((result) => result.status === 'rejected').length;
    // SQS redelivers every segment message, the finished ones too, as a duplicate would.
    fanOutMessages.push(...segments);
    await drainFanOut(deps, fanOutMessages);
    const fanOutSeconds = Number(process.hrtime.bigint() - fanOutStarted) / 1e9;
    const fanOutReading = meter.read();

    const key = deriveUnsubscribeKey('bench-secret-0123456789abcdef0123456789abcdef');
    const dispatchDeps: DispatchDeps = {
      recipients: new DynamoRecipientReader(documentClient, TABLE),
      settings,
      ledger: new DynamoMessageLedger(documentClient, TABLE),
      capWindows: new DynamoCapWindowStore(documentClient, TABLE),
      email: emulatorEmailSender(ses.endpoint),
      sms: new OutboxSmsSender(join(outboxDir, 'sms.jsonl'), clock, new UlidGenerator()),
      templates: builtInTemplate,
      unsubscribeLink: (customerId: string, channel: Channel) =>
        optOutLink({
          publicBaseUrl: 'https://shop.example.com',
          token: issueUnsubscribeToken(key, { customerId, channel, issuedAt: clock.now() }),
          mailbox: null,
        }),
      clock,
      random: () => 0,
      capExemptWorkflows: ['outage-broadcast'],
      campaigns: new CachedCampaignGate(documentClient, TABLE, Date.now),
    };
    meter.reset();
    const outcomes: DispatchOutcome[] = [];
    let next = 0;
    const dispatchStarted = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: DISPATCHERS }, async () => {
        while (next < jobs.length) {
          const job = jobs[next] as SendJob;
          next += 1;
          outcomes.push(await dispatch(dispatchDeps, job, NOW));
        }
      }),
    );
    const dispatchSeconds = Number(process.hrtime.bigint() - dispatchStarted) / 1e9;
    const dispatchReading = meter.read();

    const byKey = new Map(jobs.map((job) => [messageKey(job), job]));
    const sentTo = outcomes
      .filter((outcome) => outcome.kind === 'sent')
      .map((outcome) => {
        const job = byKey.get(outcome.key) as SendJob;
        return `${job.customerId}#${job.channel}`;
      })
      .sort();
    const allowed = customers
      .flatMap((customer) =>
        (['email', 'sms'] as Channel[])
          .filter((channel) =>
            mayReach(
              customer,
              channel,
              hasOpenOrder(customer, NOW) ? 'transactional' : 'marketing',
            ),
          )
          .map((channel) => `${customer.id}#${channel}`),
      )
      .sort();
    const emails = ((await (await fetch(`${ses.inboxUrl}store`)).json()) as { emails: unknown[] })
      .emails.length;
    const smsLines = (await readFile(join(outboxDir, 'sms.jsonl'), 'utf8').catch(() => ''))
      .split('\n')
      .filter((line) => line.trim() !== '').length;
    const exact =
      JSON.stringify(sentTo) === JSON.stringify(allowed) &&
      emails + smsLines === allowed.length &&
      new Set(sentTo).size === sentTo.length;
    const progress = campaignProgress(
      await new DynamoTallyStore(documentClient, TABLE).read(campaignTally(campaign.id)),
    );
    const count = (kind: DispatchOutcome['kind']) =>
      outcomes.filter((outcome) => outcome.kind === kind).length;
    const sent = count('sent');

    console.log(
      `\nThe same broadcast end to end: ${customerCount} customers with mixed consent, a crash mid-fan-out and a replay`,
    );
    console.table([
      {
        customers: customerCount,
        crashedSegments: crashes,
        jobsQueued: jobs.length,
        distinctMessages: byKey.size,
        queuedCounter: progress.queued,
        fanOutSeconds: round(fanOutSeconds, 2),
        fanOutRequests: fanOutReading.requests,
        sent,
        duplicates: count('duplicate'),
        skipped: count('skipped'),
        allowedByTheRules: allowed.length,
        emailsInEmulator: emails,
        smsInOutbox: smsLines,
        exactlyOnce: exact ? 'yes' : 'NO',
        dispatchPerSecond: Math.round(jobs.length / dispatchSeconds),
        requestsPerSent: round(dispatchReading.requests / Math.max(1, sent), 2),
      },
    ]);
    const skippedByReason: Record<string, number> = {};
    for (const outcome of outcomes) {
      if (outcome.kind === 'skipped')
        skippedByReason[outcome.reason] = (skippedByReason[outcome.reason] ?? 0) + 1;
    }
    console.log('skipped by reason:', skippedByReason);
    if (!exact) process.exitCode = 1;
  } finally {
    client.destroy();
    await Promise.all([ses.stop(), rm(outboxDir, { recursive: true, force: true })]);
  }
}
