import { emptyAggregates } from './aggregates';
import { Channel, mergePurposeConsent, noConsent, type CustomerConsent } from './consent';
import type { ChannelSuppression } from './messaging/suppression';
import {
  addressOf,
  contactAddresses,
  type Customer,
  type CustomerInput,
  type CustomerPatch,
  type CustomerRecord,
} from './customer';
import { CustomerErasedError, CustomerNotFoundError, VersionMismatchError } from './errors';
import { withOptimisticRetry } from './optimistic-retry';
import type { AddressRef, AddressStanding, Clock, CustomerRepository, IdGenerator } from './ports';
import type { ShopSettings } from './settings';

export interface CustomerCommandDeps {
  readonly customers: CustomerRepository;
  readonly settings: ShopSettings;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * A new customer. A phone or email that was withdrawn or erased before keeps its withdrawal: the
 * new profile starts with it, so an import of an old list cannot message that person again.
 */
export async function createCustomer(
  deps: CustomerCommandDeps,
  input: CustomerInput,
): Promise<Customer> {
  return withOptimisticRetry(async () => {
    const now = deps.clock.now().toISOString();
    const standing = await standingOf(deps.customers, contactAddresses(input));
    const customer: Customer = {
      id: deps.ids.newId(),
      name: input.name,
      phone: input.phone,
      email: input.email,
      locale: input.locale ?? deps.settings.locale,
      timeZone: input.timeZone,
      tags: [...new Set(input.tags ?? [])],
      note: input.note,
      source: input.source ?? 'manual',
      createdAt: now,
      updatedAt: now,
      version: 1,
      aggregates: emptyAggregates(deps.settings.currency),
      consent: { ...noConsent, ...standing.consent },
      lapse: null,
      suppression: standing.suppression,
    };
    await deps.customers.create(customer, standing.versions);
    return customer;
  });
}

export async function requireCustomer(
  customers: CustomerRepository,
  customerId: string,
): Promise<Customer> {
  const customer = await customers.getProfile(customerId);
  if (customer === undefined) throw new CustomerNotFoundError(customerId);
  return customer;
}

/** `null` clears a field, `undefined` keeps it. */
function patched<T>(value: T | null | undefined, current: T | undefined): T | undefined {
  return value === null ? undefined : (value ?? current);
}

function applyPatch(customer: Customer, patch: CustomerPatch, now: string): Customer {
  return {
    ...customer,
    name: patched(patch.name, customer.name),
    phone: patched(patch.phone, customer.phone),
    email: patched(patch.email, customer.email),
    timeZone: patched(patch.timeZone, customer.timeZone),
    note: patched(patch.note, customer.note),
    locale: patch.locale ?? customer.locale,
    tags: patch.tags === undefined ? customer.tags : [...new Set(patch.tags)],
    updatedAt: now,
    version: customer.version + 1,
  };
}

/**
 * What consent a customer starts with at these addresses: only a standing withdrawal carries
 * over (consent was given for an address by someone, not for whoever holds it next), and so does
 * a suppression (the address itself bounced or refused everything). The
 * versions read make the following write conditional on that standing.
 */
async function standingOf(
  customers: CustomerRepository,
  addresses: readonly AddressRef[],
): Promise<{
  consent: Partial<CustomerConsent>;
  suppression: ChannelSuppression;
  versions: AddressStanding[];
}> {
  const standing = await customers.getAddressConsent(addresses);
  return {
    suppression: Object.fromEntries(
      addresses.flatMap((ref, index) => {
        const suppression = standing[index]?.suppression;
        return suppression === undefined ? [] : [[ref.channel, suppression]];
      }),
    ),
    consent: Object.fromEntries(
      addresses.map((ref, index) => [
        ref.channel,
        mergePurposeConsent({}, standing[index]?.consent ?? {}),
      ]),
    ),
    versions: addresses.map((ref, index) => ({ ...ref, version: standing[index]?.version ?? 0 })),
  };
}

/** Applies a change; with `expectedVersion` (If-Match) a stale edit is refused, not merged. */
export async function updateCustomer(
  deps: CustomerCommandDeps,
  customerId: string,
  patch: CustomerPatch,
  expectedVersion?: number,
): Promise<Customer> {
  return withOptimisticRetry(async () => {
    const current = await requireCustomer(deps.customers, customerId);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new VersionMismatchError(expectedVersion, current.version);
    }
    const patched = applyPatch(current, patch, deps.clock.now().toISOString());
    const changed = Channel.options.filter(
      (channel) => addressOf(patched, channel) !== addressOf(current, channel),
    );
    const standing = await standingOf(
      deps.customers,
      contactAddresses(patched).filter((ref) => changed.includes(ref.channel)),
    );
    // A changed or removed address starts from nothing, bar the new address's own withdrawal
    // and suppression.
    const reset = Object.fromEntries(changed.map((channel) => [channel, {}]));
    const suppression = Object.fromEntries(
      Object.entries(patched.suppression).filter(
        ([channel]) => !changed.includes(channel as Channel),
      ),
    );
    const next = {
      ...patched,
      consent: { ...patched.consent, ...reset, ...standing.consent },
      suppression: { ...suppression, ...standing.suppression },
    };
    await deps.customers.update(next, current, standing.versions);
    return next;
  });
}

/**
 * A person's right to erasure. Repeatable: a second call finishes what an interrupted one left,
 * and a write racing with it (an order, a consent) makes it read again rather than fail.
 */
export async function eraseCustomer(
  deps: Pick<CustomerCommandDeps, 'customers' | 'clock'>,
  customerId: string,
): Promise<void> {
  await withOptimisticRetry(async () => {
    try {
      await requireCustomer(deps.customers, customerId);
    } catch (error) {
      if (!(error instanceof CustomerErasedError)) throw error;
    }
    await deps.customers.erase(customerId, deps.clock.now().toISOString());
  });
}

/** A person's whole record (profile, orders, consent history): the answer to an access request. */
export async function getCustomerRecord(
  customers: CustomerRepository,
  customerId: string,
): Promise<CustomerRecord> {
  const record = await customers.getRecord(customerId);
  if (record === undefined) throw new CustomerNotFoundError(customerId);
  return record;
}
