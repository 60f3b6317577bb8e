import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SesEmulator } from '../../infra/local/ses-emulator';
import { DynamoAudienceScanner } from '../../shared/adapters/dynamodb/campaign-audience-scan';
import { CachedCampaignGate } from '../../shared/adapters/dynamodb/campaign-gate';
import { DynamoCampaignStore } from '../../shared/adapters/dynamodb/campaign-store';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { campaignItemIsTheSchedule } from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';
import type { Channel } from '../../shared/core/consent';
import type { Customer } from '../../shared/core/customer';
import { dispatch, type DispatchOutcome } from '../../shared/core/messaging/dispatch';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import { campaignTally } from '../../shared/core/results/tally';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import { hasOpenOrder } from '../../workflows/campaigns/campaign-jobs';
import { cancelCampaign } from '../../workflows/campaigns/cancel-campaign';
import { createCampaign, type CampaignRequest } from '../../workflows/campaigns/create-campaign';
import { IdempotencyKeyReusedError } from '../../workflows/campaigns/errors';
import { fanOutSegment, startCampaign, type FanOutDeps } from '../../workflows/campaigns/fan-out';
import type { SendJobSink } from '../../workflows/campaigns/ports';
import { campaignProgress } from '../../workflows/campaigns/progress';
import { drainFanOut, mayReach, mixedCustomer, seedProfiles } from '../helpers/campaign-audience';
import {
  emulatorEmailSender,
  sendingShop,
  storeDispatchDeps,
  startSendingFixture,
  type SendingFixture,
} from '../helpers/dispatch-deps';
import type { StoreFixture } from '../helpers/store';

const CUSTOMERS = 1_000;
/** Small pages, so every segment has several and a crash can fall between them. */
const PAGE_ITEMS = 100;

let store: StoreFixture;
let emulator: SesEmulator;
let outboxDir: string;
let sending: SendingFixture;
let customers: Customer[];
let campaigns: DynamoCampaignStore;
let tallies: DynamoTallyStore;

beforeAll(async () => {
  sending = await startSendingFixture('broadcast');
  ({ store, emulator, outboxDir } = sending);
  const now = store.clock.now().toISOString();
  customers = Array.from({ length: CUSTOMERS }, (_, index) => mixedCustomer(index, now));
  await seedProfiles(store.documentClient, store.table.tableName, customers);
  campaigns = new DynamoCampaignStore(store.documentClient, store.table.tableName);
  tallies = new DynamoTallyStore(store.documentClient, store.table.tableName);
}, 60_000);
afterAll(async () => sending?.stop());

/** Queues that keep what they are given; the test delivers it. */
function capturingQueues() {
  const fanOutMessages: FanOutMessage[] = [];
  const jobs: SendJob[] = [];
  return {
    fanOutMessages,
    jobs,
    fanOut: { send: async (message: FanOutMessage) => void fanOutMessages.push(message) },
    sink: { sendAll: async (page: readonly SendJob[]) => void jobs.push(...page) } as SendJobSink,
  };
}

function fanOutDeps(queues: ReturnType<typeof capturingQueues>, sink = queues.sink): FanOutDeps {
  return {
    campaigns,
    audience: new DynamoAudienceScanner(store.documentClient, store.table.tableName, PAGE_ITEMS),
    sendJobs: sink,
    fanOut: queues.fanOut,
    settings: sendingShop,
    clock: store.clock,
  };
}

function create(queues: ReturnType<typeof capturingQueues>, key: string, request: CampaignRequest) {
  return createCampaign(
    {
      campaigns,
      fanOut: queues.fanOut,
      scheduler: campaignItemIsTheSchedule,
      templates: builtInTemplate,
      settings: sendingShop,
      clock: store.clock,
    },
    key,
    request,
  );
}

const broadcast = (
  message = 'Fanpage đang bị khoá, mời bạn đặt qua các kênh sau.',
): CampaignRequest => ({
  kind: 'broadcast',
  request: {
    channels: ['email', 'sms'],
    message,
    websiteUrl: 'https://thaomoc.vn/',
    hotline: '0909 123 456',
  },
});

/** Dispatches every job, 16 at a time, as the send worker would. */
async function dispatchAll(jobs: readonly SendJob[]): Promise<DispatchOutcome[]> {
  const deps = storeDispatchDeps(
    store,
    { email: emulatorEmailSender(emulator.endpoint), outboxDir },
    {
      capExemptWorkflows: ['outage-broadcast'],
      campaigns: new CachedCampaignGate(store.documentClient, store.table.tableName, Date.now, 0),
    },
  );
  const outcomes: DispatchOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < jobs.length) {
        const job = jobs[next] as SendJob;
        next += 1;
        outcomes.push(await dispatch(deps, job, store.clock.now().toISOString()));
      }
    }),
  );
  return outcomes;
}

/** Who the broadcast may reach, per the rules: `customerId#channel`. */
function expectedRecipients(): string[] {
  const now = store.clock.now().toISOString();
  return customers
    .flatMap((customer) =>
      (['email', 'sms'] as Channel[])
        .filter((channel) =>
          mayReach(customer, channel, hasOpenOrder(customer, now) ? 'transactional' : 'marketing'),
        )
        .map((channel) => `${customer.id}#${channel}`),
    )
    .sort();
}

const sentTo = (jobs: readonly SendJob[], outcomes: readonly DispatchOutcome[]) => {
  const byKey = new Map(jobs.map((job) => [messageKey(job), job]));
  return outcomes
    .filter((outcome) => outcome.kind === 'sent')
    .map((outcome) => {
      const job = byKey.get(outcome.key) as SendJob;
      return `${job.customerId}#${job.channel}`;
    })
    .sort();
};

describe('outage broadcast', () => {
  it('reaches exactly the customers the rules allow, once per channel', async () => {
    const queues = capturingQueues();
    const { campaign, created } = await create(queues, 'broadcast-1', broadcast());
    expect(created).toBe(true);
    await drainFanOut(fanOutDeps(queues), queues.fanOutMessages);

    expect((await campaigns.get(campaign.id))?.status).toBe('queued');
    const keys = queues.jobs.map(messageKey);
    expect(new Set(keys).size).toBe(keys.length);
    const withAddress = customers.reduce(
      (sum, customer) => sum + (customer.email ? 1 : 0) + (customer.phone ? 1 : 0),
      0,
    );
    expect(queues.jobs).toHaveLength(withAddress);

    const outcomes = await dispatchAll(queues.jobs);
    const expected = expectedRecipients();
    expect(expected.length).toBeGreaterThan(300);
    expect(sentTo(queues.jobs, outcomes)).toEqual(expected);
    const skipped = outcomes.filter((outcome) => outcome.kind === 'skipped');
    expect(skipped).toHaveLength(queues.jobs.length - expected.length);

    const progress = campaignProgress(await tallies.read(campaignTally(campaign.id)));
    expect(progress.queued).toBe(queues.jobs.length);
    expect(progress.audience).toBe(CUSTOMERS);

    // What went out is what the emulator and the outbox hold: the owner's words included.
    const sms = (await readFile(join(outboxDir, 'sms.jsonl'), 'utf8')).trim().split('\n');
    expect(sms).toHaveLength(expected.filter((entry) => entry.endsWith('#sms')).length);
    const serviceSms = sms.filter((line) => line.includes('đơn hàng của bạn'));
    expect(serviceSms.length).toBeGreaterThan(0);
    expect(serviceSms.every((line) => !line.includes('[QC]'))).toBe(true);
    expect(sms.some((line) => line.includes('[QC]') && line.includes('Fanpage đang bị khoá'))).toBe(
      true,
    );
  }, 240_000);

  it('replays a page after a crash mid-fan-out: same recipients, queued counted once', async () => {
    const queues = capturingQueues();
    const { campaign } = await create(queues, 'broadcast-crash', broadcast('Lần hai'));
    // The send queue fails once, after 150 jobs of a page went out.
    let crashed = false;
    const crashing: SendJobSink = {
      sendAll: async (page) => {
        if (!crashed && queues.jobs.length + page.length > 150) {
          crashed = true;
          queues.jobs.push(...page.slice(0, 150 - queues.jobs.length));
          throw new Error('Lambda timed out');
        }
        queues.jobs.push(...page);
      },
    };
    const crashingDeps = fanOutDeps(queues, crashing);
    queues.fanOutMessages.splice(0); // the start the request sent: delivered here instead
    await startCampaign(crashingDeps, campaign.id);
    const segments = queues.fanOutMessages.splice(0);
    const first = await Promise.allSettled(
      segments.map((message) => fanOutSegment(crashingDeps, message as never)),
    );
    expect(first.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect((await campaigns.get(campaign.id))?.status).toBe('fanning_out');

    // SQS redelivers every segment message (the finished ones too, as a duplicate delivery would).
    queues.fanOutMessages.push(...segments);
    await drainFanOut(fanOutDeps(queues), queues.fanOutMessages);
    expect((await campaigns.get(campaign.id))?.status).toBe('queued');

    const distinct = new Set(queues.jobs.map(messageKey));
    expect(queues.jobs.length).toBeGreaterThan(distinct.size);
    const progress = campaignProgress(await tallies.read(campaignTally(campaign.id)));
    expect(progress.queued).toBe(distinct.size);

    const outcomes = await dispatchAll(queues.jobs);
    expect(sentTo(queues.jobs, outcomes)).toEqual(expectedRecipients());
  }, 240_000);

  it('creates one broadcast for one Idempotency-Key, and refuses the key for another request', async () => {
    const queues = capturingQueues();
    const first = await create(queues, 'double-tap', broadcast('Một lần thôi'));
    const again = await create(queues, 'double-tap', broadcast('Một lần thôi'));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.campaign).toEqual(first.campaign);
    await expect(create(queues, 'double-tap', broadcast('Khác'))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    // Both requests asked for a start; the conditional start makes one fan-out of them.
    expect(queues.fanOutMessages.filter((message) => message.kind === 'start')).toHaveLength(2);
    const outcomes = await Promise.all(
      queues.fanOutMessages
        .splice(0)
        .map((message) => startCampaign(fanOutDeps(queues), message.campaignId)),
    );
    expect(outcomes.sort()).toEqual(['resumed', 'started']);
    const listed = (await campaigns.list({ limit: 100 })).campaigns.filter(
      (campaign) => campaign.id === first.campaign.id,
    );
    expect(listed).toHaveLength(1);
  });

  it('stops what is not yet sent when cancelled after the fan-out', async () => {
    const queues = capturingQueues();
    const { campaign } = await create(queues, 'broadcast-cancel', broadcast('Huỷ'));
    await drainFanOut(fanOutDeps(queues), queues.fanOutMessages);
    const cancelled = await cancelCampaign(
      { campaigns, scheduler: campaignItemIsTheSchedule, tallies, clock: store.clock },
      campaign.id,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });

    const outcomes = await dispatchAll(queues.jobs);
    expect(outcomes).toHaveLength(queues.jobs.length);
    expect(outcomes.every((outcome) => outcome.kind === 'skipped')).toBe(true);
    expect(
      outcomes.every(
        (outcome) => outcome.kind === 'skipped' && outcome.reason === 'campaign_cancelled',
      ),
    ).toBe(true);
  }, 120_000);

  it('stops the fan-out itself at the next page when cancelled while fanning out', async () => {
    const queues = capturingQueues();
    const { campaign } = await create(queues, 'broadcast-cancel-early', broadcast('Dừng'));
    const deps = fanOutDeps(queues);
    queues.fanOutMessages.splice(0);
    await startCampaign(deps, campaign.id);
    const segments = queues.fanOutMessages.splice(0);
    await cancelCampaign(
      { campaigns, scheduler: campaignItemIsTheSchedule, tallies, clock: store.clock },
      campaign.id,
    );
    const outcomes = await Promise.all(
      segments.map((message) => fanOutSegment(deps, message as never)),
    );
    expect(outcomes).toEqual(segments.map(() => 'cancelled'));
    expect(queues.jobs).toEqual([]);
  });
});
