import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoAudienceScanner,
  type UnreadableProfile,
} from '../../shared/adapters/dynamodb/campaign-audience-scan';
import { DynamoCampaignStore } from '../../shared/adapters/dynamodb/campaign-store';
import { profileItem } from '../../shared/adapters/dynamodb/items';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { campaignItemIsTheSchedule } from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';
import type { Customer } from '../../shared/core/customer';
import type { SendJob } from '../../shared/core/messaging/send-job';
import { campaignTally } from '../../shared/core/results/tally';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import { createCampaign } from '../../workflows/campaigns/create-campaign';
import { fanOutSegment, startCampaign, type FanOutDeps } from '../../workflows/campaigns/fan-out';
import { campaignProgress } from '../../workflows/campaigns/progress';
import { mixedCustomer, seedProfiles } from '../helpers/campaign-audience';
import { sendingShop } from '../helpers/dispatch-deps';
import { createStore, type StoreFixture } from '../helpers/store';

const CUSTOMERS = 60;

let store: StoreFixture;
let customers: Customer[];
let broken: Customer;

beforeAll(async () => {
  store = await createStore();
  const now = store.clock.now().toISOString();
  customers = Array.from({ length: CUSTOMERS }, (_, index) => mixedCustomer(index, now));
  await seedProfiles(store.documentClient, store.table.tableName, customers);
  // One profile the schema refuses: a locale no release ever wrote.
  broken = mixedCustomer(CUSTOMERS, now);
  await store.documentClient.send(
    new PutCommand({
      TableName: store.table.tableName,
      Item: { ...profileItem.from(broken), locale: 'fr' },
    }),
  );
}, 60_000);
afterAll(() => store.table.dropTable());

describe('a fan-out over a profile it cannot read', () => {
  it('skips and counts that one profile, names it by key only, and reaches everyone else', async () => {
    const unreadable: UnreadableProfile[] = [];
    const campaigns = new DynamoCampaignStore(store.documentClient, store.table.tableName);
    const tallies = new DynamoTallyStore(store.documentClient, store.table.tableName);
    const fanOutMessages: FanOutMessage[] = [];
    const jobs: SendJob[] = [];
    const fanOut = { send: async (message: FanOutMessage) => void fanOutMessages.push(message) };
    const deps: FanOutDeps = {
      campaigns,
      // Pages of 10, so the unreadable profile falls mid-segment.
      audience: new DynamoAudienceScanner(store.documentClient, store.table.tableName, 10, (item) =>
        unreadable.push(item),
      ),
      sendJobs: { sendAll: async (page) => void jobs.push(...page) },
      fanOut,
      settings: sendingShop,
      clock: store.clock,
    };
    const { campaign } = await createCampaign(
      {
        campaigns,
        fanOut,
        scheduler: campaignItemIsTheSchedule,
        templates: builtInTemplate,
        settings: sendingShop,
        clock: store.clock,
      },
      'broadcast-unreadable',
      { kind: 'broadcast', request: { channels: ['email', 'sms'], hotline: '0909 123 456' } },
    );
    while (fanOutMessages.length > 0) {
      const outcomes = await Promise.all(
        fanOutMessages
          .splice(0)
          .map((message) =>
            message.kind === 'start'
              ? startCampaign(deps, message.campaignId)
              : fanOutSegment(deps, message),
          ),
      );
      expect(outcomes).not.toContain('superseded');
    }

    expect((await campaigns.get(campaign.id))?.status).toBe('queued');
    expect(new Set(jobs.map((job) => job.customerId))).toEqual(
      new Set(customers.map((customer) => customer.id)),
    );
    const progress = campaignProgress(await tallies.read(campaignTally(campaign.id)));
    expect(progress).toMatchObject({ audience: CUSTOMERS, unreadable: 1 });
    expect(unreadable).toEqual([{ pk: profileItem.from(broken).pk, fields: ['locale'] }]);
    expect(JSON.stringify(unreadable)).not.toContain(broken.email ?? '@');
  });
});
