import { z } from 'zod';
import { PurchaseAggregates } from './aggregates';
import { CustomerConsent, type Channel } from './consent';
import { CustomerId } from './customer-id';
import { CustomerLapse } from './customer-lapse';
import { EmailAddress } from './email';
import { ConsentEvent } from './consent';
import { ChannelSuppression } from './messaging/suppression';
import { Order } from './order';
import { E164, phoneNumber, type PhoneRegion } from './phone';
import { Locale } from './settings';
import { typedText } from './text';
import { TimeZone } from './time-zone';

/** Where the customer first came from. */
export const CustomerSource = z.enum([
  'website',
  'shopee',
  'tiktok',
  'facebook',
  'zalo',
  'manual',
  'import',
  'signup_form',
]);
export type CustomerSource = z.infer<typeof CustomerSource>;

export const Tag = z
  .string()
  .transform((tag) => tag.normalize('NFC').trim())
  .pipe(z.string().min(1).max(40));

function contactFields(defaultRegion: PhoneRegion) {
  return {
    name: typedText(100),
    phone: phoneNumber(defaultRegion),
    email: EmailAddress,
    locale: Locale,
    timeZone: TimeZone,
    tags: z.array(Tag).max(50),
    note: typedText(2000),
  };
}

/** A new customer: a phone or an email is needed, since the point is to be able to reach them. */
export function customerInputSchema(defaultRegion: PhoneRegion) {
  const fields = contactFields(defaultRegion);
  return z
    .strictObject({
      ...fields,
      source: CustomerSource,
    })
    .partial()
    .refine((input) => input.phone !== undefined || input.email !== undefined, {
      path: ['phone'],
      message: 'a phone or an email is required',
    });
}
export type CustomerInput = z.infer<ReturnType<typeof customerInputSchema>>;

/** A change to a customer; `null` clears an optional field. */
export function customerPatchSchema(defaultRegion: PhoneRegion) {
  const fields = contactFields(defaultRegion);
  return z
    .strictObject({
      name: fields.name.nullable(),
      phone: fields.phone.nullable(),
      email: fields.email.nullable(),
      locale: fields.locale,
      timeZone: fields.timeZone.nullable(),
      tags: fields.tags,
      note: fields.note.nullable(),
    })
    .partial();
}
export type CustomerPatch = z.infer<ReturnType<typeof customerPatchSchema>>;

export const Customer = z.object({
  id: CustomerId,
  name: z.string().optional(),
  phone: E164.optional(),
  email: z.string().optional(),
  locale: Locale,
  /** The customer's own zone when known; otherwise the shop's applies. */
  timeZone: z.string().optional(),
  tags: z.array(z.string()),
  note: z.string().optional(),
  source: CustomerSource,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
  aggregates: PurchaseAggregates,
  consent: CustomerConsent,
  /** When the customer becomes due for win-back; null until they have bought. */
  lapse: CustomerLapse.nullable().default(null),
  /**
   * Addresses that must get nothing at all (a permanent bounce, a complaint, a refusal), mirrored
   * from the address items so a send decides from the profile alone. Profiles saved before
   * suppression existed read as none.
   */
  suppression: ChannelSuppression.default({}),
});
export type Customer = z.infer<typeof Customer>;

/** A person's whole record, as an access request returns it. */
export const CustomerRecord = z.object({
  customer: Customer,
  orders: z.array(Order),
  consentHistory: z.array(ConsentEvent),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;

/** The addresses a customer can be reached at: their phone for SMS, their email for email. */
export function contactAddresses(
  customer: Pick<Customer, 'phone' | 'email'>,
): { channel: Channel; address: string }[] {
  return [
    ...(customer.phone === undefined ? [] : [{ channel: 'sms' as const, address: customer.phone }]),
    ...(customer.email === undefined
      ? []
      : [{ channel: 'email' as const, address: customer.email }]),
  ];
}

export function addressOf(
  customer: Pick<Customer, 'phone' | 'email'>,
  channel: Channel,
): string | undefined {
  return channel === 'sms' ? customer.phone : customer.email;
}

export { CustomerId };

export const CustomerPath = z.strictObject({ customerId: CustomerId });

/** A page of the customer list: newest first, `cursor` from the previous page. */
export const CustomerListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
