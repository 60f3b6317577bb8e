import { z } from 'zod';
import type { Customer } from './customer';
import { EmailAddress } from './email';
import { CustomerNotFoundError } from './errors';
import { phoneNumber, type PhoneRegion } from './phone';
import type { CustomerRepository } from './ports';

/** Look a customer up by exactly one of phone or email, in any spelling. */
export function lookupQuerySchema(defaultRegion: PhoneRegion) {
  return z
    .strictObject({ phone: phoneNumber(defaultRegion).optional(), email: EmailAddress.optional() })
    .refine((query) => (query.phone === undefined) !== (query.email === undefined), {
      path: ['phone'],
      message: 'give exactly one of phone or email',
    });
}
export type ContactLookup = z.infer<ReturnType<typeof lookupQuerySchema>>;

export async function findCustomerByContact(
  customers: CustomerRepository,
  lookup: ContactLookup,
): Promise<Customer> {
  const ref =
    lookup.phone !== undefined
      ? { channel: 'sms' as const, address: lookup.phone }
      : { channel: 'email' as const, address: lookup.email as string };
  const customer = await customers.findByAddress(ref);
  if (customer === undefined)
    throw new CustomerNotFoundError(
      lookup.phone !== undefined ? 'with this phone number' : 'with this email address',
    );
  return customer;
}
