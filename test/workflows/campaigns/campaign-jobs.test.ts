import { describe, expect, it } from 'vitest';
import { messageKey } from '../../../shared/core/messaging/send-job';
import { SendJob } from '../../../shared/core/messaging/send-job';
import {
  BroadcastRequest,
  campaignIdFor,
  CampaignId,
  requestHash,
} from '../../../workflows/campaigns/campaign';
import { campaignJobs, hasOpenOrder } from '../../../workflows/campaigns/campaign-jobs';
import { aCampaign, aProfile, NOW } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

describe('campaignJobs', () => {
  it('makes one marketing job per chosen channel the customer has an address on', () => {
    const jobs = campaignJobs(aCampaign(), aProfile(), NOW);
    expect(jobs.map((job) => [job.channel, job.templateId, job.purpose, job.workflow])).toEqual([
      ['email', 'outage-email', 'marketing', 'outage-broadcast'],
      ['sms', 'outage-sms', 'marketing', 'outage-broadcast'],
    ]);
    for (const job of jobs) {
      expect(SendJob.parse(job)).toEqual(job);
      expect(job).toMatchObject({ runId: aCampaign().id, step: job.channel });
      expect(job.variables).toEqual(aCampaign().variables);
    }
  });

  it('skips a channel without an address, and one not chosen', () => {
    const { phone, ...noPhone } = aProfile();
    expect(campaignJobs(aCampaign(), noPhone, NOW).map((job) => job.channel)).toEqual(['email']);
    expect(campaignJobs(aCampaign({ channels: ['sms'] }), noPhone, NOW)).toEqual([]);
  });

  it('tells a customer with an open order how to reach the shop, as a service message', () => {
    const recent = aProfile({
      aggregates: { ...aProfile().aggregates, lastOrderAt: daysAgo(3) },
    });
    const jobs = campaignJobs(aCampaign(), recent, NOW);
    expect(jobs.map((job) => [job.templateId, job.purpose])).toEqual([
      ['outage-order-email', 'transactional'],
      ['outage-order-sms', 'transactional'],
    ]);
  });

  it('leaves the owner’s free text out of the service message: it could be an advertisement', () => {
    const recent = aProfile({
      aggregates: { ...aProfile().aggregates, lastOrderAt: daysAgo(3) },
    });
    const campaign = aCampaign({
      variables: {
        message: 'Giảm 50% hôm nay!',
        hotline: '0909 123 456',
        zaloUrl: 'https://zalo.me/1',
      },
    });
    for (const job of campaignJobs(campaign, recent, NOW))
      expect(job.variables).toEqual({ hotline: '0909 123 456', zaloUrl: 'https://zalo.me/1' });
    // The marketing variant (no open order) keeps it.
    expect(campaignJobs(campaign, aProfile(), NOW)[0]?.variables).toEqual(campaign.variables);
  });

  it('counts an order as open for 30 days', () => {
    const at = (days: number) =>
      aProfile({ aggregates: { ...aProfile().aggregates, lastOrderAt: daysAgo(days) } });
    expect(hasOpenOrder(at(30), NOW)).toBe(true);
    expect(hasOpenOrder(at(31), NOW)).toBe(false);
    expect(
      hasOpenOrder(aProfile({ aggregates: { ...aProfile().aggregates, lastOrderAt: null } }), NOW),
    ).toBe(false);
  });

  it('keeps promotions marketing, with the owner’s template or the built-in one', () => {
    const recent = aProfile({ aggregates: { ...aProfile().aggregates, lastOrderAt: daysAgo(1) } });
    const promotion = aCampaign({ kind: 'promotion', templateIds: { sms: 'my-sms' } });
    expect(
      campaignJobs(promotion, recent, NOW).map((job) => [
        job.templateId,
        job.purpose,
        job.workflow,
      ]),
    ).toEqual([
      ['promotion-email', 'marketing', 'promotion'],
      ['my-sms', 'marketing', 'promotion'],
    ]);
  });

  it('gives the same message keys however often it runs (a replayed page is duplicates)', () => {
    const first = campaignJobs(aCampaign(), aProfile(), NOW).map(messageKey);
    const again = campaignJobs(aCampaign(), aProfile(), '2026-11-23T04:00:00.000Z').map(messageKey);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });
});

describe('campaign ids from idempotency keys', () => {
  it('derives the same valid id from the same key, and different ids from different keys', () => {
    const id = campaignIdFor('double-tap-123');
    expect(CampaignId.safeParse(id).success).toBe(true);
    expect(campaignIdFor('double-tap-123')).toBe(id);
    expect(campaignIdFor('double-tap-124')).not.toBe(id);
  });

  it('hashes a request independently of key order and absent fields', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: undefined } })).toBe(
      requestHash({ b: { c: [1, 2] }, a: 1 }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});

describe('BroadcastRequest', () => {
  it('needs at least one place to order, naming websiteUrl', () => {
    const result = BroadcastRequest.safeParse({ message: 'Fanpage bị khoá' });
    expect(result.error?.issues[0]?.path).toEqual(['websiteUrl']);
  });

  it('sends on both channels unless told otherwise', () => {
    expect(BroadcastRequest.parse({ hotline: '0909 123 456' }).channels).toEqual(['email', 'sms']);
  });
});
