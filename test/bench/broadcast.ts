import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { ensureTable } from '../../infra/local/table';
import { DynamoAudienceScanner } from '../../shared/adapters/dynamodb/campaign-audience-scan';
import { DynamoCampaignStore } from '../../shared/adapters/dynamodb/campaign-store';
import { orderItem, profileItem } from '../../shared/adapters/dynamodb/items';
import { batchWriteAll } from '../../shared/adapters/dynamodb/paging';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { campaignItemIsTheSchedule } from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';
import { campaignTally } from '../../shared/core/results/tally';
import { defaultShopSettings } from '../../shared/core/settings';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import { createCampaign } from '../../workflows/campaigns/create-campaign';
import { estimateCampaign } from '../../workflows/campaigns/estimate';
import type { FanOutDeps } from '../../workflows/campaigns/fan-out';
import { campaignProgress } from '../../workflows/campaigns/progress';
import { anOrder } from '../helpers/builders';
import { drainFanOut, mixedCustomer } from '../helpers/campaign-audience';
import { DynamoDbMeter } from '../helpers/dynamodb-meter';
import { benchBroadcastDelivery } from './broadcast-delivery';
import { peakRssMiB, round, runConcurrently } from './measure';

const TABLE = 'bench-broadcast';
const NOW = '2026-11-23T03:00:00.000Z';

/** A customer's profile and one order item: the Scan reads past the orders, as in a real table. */
function customerItems(index: number): Record<string, unknown>[] {
  const customer = mixedCustomer(index, NOW);
  return [
    profileItem.from(customer),
    orderItem.from(anOrder({ customerId: customer.id, orderId: `SP-${index}` })),
  ];
}

/**
 * `npm run bench broadcast [N] [M]`: seeds N customers (default 100,000; a profile and an order
 * each), then runs an outage broadcast's fan-out (start and four parallel scan segments) into a
 * queue that only counts, and reports the time to enqueue every job, the DynamoDB requests and
 * capacity per customer, and the peak RSS. Then sends a broadcast to M customers (default 5,000)
 * end to end, through a crash and a replay (see benchBroadcastDelivery).
 */
export async function benchBroadcast(args: readonly string[]): Promise<void> {
  const customerCount = Number(args[0] ?? 100_000);
  const dynamoDbLocal = await startDynamoDbLocal();
  try {
    const client = createLocalDynamoDbClient(dynamoDbLocal.endpoint);
    await ensureTable(client, TABLE);
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const chunk = 500;
    const seedSeconds = await runConcurrently(Math.ceil(customerCount / chunk), 8, async (n) => {
      const items = Array.from({ length: Math.min(chunk, customerCount - n * chunk) }, (_, i) =>
        customerItems(n * chunk + i),
      ).flat();
      await batchWriteAll(
        documentClient,
        TABLE,
        items.map((Item) => ({ PutRequest: { Item } })),
      );
    });
    console.log(`seeded ${customerCount} customers (2 items each) in ${round(seedSeconds, 1)} s`);

    const meter = new DynamoDbMeter().attach(client);
    const campaigns = new DynamoCampaignStore(documentClient, TABLE);
    const fanOutMessages: FanOutMessage[] = [];
    let jobs = 0;
    const settings = { ...defaultShopSettings, name: 'Xà phòng Thảo Mộc' };
    const clock = { now: () => new Date(NOW) };
    const deps: FanOutDeps = {
      campaigns,
      audience: new DynamoAudienceScanner(documentClient, TABLE),
      sendJobs: { sendAll: async (page) => void (jobs += page.length) },
      fanOut: { send: async (message) => void fanOutMessages.push(message) },
      settings,
      clock,
    };
    const started = process.hrtime.bigint();
    const { campaign } = await createCampaign(
      { ...deps, scheduler: campaignItemIsTheSchedule, templates: builtInTemplate },
      'bench-broadcast',
      {
        kind: 'broadcast',
        request: {
          channels: ['email', 'sms'],
          hotline: '0909 123 456',
          message: 'Fanpage bị khoá.',
        },
      },
    );
    await drainFanOut(deps, fanOutMessages);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const reading = meter.read();
    const status = (await campaigns.get(campaign.id))?.status;
    const progress = campaignProgress(
      await new DynamoTallyStore(documentClient, TABLE).read(campaignTally(campaign.id)),
    );
    console.table([
      {
        customers: customerCount,
        jobs,
        queuedCounter: progress.queued,
        status,
        secondsToEnqueueAll: round(seconds, 1),
        jobsPerSecond: Math.round(jobs / seconds),
        dynamoRequests: reading.requests,
        requestsPerCustomer: round(reading.requests / customerCount, 4),
        readUnitsPerCustomer: round(reading.readUnits / customerCount, 3),
        writeUnitsPerCustomer: round(reading.writeUnits / customerCount, 4),
        peakRssMiB: Math.round(peakRssMiB()),
      },
    ]);
    console.log('DynamoDB requests by operation:', reading.byCommand);

    // The estimate reads the same audience inside an API call (29 s at most in AWS).
    const estimateStarted = process.hrtime.bigint();
    const estimate = await estimateCampaign(
      {
        settings,
        templates: builtInTemplate,
        sampleOptOutUrl: `https://example.com/u/${'x'.repeat(51)}`,
      },
      campaign,
      new DynamoAudienceScanner(documentClient, TABLE).all(campaign.scanSegments),
      NOW,
    );
    const estimateSeconds = Number(process.hrtime.bigint() - estimateStarted) / 1e9;
    console.log(
      `estimate of the same broadcast: ${estimate.matched} customers read in ${round(estimateSeconds, 1)} s (${JSON.stringify(estimate.audience)} reachable)`,
    );
    await benchBroadcastDelivery(
      dynamoDbLocal.endpoint,
      { ...settings, emailSender: { address: 'shop@example.com' }, smsSenderId: 'THAOMOC' },
      Number(args[1] ?? 5_000),
    );
    client.destroy();
  } finally {
    await dynamoDbLocal.stop();
  }
}
