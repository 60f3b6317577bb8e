import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderExportSink } from '../../shared/adapters/export/folder-export-sink';
import { batchWriteAll } from '../../shared/adapters/dynamodb/paging';
import { ConsentEventInput } from '../../shared/core/consent';
import { createCustomer } from '../../shared/core/customer-commands';
import { customerInputSchema } from '../../shared/core/customer';
import {
  describeExport,
  requestExport,
  runExport,
  type ExportJobMessage,
  type ExportRequest,
} from '../../shared/core/export-job';
import { DynamoExportJobRepository } from '../../shared/adapters/dynamodb/export-job-repository';
import { OrderInput } from '../../shared/core/order';
import { recordConsent } from '../../shared/core/record-consent';
import { recordOrder } from '../../shared/core/record-order';
import { createStore, type StoreFixture } from '../helpers/store';

let store: StoreFixture;
let dir: string;
beforeAll(async () => {
  store = await createStore();
  dir = await mkdtemp(join(tmpdir(), 'regulars-export-'));
  for (let index = 0; index < 30; index += 1) {
    const customer = await createCustomer(
      store,
      customerInputSchema('VN').parse({
        name: `Đỗ Thị Ánh ${index}`,
        phone: `0912 400 ${String(index).padStart(3, '0')}`,
        tags: ['sỉ', 'vip'],
      }),
    );
    await recordOrder(
      store,
      { customerId: customer.id, source: 'facebook', orderId: `FB-${index}` },
      OrderInput.parse({
        placedAt: '2026-11-02T10:00:00+07:00',
        total: { amount: 99_000 + index, currency: 'VND' },
      }),
    );
    await recordConsent(
      store,
      customer.id,
      ConsentEventInput.parse({
        channel: 'sms',
        purpose: 'marketing',
        action: 'granted',
        source: 'signup_form',
        termsVersion: 'v1',
      }),
    );
  }
  await createCustomer(
    store,
    customerInputSchema('VN').parse({
      name: '=HYPERLINK("http://evil.example")',
      email: 'formula@example.vn',
    }),
  );
  // Items that are not customers must not appear in, or break, the export.
  await batchWriteAll(store.documentClient, store.table.tableName, [
    { PutRequest: { Item: { pk: 'SHOP', sk: 'SETTINGS', name: 'x' } } },
  ]);
});
afterAll(async () => store.table.dropTable());

/** Requests an export, runs the worker on the queued message, and answers the file's text. */
async function exportFile(request: ExportRequest) {
  const sent: ExportJobMessage[] = [];
  const jobs = new DynamoExportJobRepository(store.documentClient, store.table.tableName);
  const sink = new FolderExportSink(dir, 'http://localhost/local-exports', store.clock);
  const queued = await requestExport(
    {
      jobs,
      queue: { send: async (message) => void sent.push(message) },
      clock: store.clock,
      ids: store.ids,
    },
    request,
  );
  expect(sent).toEqual([{ jobId: queued.id }]);
  const done = await runExport(
    { jobs, customers: store.customers, sink, clock: store.clock },
    queued.id,
  );
  const again = await runExport(
    { jobs, customers: store.customers, sink, clock: store.clock },
    queued.id,
  );
  expect(again).toEqual(done);
  const status = await describeExport({ jobs, sink, clock: store.clock }, queued.id);
  expect(status).toMatchObject({ status: 'done', customers: 31 });
  const text = await readFile(
    join(dir, (status.download?.url ?? '').split('/').at(-1) as string),
    'utf8',
  );
  return { status, text };
}

describe('customer file export', () => {
  it('writes every customer as CSV with a BOM, so Excel shows Vietnamese names', async () => {
    const { text } = await exportFile({ format: 'csv', table: 'customers' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows: Record<string, string>[] = parse(text.slice(1), { columns: true });
    expect(rows).toHaveLength(31);
    const formula = rows.find((row) => row.email === 'formula@example.vn');
    expect(formula?.name).toMatch(/^'=HYPERLINK/);
    expect(rows.map((row) => row.name)).toContain('Đỗ Thị Ánh 7');
    expect(rows.find((row) => row.name === 'Đỗ Thị Ánh 7')).toMatchObject({
      order_count: '1',
      currency: 'VND',
      sms_marketing: 'granted',
      tags: 'sỉ|vip',
    });
  });

  it('writes orders and consent history as their own CSV tables', async () => {
    const read = async (table: 'orders' | 'consents') =>
      parse((await exportFile({ format: 'csv', table })).text.slice(1), {
        columns: true,
      }) as Record<string, string>[];
    expect(await read('orders')).toHaveLength(30);
    expect(
      (await read('consents')).every(
        (row) => row.action === 'granted' && row.terms_version === 'v1',
      ),
    ).toBe(true);
  });

  it('writes one JSON document with each customer, their orders and consent history', async () => {
    const { text, status } = await exportFile({ format: 'json', table: 'customers' });
    expect(status.table).toBe('all');
    const document = JSON.parse(text);
    expect(document.customers).toHaveLength(31);
    const buyer = document.customers.find(
      (customer: { name?: string }) => customer.name === 'Đỗ Thị Ánh 7',
    );
    expect(buyer.orders).toHaveLength(1);
    expect(buyer.consentHistory).toHaveLength(1);
    expect(new Set(document.customers.map((customer: { id: string }) => customer.id)).size).toBe(
      31,
    );
  });

  it('marks a job failed for good on its last attempt, and shows a cut-off run as failed', async () => {
    const jobs = new DynamoExportJobRepository(store.documentClient, store.table.tableName);
    const failingSink = {
      store: async () => {
        throw new Error('S3 is unreachable');
      },
      link: async () => ({ url: '', expiresAt: '' }),
    };
    const deps = { jobs, customers: store.customers, sink: failingSink, clock: store.clock };
    const queued = await requestExport(
      { jobs, queue: { send: async () => undefined }, clock: store.clock, ids: store.ids },
      { format: 'csv', table: 'customers' },
    );
    await expect(runExport(deps, queued.id)).rejects.toThrow('S3 is unreachable');
    expect((await jobs.get(queued.id))?.failure).toContain('will be retried');
    await expect(runExport(deps, queued.id, { final: true })).rejects.toThrow('S3 is unreachable');
    expect((await jobs.get(queued.id))?.failure).toContain('request a new one');

    const stuck = await requestExport(
      { jobs, queue: { send: async () => undefined }, clock: store.clock, ids: store.ids },
      { format: 'csv', table: 'orders' },
    );
    await jobs.save({
      ...stuck,
      status: 'running',
      startedAt: store.clock.now().toISOString(),
      version: 2,
    });
    store.clock.advance(25 * 60_000);
    const shown = await describeExport({ jobs, sink: failingSink, clock: store.clock }, stuck.id);
    expect(shown).toMatchObject({ status: 'failed', failure: expect.stringContaining('stopped') });
  });

  it('removes the partial file when the source fails mid-way', async () => {
    const sink = new FolderExportSink(dir, 'http://localhost/local-exports', store.clock);
    async function* failing() {
      yield 'first rows\n';
      throw new Error('DynamoDB went away');
    }
    await expect(sink.store('broken.csv', 'text/csv', failing())).rejects.toThrow(
      'DynamoDB went away',
    );
    expect((await readdir(dir)).filter((name) => name.startsWith('broken'))).toEqual([]);
  });

  it('leaves no partial file behind', async () => {
    expect((await readdir(dir)).some((name) => name.endsWith('.partial'))).toBe(false);
  });
});
