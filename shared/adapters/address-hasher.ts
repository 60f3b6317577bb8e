import { createHmac } from 'node:crypto';
import type { Channel } from '../core/consent';

/** Keys address items by a keyed hash, so what outlives an erasure holds no phone or email. */
export interface AddressHasher {
  hash(channel: Channel, address: string): string;
}

/**
 * HMAC-SHA-256 with the shop's own secret: without the secret, a hash cannot be recomputed from a
 * guessed phone number (a plain hash of a 10-digit number is reversed by enumeration in minutes).
 */
export class HmacAddressHasher implements AddressHasher {
  constructor(private readonly secret: string) {
    if (secret.length < 32)
      throw new Error('The address hashing secret must be at least 32 characters');
  }

  hash(channel: Channel, address: string): string {
    return createHmac('sha256', this.secret).update(`${channel}:${address}`).digest('base64url');
  }
}

/**
 * For code that was not given the shop's key: it fails loudly if it ever hashes, so a function
 * that starts hashing addresses without being granted the key is caught at once.
 */
export const hasherNotGranted: AddressHasher = {
  hash() {
    throw new Error(
      'This code was not granted the address-hashing key (needs.addressHashing in functions/routes.ts)',
    );
  },
};
