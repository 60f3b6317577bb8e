import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedCampaignGate } from '../../shared/adapters/dynamodb/campaign-gate';
import { DynamoDbMeter } from '../helpers/dynamodb-meter';
import { DynamoAudienceScanner } from '../../shared/adapters/dynamodb/campaign-audience-scan';
import { DynamoCampaignStore } from '../../shared/adapters/dynamodb/campaign-store';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { campaignItemIsTheSchedule } from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';
import type { Customer } from '../../shared/core/customer';
import { InvalidInputError } from '../../shared/core/errors';
import { dayInZone } from '../../shared/core/time-zone';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import { campaignJobs, hasOpenOrder } from '../../workflows/campaigns/campaign-jobs';
import { dispatch } from '../../shared/core/messaging/dispatch';
import { tmpdir } from 'node:os';
import { cancelCampaign } from '../../workflows/campaigns/cancel-campaign';
import {
  campaignFromRequest,
  createCampaign,
  type CampaignRequest,
} from '../../workflows/campaigns/create-campaign';
import { estimateCampaign } from '../../workflows/campaigns/estimate';
import { fanOutSegment, startCampaign, type FanOutDeps } from '../../workflows/campaigns/fan-out';
import type { CampaignScheduler } from '../../workflows/campaigns/ports';
import { PromotionRequest } from '../../workflows/campaigns/campaign';
import { matchesSegment } from '../../workflows/campaigns/segment';
import { startDueCampaigns } from '../../workflows/campaigns/start-due-campaigns';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { SendOptions } from '../../shared/core/ports';
import { IdempotencyKeyReusedError } from '../../workflows/campaigns/errors';
import { drainFanOut, mayReach, mixedCustomer, seedProfiles } from '../helpers/campaign-audience';
import { sendingShop, storeDispatchDeps } from '../helpers/dispatch-deps';
import { createStore, type StoreFixture } from '../helpers/store';

const CUSTOMERS = 200;
const HOUR = 60 * 60 * 1000;

let store: StoreFixture;
let customers: Customer[];
let campaigns: DynamoCampaignStore;
let audience: DynamoAudienceScanner;

beforeAll(async () => {
  store = await createStore();
  const now = store.clock.now().toISOString();
  customers = Array.from({ length: CUSTOMERS }, (_, index) => mixedCustomer(index, now));
  await seedProfiles(store.documentClient, store.table.tableName, customers);
  campaigns = new DynamoCampaignStore(store.documentClient, store.table.tableName);
  audience = new DynamoAudienceScanner(store.documentClient, store.table.tableName, 50);
}, 60_000);
afterAll(() => store.table.dropTable());

function harness(scheduler: CampaignScheduler = campaignItemIsTheSchedule) {
  const fanOutMessages: FanOutMessage[] = [];
  /** The messages sent with a delay, and the delay (seconds). */
  const delayed: Array<[FanOutMessage, number]> = [];
  const jobs: SendJob[] = [];
  const fanOut = {
    send: async (message: FanOutMessage, options?: SendOptions) => {
      fanOutMessages.push(message);
      if (options?.delaySeconds !== undefined) delayed.push([message, options.delaySeconds]);
    },
  };
  const deps: FanOutDeps = {
    campaigns,
    audience,
    sendJobs: { sendAll: async (page) => void jobs.push(...page) },
    fanOut,
    settings: sendingShop,
    clock: store.clock,
  };
  const create = (key: string, request: CampaignRequest) =>
    createCampaign(
      {
        campaigns,
        fanOut,
        scheduler,
        templates: builtInTemplate,
        settings: sendingShop,
        clock: store.clock,
      },
      key,
      request,
    );
  const deliver = async () => {
    await drainFanOut(deps, fanOutMessages);
  };
  return { fanOutMessages, delayed, jobs, deps, create, deliver };
}

const promotion = (overrides: Partial<PromotionRequest> = {}): CampaignRequest => ({
  kind: 'promotion',
  request: PromotionRequest.parse({
    name: 'Giảm 20% cuối tuần',
    segment: { tags: { any: ['vip'] } },
    channels: ['email', 'sms'],
    variables: { offer: 'Giảm 20% mọi đơn cuối tuần', voucherCode: 'CUOITUAN20' },
    ...overrides,
  }),
});

describe('promotions', () => {
  it('sends only to the segment, marketing throughout', async () => {
    const { jobs, create, deliver } = harness();
    const { campaign } = await create('promo-now', promotion());
    await deliver();
    expect((await campaigns.get(campaign.id))?.status).toBe('queued');
    const vip = customers.filter((customer) => customer.tags.includes('vip'));
    expect(new Set(jobs.map((job) => job.customerId))).toEqual(new Set(vip.map((c) => c.id)));
    expect(jobs.every((job) => job.purpose === 'marketing' && job.workflow === 'promotion')).toBe(
      true,
    );
    expect(new Set(jobs.map((job) => job.templateId))).toEqual(
      new Set(['promotion-email', 'promotion-sms']),
    );
  });

  it('re-sends, on a redelivered start, only the segments that have not begun', async () => {
    const { fanOutMessages, deps, create } = harness();
    const { campaign } = await create('promo-redelivered', promotion());
    fanOutMessages.splice(0);
    expect(await startCampaign(deps, campaign.id)).toBe('started');
    const [first, ...rest] = fanOutMessages.splice(0);
    if (first?.kind !== 'segment') throw new Error('expected segment messages');
    expect(await fanOutSegment(deps, first)).toBe('done');
    expect(await startCampaign(deps, campaign.id)).toBe('resumed');
    expect(fanOutMessages).toEqual(rest);
  });

  it('starts a scheduled promotion at its time and not before', async () => {
    const scheduled: string[] = [];
    const scheduler: CampaignScheduler = {
      schedule: async (id, at) => void scheduled.push(`${id}@${at}`),
      cancel: async () => undefined,
    };
    const { fanOutMessages, jobs, deps, create, deliver } = harness(scheduler);
    const sendAt = new Date(store.clock.now().getTime() + 2 * HOUR).toISOString();
    const { campaign } = await create('promo-later', promotion({ sendAt }));
    expect(campaign).toMatchObject({ status: 'scheduled', sendAt });
    expect(scheduled).toEqual([`${campaign.id}@${sendAt}`]);
    expect(fanOutMessages).toEqual([]);

    // An early start (a stray delivery) changes nothing; the local schedule does not fire yet.
    expect(await startCampaign(deps, campaign.id)).toBe('not_due');
    store.clock.advance(2 * HOUR - 1000);
    expect(await startDueCampaigns({ campaigns, fanOut: deps.fanOut, clock: store.clock })).toEqual(
      [],
    );
    expect((await campaigns.get(campaign.id))?.status).toBe('scheduled');

    store.clock.advance(1000);
    expect(await startDueCampaigns({ campaigns, fanOut: deps.fanOut, clock: store.clock })).toEqual(
      [campaign.id],
    );
    await deliver();
    expect((await campaigns.get(campaign.id))?.status).toBe('queued');
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('puts a start that comes before sendAt back on the queue, delayed until then, never dropped', async () => {
    const { fanOutMessages, delayed, deps, create } = harness({
      schedule: async () => undefined,
      cancel: async () => undefined,
    });
    const sendAt = new Date(store.clock.now().getTime() + 2 * HOUR).toISOString();
    const { campaign } = await create('promo-early-start', promotion({ sendAt }));
    const start = { kind: 'start', campaignId: campaign.id };
    // Hours early (a stray delivery): back in 15 minutes, SQS's longest delay, to look again.
    expect(await startCampaign(deps, campaign.id)).toBe('not_due');
    expect(delayed).toEqual([[start, 900]]);
    // Seconds early (Scheduler fires within its minute): back when sendAt has come.
    store.clock.advance(2 * HOUR - 10_200);
    expect(await startCampaign(deps, campaign.id)).toBe('not_due');
    expect(delayed[1]).toEqual([start, 11]);
    expect((await campaigns.get(campaign.id))?.status).toBe('scheduled');
    store.clock.advance(11_000);
    fanOutMessages.splice(0);
    expect(await startCampaign(deps, campaign.id)).toBe('started');
  });

  it('sends at once, with no schedule, a promotion whose sendAt is less than a minute ahead', async () => {
    const scheduled: string[] = [];
    const { fanOutMessages, create, deliver } = harness({
      schedule: async (id) => void scheduled.push(id),
      cancel: async () => undefined,
    });
    const now = store.clock.now().toISOString();
    const sendAt = new Date(store.clock.now().getTime() + 59_000).toISOString();
    const { campaign } = await create('promo-soon', promotion({ sendAt }));
    expect(scheduled).toEqual([]);
    expect(campaign.sendAt).toBe(now);
    expect(fanOutMessages).toEqual([{ kind: 'start', campaignId: campaign.id }]);
    await deliver();
    expect((await campaigns.get(campaign.id))?.status).toBe('queued');
  });

  it('answers a retry after sendAt has passed with the stored campaign, not a 400', async () => {
    const { create, deliver } = harness({
      schedule: async () => undefined,
      cancel: async () => undefined,
    });
    const sendAt = new Date(store.clock.now().getTime() + HOUR).toISOString();
    const request = promotion({ sendAt });
    const first = await create('promo-retry-late', request);
    store.clock.advance(2 * HOUR);
    const again = await create('promo-retry-late', request);
    expect(again).toEqual({ campaign: first.campaign, created: false });
    // Another request under the key is a reused key (409), whatever else is wrong with it.
    const other = promotion({ sendAt, name: 'Khác' });
    await expect(create('promo-retry-late', other)).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    // The retry also started it (its time has come).
    await deliver();
    expect((await campaigns.get(first.campaign.id))?.status).toBe('queued');
  });

  it('cancels before the start: the schedule is deleted and nothing fans out', async () => {
    const cancelled: string[] = [];
    const scheduler: CampaignScheduler = {
      schedule: async () => undefined,
      cancel: async (id) => void cancelled.push(id),
    };
    const { jobs, deps, create, deliver } = harness(scheduler);
    const sendAt = new Date(store.clock.now().getTime() + HOUR).toISOString();
    const { campaign } = await create('promo-cancel', promotion({ sendAt }));
    const tallies = new DynamoTallyStore(store.documentClient, store.table.tableName);
    const cancelDeps = { campaigns, scheduler, tallies, clock: store.clock };
    await cancelCampaign(cancelDeps, campaign.id);
    // Cancelling again answers the same cancelled campaign.
    expect(await cancelCampaign(cancelDeps, campaign.id)).toMatchObject({ status: 'cancelled' });
    expect(cancelled).toEqual([campaign.id]);
    store.clock.advance(HOUR);
    expect(await startDueCampaigns({ campaigns, fanOut: deps.fanOut, clock: store.clock })).toEqual(
      [],
    );
    expect(await startCampaign(deps, campaign.id)).toBe('not_startable');
    await deliver();
    expect(jobs).toEqual([]);
  });

  it('refuses a sendAt more than a minute in the past, naming it', async () => {
    const { create } = harness();
    const past = new Date(store.clock.now().getTime() - 2 * 60_000).toISOString();
    const error = await create('promo-past', promotion({ sendAt: past })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues[0]?.field).toBe('sendAt');
  });

  it('refuses a template that needs a value the request lacks, naming the variable', () => {
    const request = promotion({ variables: {} });
    const error = (() => {
      try {
        campaignFromRequest(
          { templates: builtInTemplate, settings: sendingShop },
          'k',
          request,
          store.clock.now().toISOString(),
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues[0]?.field).toBe('variables.offer');
  });

  it('refuses an unknown or wrong-channel template, naming the channel', () => {
    const now = store.clock.now().toISOString();
    const build = (templateIds: Record<string, string>) => () =>
      campaignFromRequest(
        { templates: builtInTemplate, settings: sendingShop },
        'k',
        promotion({ templateIds }),
        now,
      );
    const fieldOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof InvalidInputError ? error.issues[0]?.field : 'another error';
      }
      return 'no error';
    };
    expect(fieldOf(build({ sms: 'nope' }))).toBe('templateIds.sms');
    expect(fieldOf(build({ email: 'promotion-sms' }))).toBe('templateIds.email');
    expect(fieldOf(build({ email: 'outage-order-email' }))).toBe('templateIds.email');
  });
});

describe('estimates', () => {
  const priced = { ...sendingShop, smsPricePerSegment: { amount: 800, currency: 'VND' } };
  const estimateDeps = {
    settings: priced,
    templates: builtInTemplate,
    sampleOptOutUrl: `https://example.com/u/${'x'.repeat(51)}`,
  };

  it('counts the reachable audience per channel and prices the SMS by segments', async () => {
    const now = store.clock.now().toISOString();
    const campaign = campaignFromRequest(estimateDeps, 'estimate', promotion(), now);
    const estimate = await estimateCampaign(estimateDeps, campaign, audience.all(4), now);

    const today = dayInZone(now, priced.timeZone);
    const segment = campaign.segment ?? {};
    const inSegment = customers.filter((customer) => matchesSegment(customer, segment, today));
    const reach = (channel: 'email' | 'sms') =>
      inSegment.filter((customer) => mayReach(customer, channel, 'marketing')).length;
    expect(estimate.matched).toBe(inSegment.length);
    expect(estimate.audience).toEqual({ email: reach('email'), sms: reach('sms') });
    expect(estimate.cost.emails).toBe(reach('email'));
    expect(estimate.cost.smsMessages).toBe(reach('sms'));
    expect(estimate.cost.smsSegments).toBeGreaterThanOrEqual(reach('sms'));
    expect(estimate.cost.smsCost).toEqual({
      amount: 800 * estimate.cost.smsSegments,
      currency: 'VND',
    });
    // The dry run: the message as the first reached customer would get it.
    const sms = estimate.sample.find((entry) => entry.preview.channel === 'sms');
    expect(sms?.preview).toMatchObject({ channel: 'sms', text: expect.stringContaining('[QC]') });
    expect(JSON.stringify(estimate.sample)).toContain('CUOITUAN20');
  });

  it('counts open-order customers of a broadcast without a marketing grant, and says when SMS has no price', async () => {
    const now = store.clock.now().toISOString();
    const unpriced = { ...estimateDeps, settings: sendingShop };
    const campaign = campaignFromRequest(
      unpriced,
      'estimate',
      { kind: 'broadcast', request: { channels: ['sms'], hotline: '0909 123 456' } },
      now,
    );
    const estimate = await estimateCampaign(unpriced, campaign, audience.all(4), now);
    const expected = customers.filter((customer) =>
      mayReach(customer, 'sms', hasOpenOrder(customer, now) ? 'transactional' : 'marketing'),
    ).length;
    expect(estimate.audience).toEqual({ email: 0, sms: expected });
    expect(estimate.cost.smsCost).toBeNull();
    expect(estimate.cost.note).toMatch(/smsPricePerSegment/);
  });
});

describe('the legal ceiling', () => {
  it('lets broadcasts past the shop’s cap but not past three a day, and records the skip', async () => {
    const customer = customers[4] as Customer; // email marketing granted, no open order
    const sent: string[] = [];
    const deps = storeDispatchDeps(
      store,
      {
        email: {
          send: async (email) => (
            sent.push(email.subject),
            { providerMessageId: `m-${sent.length}` }
          ),
        },
        outboxDir: tmpdir(),
      },
      { capExemptWorkflows: ['outage-broadcast'] },
    );
    const now = store.clock.now().toISOString();
    const outcomes = [];
    for (const key of ['ceiling-1', 'ceiling-2', 'ceiling-3', 'ceiling-4']) {
      const campaign = campaignFromRequest(
        deps,
        key,
        { kind: 'broadcast', request: { channels: ['email'], hotline: '0909 123 456' } },
        now,
      );
      const [job] = campaignJobs(campaign, customer, now);
      outcomes.push(await dispatch(deps, job as SendJob, now));
    }
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['sent', 'sent', 'sent', 'skipped']);
    expect(outcomes[3]).toMatchObject({ reason: 'legal_ceiling' });
    expect(sent).toHaveLength(3);
  });
});

describe('the campaign gate', () => {
  it('reads a campaign’s status once per few seconds, and sees a cancel after that', async () => {
    const { create } = harness();
    const { campaign } = await create('gate', promotion());
    const meter = new DynamoDbMeter().attach(store.table.client);
    let nowMs = 0;
    const gate = new CachedCampaignGate(store.documentClient, store.table.tableName, () => nowMs);
    meter.reset();
    // A batch of ten jobs of one campaign, handled side by side: one read.
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => gate.isCancelled(campaign.id)),
    );
    expect(answers.every((cancelled) => !cancelled)).toBe(true);
    expect(meter.read().requests).toBe(1);
    const tallies = new DynamoTallyStore(store.documentClient, store.table.tableName);
    await cancelCampaign(
      { campaigns, scheduler: campaignItemIsTheSchedule, tallies, clock: store.clock },
      campaign.id,
    );
    meter.reset();
    nowMs = 4_999;
    expect(await gate.isCancelled(campaign.id)).toBe(false);
    expect(meter.read().requests).toBe(0);
    nowMs = 5_000;
    expect(await gate.isCancelled(campaign.id)).toBe(true);
    expect(meter.read().requests).toBe(1);
  });
});
