import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { profileItem } from '../../shared/adapters/dynamodb/items';
import { batchWriteAll } from '../../shared/adapters/dynamodb/paging';
import { summarizePurchases } from '../../shared/core/aggregates';
import type { Channel, ConsentState, Purpose } from '../../shared/core/consent';
import type { Customer } from '../../shared/core/customer';
import type { FanOutMessage } from '../../workflows/campaigns/campaign';
import { fanOutSegment, startCampaign, type FanOutDeps } from '../../workflows/campaigns/fan-out';
import { anOrder } from './builders';

const GRANTED: ConsentState = {
  status: 'granted',
  at: '2026-10-01T00:00:00.000Z',
  source: 'checkout',
};
const WITHDRAWN: ConsentState = {
  status: 'withdrawn',
  at: '2026-10-15T00:00:00.000Z',
  source: 'unsubscribe_link',
};
const DAY = 24 * 60 * 60 * 1000;

/** A customer id (26 Crockford characters) from a number, so a test can name its customers. */
export function audienceCustomerId(index: number): string {
  return `01JAXD${String(index).padStart(20, '0')}`;
}

/**
 * The i-th customer of a mixed audience, deterministic: email marketing granted, withdrawn or never
 * asked, some bounced; SMS granted, never asked or no phone; one in seven with an order three days
 * before `now` (an open order), one in eleven with an older one.
 */
export function mixedCustomer(index: number, now: string): Customer {
  const id = audienceCustomerId(index);
  const emailConsent = [GRANTED, WITHDRAWN, undefined, GRANTED, GRANTED][index % 5];
  const bounced = index % 5 === 3;
  const hasPhone = index % 3 !== 2;
  const smsConsent = index % 3 === 0 ? GRANTED : undefined;
  const placedAt =
    index % 7 === 0
      ? new Date(Date.parse(now) - 3 * DAY).toISOString()
      : index % 11 === 0
        ? '2026-01-10T05:00:00.000Z'
        : undefined;
  const orders =
    placedAt === undefined
      ? []
      : [
          anOrder({
            customerId: id,
            placedAt,
            purchaseDay: placedAt.slice(0, 10),
            orderId: `O-${index}`,
          }),
        ];
  return {
    id,
    name: `Khách ${index}`,
    email: `khach.${index}@example.com`,
    ...(hasPhone ? { phone: `+8491${String(index).padStart(7, '0')}` } : {}),
    locale: index % 4 === 0 ? 'en' : 'vi',
    tags: index % 2 === 0 ? ['vip'] : [],
    source: 'shopee',
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    version: 1,
    aggregates: summarizePurchases(orders, 'VND'),
    lapse: null,
    consent: {
      email: emailConsent === undefined ? {} : { marketing: emailConsent },
      sms: smsConsent === undefined ? {} : { marketing: smsConsent },
    },
    suppression: bounced ? { email: { reason: 'bounce', at: '2026-10-20T00:00:00.000Z' } } : {},
  };
}

/**
 * Whether the dispatcher lets a message of this purpose reach the customer on this channel, from
 * the rules themselves (the test's oracle): an address, no suppression, and for marketing a grant,
 * for a service message no withdrawal.
 */
export function mayReach(customer: Customer, channel: Channel, purpose: Purpose): boolean {
  const address = channel === 'sms' ? customer.phone : customer.email;
  if (address === undefined || customer.suppression[channel] !== undefined) return false;
  const state = customer.consent[channel][purpose]?.status;
  return purpose === 'marketing' ? state === 'granted' : state !== 'withdrawn';
}

/** Writes the profiles straight to the table (25 per BatchWriteItem), as an import would leave them. */
export async function seedProfiles(
  client: DynamoDBDocumentClient,
  tableName: string,
  customers: readonly Customer[],
): Promise<void> {
  await batchWriteAll(
    client,
    tableName,
    customers.map((customer) => ({ PutRequest: { Item: profileItem.from(customer) } })),
  );
}

/**
 * Delivers fan-out messages the way the queue would, until none is left: the starts and the
 * segments they hand out, each round's segments side by side.
 */
export async function drainFanOut(deps: FanOutDeps, messages: FanOutMessage[]): Promise<void> {
  while (messages.length > 0) {
    await Promise.all(
      messages
        .splice(0)
        .map((message) =>
          message.kind === 'start'
            ? startCampaign(deps, message.campaignId)
            : fanOutSegment(deps, message),
        ),
    );
  }
}
