import type { z } from 'zod';
import type { ConsentEvent, ConsentEventInput } from '../../shared/core/consent';
import type { Customer, CustomerRecord } from '../../shared/core/customer';
import { customerLapse } from '../../shared/core/customer-lapse';
import { defaultLapsePolicy, type LapsePolicy } from '../../shared/core/lapse/lapse-policy';
import { lapseView, type LapseView } from '../../shared/core/lapse-view';
import type { Money } from '../../shared/core/money';
import type { Order, OrderInput } from '../../shared/core/order';
import type { CustomerPage } from '../../shared/core/ports';
import type { RecordOrderResult } from '../../shared/core/record-order';
import type { ShopSettings, ShopSettingsPatch } from '../../shared/core/settings';
import type { CalendarDay } from '../../shared/core/time-zone';
import type { ExportRequest } from '../../shared/core/export-job';
import type { CustomerInput, CustomerPatch, ExportStatusSchema } from './schemas';

// A Vietnamese shop's data, typed by the core so an example cannot drift from its schema; the
// OpenAPI test also parses each one with the schema it illustrates.

export const exampleCustomerId = '01JD3K8ZQ4X5N6P7R8S9T0VWXY';
/** A campaign id as an Idempotency-Key gives it (26 Crockford base-32 characters). */
export const exampleCampaignId = '7ZK3M8Q2VXN4P6R9S1T5W0YHGJ';
export const otherCustomerId = '01JC9W2B7M4N5P6Q7R8S9T0V1X';
export const exampleMessageKey = `test-message#run:01KAZ9C7MZ1X6W3ZC9F2DY5Q7R#test#${exampleCustomerId}#email`;

export const price: Money = { amount: 350_000, currency: 'VND' };

export const orderInput: z.input<typeof OrderInput> = {
  placedAt: '2026-11-23T09:30:00+07:00',
  total: price,
  lines: [{ name: 'Khăn lụa tơ tằm Hà Đông', sku: 'KL-042', quantity: 1, unitPrice: price }],
  shipTo: {
    name: 'Nguyễn Thị Hoa',
    phone: '0912 345 678',
    address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội',
  },
  note: 'Gói quà giúp em nhé.',
};

export const order: Order = {
  customerId: exampleCustomerId,
  source: 'shopee',
  orderId: '2311230ABCDEF',
  placedAt: '2026-11-23T02:30:00.000Z',
  purchaseDay: '2026-11-23',
  total: price,
  status: 'placed',
  lines: [{ name: 'Khăn lụa tơ tằm Hà Đông', sku: 'KL-042', quantity: 1, unitPrice: price }],
  shipTo: {
    name: 'Nguyễn Thị Hoa',
    phone: '0912 345 678',
    address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội',
  },
  note: 'Gói quà giúp em nhé.',
  recordedAt: '2026-11-23T02:31:05.000Z',
  updatedAt: '2026-11-23T02:31:05.000Z',
};

const firstOrder: Order = {
  customerId: exampleCustomerId,
  source: 'website',
  orderId: 'WEB-1001',
  placedAt: '2026-10-01T04:15:00.000Z',
  purchaseDay: '2026-10-01',
  total: { amount: 280_000, currency: 'VND' },
  status: 'placed',
  recordedAt: '2026-10-01T04:15:02.000Z',
  updatedAt: '2026-10-01T04:15:02.000Z',
};

export const consentInput: z.input<typeof ConsentEventInput> = {
  channel: 'sms',
  purpose: 'marketing',
  action: 'granted',
  source: 'checkout',
  termsVersion: '2026-01',
  termsTextSha256: '9f2c4e1a7b3d5f60817263544a5b6c7d8e9f00112233445566778899aabbccdd',
};

export const consentEvent: ConsentEvent = {
  eventId: '01JD3KA2C4E6G8J0K2M4N6P8Q0',
  customerId: exampleCustomerId,
  channel: 'sms',
  purpose: 'marketing',
  action: 'granted',
  source: 'checkout',
  termsVersion: '2026-01',
  termsTextSha256: '9f2c4e1a7b3d5f60817263544a5b6c7d8e9f00112233445566778899aabbccdd',
  at: '2026-11-23T02:31:05.000Z',
};

export const customerInput: z.input<typeof CustomerInput> = {
  name: 'Nguyễn Thị Hoa',
  phone: '0912 345 678',
  email: 'hoa.nguyen@example.com',
  tags: ['khách quen', 'Hà Nội'],
  note: 'Thích lụa màu xanh ngọc.',
  source: 'shopee',
};

export const customerPatch: z.input<typeof CustomerPatch> = {
  phone: '+84 987 654 321',
  tags: ['khách quen', 'Hà Nội', 'VIP'],
  note: null,
};

/** The shop keeps the default policy, and has not been refitted yet: no model. */
export const lapsePolicy: LapsePolicy = defaultLapsePolicy;

const aggregates: Customer['aggregates'] = {
  orderCount: 2,
  totalSpent: { amount: 630_000, currency: 'VND' },
  purchaseDays: 2,
  firstPurchaseDay: '2026-10-01',
  lastPurchaseDay: '2026-11-23',
  lastOrderAt: '2026-11-23T02:30:00.000Z',
  gaps: { count: 1, meanDays: 53, medianDays: 53, minDays: 53, maxDays: 53, recentDays: [53] },
};

export const customer: Customer = {
  id: exampleCustomerId,
  name: 'Nguyễn Thị Hoa',
  phone: '+84912345678',
  email: 'hoa.nguyen@example.com',
  locale: 'vi',
  tags: ['khách quen', 'Hà Nội'],
  note: 'Thích lụa màu xanh ngọc.',
  source: 'shopee',
  createdAt: '2026-10-01T03:00:00.000Z',
  updatedAt: '2026-11-23T02:31:05.000Z',
  version: 4,
  aggregates,
  consent: {
    email: {},
    sms: { marketing: { status: 'granted', at: '2026-11-23T02:31:05.000Z', source: 'checkout' } },
  },
  // Computed as an order write does, so it agrees with `customerLapseView` below: without a
  // fitted model, MBG/NBD falls back to 3 × her 53-day gap.
  lapse: customerLapse(aggregates, lapsePolicy, null),
  suppression: {},
};

export const customerRecord: CustomerRecord = {
  customer,
  orders: [firstOrder, order],
  consentHistory: [consentEvent],
};

/** The shop's day on which the owner reads the customer in the examples. */
export const lapseAsOf: CalendarDay = '2026-12-15';

/** What the core shows for the example customer that day, explanation included: it cannot drift. */
export const customerLapseView: LapseView | null = lapseView(
  customer,
  lapsePolicy,
  null,
  lapseAsOf,
);

export const customerView: CustomerRecord & { lapse: LapseView | null } = {
  ...customerRecord,
  lapse: customerLapseView,
};

export const customerPage: CustomerPage = {
  customers: [customer],
  nextCursor: 'eyJzayI6IkNVU1QjMDFKRDNLOFpRNFg1TjZQN1I4UzlUMFZXWFkifQ',
};

export const recordOrderResult: Omit<RecordOrderResult, 'customer'> = { order, outcome: 'created' };

export const exportRequest: z.input<typeof ExportRequest> = { format: 'csv', table: 'customers' };

export const exportQueued: z.output<typeof ExportStatusSchema> = {
  id: '01JD3KB0A1B2C3D4E5F6G7H8J9',
  format: 'csv',
  table: 'customers',
  status: 'queued',
  requestedAt: '2026-11-23T03:00:00.000Z',
  version: 1,
};

export const exportDone: z.output<typeof ExportStatusSchema> = {
  ...exportQueued,
  status: 'done',
  startedAt: '2026-11-23T03:00:01.000Z',
  finishedAt: '2026-11-23T03:00:41.000Z',
  customers: 2_417,
  fileName: 'customers-01JD3KB0A1B2C3D4E5F6G7H8J9.csv',
  version: 3,
  download: {
    url: 'https://regulars-exports.s3.ap-southeast-1.amazonaws.com/exports/customers-01JD3KB0A1B2C3D4E5F6G7H8J9.csv?X-Amz-Expires=900',
    expiresAt: '2026-11-23T03:15:41.000Z',
  },
};

export const settingsPatch: z.input<typeof ShopSettingsPatch> = {
  name: 'Lụa Hà Đông Boutique',
  smsSenderId: 'LUAHADONG',
  smsPricePerSegment: { amount: 800, currency: 'VND' },
};

export const shopSettings: ShopSettings = {
  name: 'Lụa Hà Đông Boutique',
  timeZone: 'Asia/Ho_Chi_Minh',
  currency: 'VND',
  defaultPhoneRegion: 'VN',
  locale: 'vi',
  emailSender: { address: 'xinchao@example.com', name: 'Lụa Hà Đông' },
  smsSenderId: 'LUAHADONG',
  frequencyCap: { marketingMessagesPerDay: 1 },
  smsPricePerSegment: { amount: 800, currency: 'VND' },
  lapsePolicy,
  // The shop sends its newsletter in office hours; SMS keeps the legal window.
  sendingWindows: {
    email: { start: '08:00', end: '21:00' },
    sms: { start: '07:00', end: '22:00' },
  },
  unsubscribeMailbox: 'huy-dang-ky@example.com',
  smsText: 'without_diacritics',
  attributionWindowDays: 7,
  version: 4,
  updatedAt: '2026-11-20T08:00:00.000Z',
};
