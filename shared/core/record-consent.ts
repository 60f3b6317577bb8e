import { applyConsentEvent, type ConsentEvent, type ConsentEventInput } from './consent';
import { requireCustomer } from './customer-commands';
import { InvalidInputError } from './errors';
import { withOptimisticRetry } from './optimistic-retry';
import type { Clock, CustomerRepository, IdGenerator } from './ports';

/**
 * Appends one consent event and derives, in the same transaction, the customer's and the
 * address's current consent (latest wins; a withdrawal takes effect at once).
 */
export async function recordConsent(
  deps: { customers: CustomerRepository; clock: Clock; ids: IdGenerator },
  customerId: string,
  input: ConsentEventInput,
): Promise<ConsentEvent> {
  const event: ConsentEvent = {
    eventId: deps.ids.newId(),
    customerId,
    ...input,
    at: deps.clock.now().toISOString(),
  };
  await withOptimisticRetry(async () => {
    const customer = await requireCustomer(deps.customers, customerId);
    const address = input.channel === 'sms' ? customer.phone : customer.email;
    if (address === undefined) {
      throw InvalidInputError.forField(
        'channel',
        `the customer has no ${input.channel === 'sms' ? 'phone number' : 'email address'}`,
      );
    }
    const [standing] = await deps.customers.getAddressConsent([
      { channel: input.channel, address },
    ]);
    const next = {
      ...customer,
      consent: {
        ...customer.consent,
        [input.channel]: applyConsentEvent(customer.consent[input.channel], event),
      },
      version: customer.version + 1,
      updatedAt: event.at,
    };
    await deps.customers.saveConsent({
      customer: next,
      previousVersion: customer.version,
      event,
      address: {
        channel: input.channel,
        address,
        consent: applyConsentEvent(standing?.consent ?? {}, event),
        version: standing?.version ?? 0,
      },
    });
  });
  return event;
}
