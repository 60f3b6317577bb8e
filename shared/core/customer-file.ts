import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { CustomerRecord } from './customer';

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** CSV is one table per file: customers, their orders, or the consent history. */
export const ExportTable = z.enum(['customers', 'orders', 'consents']);
export type ExportTable = z.infer<typeof ExportTable>;

type Row = Record<string, string | number | undefined | null>;

const tables: Record<ExportTable, (record: CustomerRecord) => Row[]> = {
  customers: ({ customer }) => [
    {
      customer_id: customer.id,
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      locale: customer.locale,
      time_zone: customer.timeZone,
      tags: customer.tags.join('|'),
      note: customer.note,
      source: customer.source,
      created_at: customer.createdAt,
      order_count: customer.aggregates.orderCount,
      total_spent: customer.aggregates.totalSpent.amount,
      currency: customer.aggregates.totalSpent.currency,
      first_purchase_day: customer.aggregates.firstPurchaseDay,
      last_purchase_day: customer.aggregates.lastPurchaseDay,
      email_marketing: customer.consent.email.marketing?.status,
      sms_marketing: customer.consent.sms.marketing?.status,
    },
  ],
  orders: ({ orders }) =>
    orders.map((order) => ({
      customer_id: order.customerId,
      source: order.source,
      order_id: order.orderId,
      placed_at: order.placedAt,
      purchase_day: order.purchaseDay,
      status: order.status,
      total: order.total.amount,
      currency: order.total.currency,
      lines: order.lines?.map((line) => `${line.quantity} × ${line.name}`).join('; '),
      ship_to_name: order.shipTo?.name,
      ship_to_phone: order.shipTo?.phone,
      ship_to_address: order.shipTo?.address,
      note: order.note,
    })),
  consents: ({ consentHistory }) =>
    consentHistory.map((event) => ({
      customer_id: event.customerId,
      event_id: event.eventId,
      at: event.at,
      channel: event.channel,
      purpose: event.purpose,
      action: event.action,
      source: event.source,
      terms_version: event.termsVersion,
      terms_text_sha256: event.termsTextSha256,
      ip: event.ip,
      user_agent: event.userAgent,
    })),
};

/** Column order of each table, stable across exports so owners' spreadsheets keep working. */
const columnsOf: Record<ExportTable, string[]> = {
  customers: [
    'customer_id',
    'name',
    'phone',
    'email',
    'locale',
    'time_zone',
    'tags',
    'note',
    'source',
    'created_at',
    'order_count',
    'total_spent',
    'currency',
    'first_purchase_day',
    'last_purchase_day',
    'email_marketing',
    'sms_marketing',
  ],
  orders: [
    'customer_id',
    'source',
    'order_id',
    'placed_at',
    'purchase_day',
    'status',
    'total',
    'currency',
    'lines',
    'ship_to_name',
    'ship_to_phone',
    'ship_to_address',
    'note',
  ],
  consents: [
    'customer_id',
    'event_id',
    'at',
    'channel',
    'purpose',
    'action',
    'source',
    'terms_version',
    'terms_text_sha256',
    'ip',
    'user_agent',
  ],
};

const UTF8_BOM = '\uFEFF';

/**
 * The shop's customer file as text chunks, produced as the records stream in. CSV starts with a
 * byte-order mark so Excel opens Vietnamese names correctly; JSON is one document whose
 * `customers` array holds each customer with orders and consent history.
 */
export async function* renderCustomerFile(
  records: AsyncIterable<CustomerRecord>,
  format: ExportFormat,
  table: ExportTable,
  exportedAt: string,
): AsyncGenerator<string> {
  if (format === 'json') {
    yield `{"exportedAt":${JSON.stringify(exportedAt)},"customers":[`;
    let first = true;
    for await (const record of records) {
      yield `${first ? '' : ','}\n${JSON.stringify({ ...record.customer, orders: record.orders, consentHistory: record.consentHistory })}`;
      first = false;
    }
    yield '\n]}\n';
    return;
  }
  let header = true;
  for await (const record of records) {
    const rows = tables[table](record);
    if (rows.length === 0) continue;
    yield (
      (header ? UTF8_BOM : '') +
      stringify(rows, { header, columns: columnsOf[table], escape_formulas: true })
    );
    header = false;
  }
  if (header) yield UTF8_BOM + stringify([], { header: true, columns: columnsOf[table] });
}
