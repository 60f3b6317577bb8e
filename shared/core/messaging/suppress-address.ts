import type { Channel } from '../consent';
import { EmailAddress } from '../email';
import { CustomerErasedError, InvalidInputError } from '../errors';
import { withOptimisticRetry } from '../optimistic-retry';
import { normalizePhone } from '../phone';
import type { AddressRef, Clock, CustomerRepository } from '../ports';
import type { Suppression, SuppressionReason } from './suppression';

export interface SuppressAddressInput {
  readonly channel: Channel;
  /** As the provider reports it: an email address, or a phone number in E.164. */
  readonly address: string;
  readonly reason: SuppressionReason;
  /** When the provider saw the bounce, complaint or refusal. */
  readonly at: string;
}

/**
 * Stops every message to an address, whoever holds it now or later: a permanent bounce or a
 * complaint reported by SES, or a number that refused SMS. The suppression is kept on the
 * address item (so it outlives an erasure and reaches the next holder) and mirrored on the
 * holder's profile, in one transaction. The first suppression stands; a repeat changes nothing.
 */
export async function suppressAddress(
  deps: { readonly customers: CustomerRepository; readonly clock: Clock },
  input: SuppressAddressInput,
): Promise<{ readonly changed: boolean }> {
  const ref: AddressRef = { channel: input.channel, address: normalized(input) };
  return withOptimisticRetry(async () => {
    const [holder, [standing]] = await Promise.all([
      holderOf(deps.customers, ref),
      deps.customers.getAddressConsent([ref]),
    ]);
    const suppression: Suppression = standing?.suppression ?? {
      reason: input.reason,
      at: input.at,
    };
    const holderLacksIt = holder !== undefined && holder.suppression[ref.channel] === undefined;
    if (standing?.suppression !== undefined && !holderLacksIt) return { changed: false };
    await deps.customers.saveSuppression({
      address: { ...ref, version: standing?.version ?? 0 },
      suppression,
      ...(holder === undefined || !holderLacksIt
        ? {}
        : {
            holder: {
              customer: {
                ...holder,
                suppression: { ...holder.suppression, [ref.channel]: suppression },
                version: holder.version + 1,
                updatedAt: deps.clock.now().toISOString(),
              },
              previousVersion: holder.version,
            },
          }),
    });
    return { changed: true };
  });
}

async function holderOf(customers: CustomerRepository, ref: AddressRef) {
  try {
    return await customers.findByAddress(ref);
  } catch (error) {
    // The identity outlived the profile for a moment: the address item is enough.
    if (error instanceof CustomerErasedError) return undefined;
    throw error;
  }
}

function normalized(input: SuppressAddressInput): string {
  if (input.channel === 'email') {
    const email = EmailAddress.safeParse(input.address);
    if (!email.success) throw InvalidInputError.forField('address', 'is not an email address');
    return email.data;
  }
  // Providers report numbers in E.164, so no default region is needed.
  const phone = normalizePhone(input.address, 'VN');
  if (phone === undefined || !input.address.trim().startsWith('+'))
    throw InvalidInputError.forField('address', 'is not a phone number in E.164');
  return phone;
}
