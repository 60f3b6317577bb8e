import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { ensureTable } from '../../infra/local/table';
import { HmacAddressHasher } from '../../shared/adapters/address-hasher';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { consentEventItem, orderItem, profileItem } from '../../shared/adapters/dynamodb/items';
import { batchWriteAll } from '../../shared/adapters/dynamodb/paging';
import { FolderExportSink } from '../../shared/adapters/export/folder-export-sink';
import { systemClock } from '../../shared/adapters/system-clock';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import { summarizePurchases } from '../../shared/core/aggregates';
import type { ExportFormat, ExportTable } from '../../shared/core/customer-file';
import { describeExport, requestExport, runExport } from '../../shared/core/export-job';
import { DynamoExportJobRepository } from '../../shared/adapters/dynamodb/export-job-repository';
import { normalizePhone } from '../../shared/core/phone';
import type { Order } from '../../shared/core/order';
import { DynamoDbMeter } from '../helpers/dynamodb-meter';
import { peakRssMiB, round, runConcurrently } from './measure';
import { vietnameseBuyer } from './vietnamese-people';

const ids = new UlidGenerator();

/** One customer's items (profile, two orders, one consent event), built through the key module. */
function customerItems(index: number): Record<string, unknown>[] {
  const id = ids.newId();
  const buyer = vietnameseBuyer(index);
  const orders: Order[] = [0, 1].map((n) => ({
    customerId: id,
    source: 'shopee',
    orderId: `SP${index}-${n}`,
    placedAt: `2026-0${n + 8}-15T03:00:00.000Z`,
    purchaseDay: `2026-0${n + 8}-15`,
    total: { amount: 120_000 + n * 10_000, currency: 'VND' },
    status: 'placed',
    recordedAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
  }));
  const at = '2026-10-01T00:00:00.000Z';
  return [
    profileItem.from({
      id,
      name: buyer.name,
      phone: normalizePhone(buyer.phone, 'VN'),
      locale: 'vi',
      tags: ['shopee'],
      source: 'shopee',
      createdAt: at,
      updatedAt: at,
      version: 4,
      aggregates: summarizePurchases(orders, 'VND'),
      lapse: null,
      suppression: {},
      consent: { email: {}, sms: { marketing: { status: 'granted', at, source: 'signup_form' } } },
    }),
    ...orders.map(orderItem.from),
    consentEventItem.from({
      eventId: ids.newId(),
      customerId: id,
      channel: 'sms',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: 'v1',
      at,
    }),
  ];
}

/**
 * `npm run bench export [N]`: seeds N customers (default 100,000) with BatchWriteItem, then
 * exports the whole file as CSV and as JSON through the real repository and folder sink.
 */
export async function benchExport(args: readonly string[]): Promise<void> {
  const customerCount = Number(args[0] ?? 100_000);
  const dynamoDbLocal = await startDynamoDbLocal();
  const dir = await mkdtemp(join(tmpdir(), 'regulars-bench-export-'));
  try {
    const client = createLocalDynamoDbClient(dynamoDbLocal.endpoint);
    await ensureTable(client, 'bench-export');
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const batch = 500;
    const seedSeconds = await runConcurrently(
      Math.ceil(customerCount / batch),
      8,
      async (chunk) => {
        const items = Array.from(
          { length: Math.min(batch, customerCount - chunk * batch) },
          (_, n) => customerItems(chunk * batch + n),
        ).flat();
        await batchWriteAll(
          documentClient,
          'bench-export',
          items.map((Item) => ({ PutRequest: { Item } })),
        );
      },
    );
    console.log(`seeded ${customerCount} customers (4 items each) in ${round(seedSeconds, 1)} s`);

    const meter = new DynamoDbMeter().attach(client);
    const customers = new DynamoCustomerRepository(
      documentClient,
      'bench-export',
      new HmacAddressHasher('bench-secret-0123456789abcdef0123456789'),
    );
    const rows = [];
    const jobs = new DynamoExportJobRepository(documentClient, 'bench-export');
    const sink = new FolderExportSink(dir, 'http://localhost', systemClock);
    const exports: [ExportFormat, ExportTable][] = [
      ['csv', 'customers'],
      ['csv', 'orders'],
      ['json', 'customers'],
    ];
    for (const [format, table] of exports) {
      const job = await requestExport(
        { jobs, queue: { send: async () => undefined }, clock: systemClock, ids },
        { format, table },
      );
      meter.reset();
      const rssBefore = process.memoryUsage().rss / 1024 / 1024;
      const started = process.hrtime.bigint();
      await runExport({ jobs, customers, sink, clock: systemClock }, job.id);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { download } = await describeExport({ jobs, sink, clock: systemClock }, job.id);
      const size = (await stat(join(dir, (download?.url ?? '').split('/').at(-1) as string))).size;
      const reading = meter.read();
      rows.push({
        export: `${format} ${format === 'json' ? 'all' : table}`,
        seconds: round(seconds, 1),
        customersPerSecond: Math.round(customerCount / seconds),
        fileMiB: round(size / 1024 / 1024, 1),
        dynamoRequests: reading.requests,
        readUnits: round(reading.readUnits, 0),
        rssBeforeMiB: Math.round(rssBefore),
      });
    }
    console.table(rows);
    console.log(
      `peak RSS of the bench process: ${round(peakRssMiB(), 1)} MiB (the file itself never sits in memory)`,
    );
  } finally {
    await dynamoDbLocal.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
