import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../consent';

/**
 * One-click unsubscribe tokens (RFC 8058 links in email, the short link in an SMS).
 *
 * Layout, 38 bytes, written as 51 characters of base64url (no padding):
 *
 * | bytes | content                                                      |
 * |-------|--------------------------------------------------------------|
 * | 1     | format version (1)                                           |
 * | 16    | customer id: the ULID's 128 bits                             |
 * | 1     | scope: 1 = email marketing, 2 = SMS marketing                |
 * | 4     | issue time, whole seconds since the Unix epoch (uint32, BE)  |
 * | 16    | HMAC-SHA-256 of the 22 bytes above, truncated to 128 bits    |
 *
 * The token names a customer id, never a phone number or email address, so holding one tells
 * nothing about whether an address is on the shop's list; without the shop's key it cannot be
 * forged or altered (a 128-bit MAC), and it cannot be guessed.
 */
export interface UnsubscribeClaims {
  readonly customerId: string;
  readonly channel: Channel;
  /** Only marketing can be refused by link: transactional messages are about the person's order. */
  readonly purpose: 'marketing';
  readonly issuedAt: Date;
}

/** The key that signs tokens; derive it with {@link deriveUnsubscribeKey}. */
export type UnsubscribeKey = Uint8Array & { readonly __brand: 'UnsubscribeKey' };

export type TokenRejection = 'malformed' | 'forged' | 'expired' | 'not-yet-valid';
export type TokenVerification =
  | { readonly ok: true; readonly claims: UnsubscribeClaims }
  | { readonly ok: false; readonly reason: TokenRejection };

/** A link works for a year: long enough for an old email in an archive, short enough to retire keys. */
export const UNSUBSCRIBE_TOKEN_LIFETIME_SECONDS = 366 * 24 * 60 * 60;
/** Tolerated clock difference between the function that issued a token and the one verifying it. */
const CLOCK_SKEW_SECONDS = 5 * 60;

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 + 1 + 4;
const MAC_BYTES = 16;
const TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
/** base64url without padding of 38 bytes. */
export const UNSUBSCRIBE_TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);
const TOKEN_SHAPE = new RegExp(`^[A-Za-z0-9_-]{${UNSUBSCRIBE_TOKEN_LENGTH}}$`);

const scopes: readonly Channel[] = ['email', 'sms'];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The signing key, derived from the shop's address-hashing secret as HMAC-SHA-256(secret,
 * "regulars/unsubscribe-token/v1"). A derived key keeps the two uses apart: an address hash never
 * doubles as a token MAC, and the shop needs no second secret to keep.
 */
export function deriveUnsubscribeKey(secret: string): UnsubscribeKey {
  if (secret.length < 32) throw new Error('The unsubscribe key needs a secret of 32+ characters');
  return createHmac('sha256', secret)
    .update('regulars/unsubscribe-token/v1')
    .digest() as Uint8Array as UnsubscribeKey;
}

function ulidToBytes(ulid: string): Buffer | undefined {
  if (!/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(ulid)) return undefined;
  let value = 0n;
  for (const char of ulid) value = (value << 5n) | BigInt(CROCKFORD.indexOf(char));
  const bytes = Buffer.alloc(16);
  for (let index = 15; index >= 0; index -= 1) {
    bytes[index] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

function bytesToUlid(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let text = '';
  for (let index = 0; index < 26; index += 1) {
    text = CROCKFORD.charAt(Number(value & 31n)) + text;
    value >>= 5n;
  }
  return text;
}

const macOf = (key: UnsubscribeKey, payload: Uint8Array) =>
  createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);

/** A signed token for the customer's marketing on one channel, issued at `issuedAt`. */
export function issueUnsubscribeToken(
  key: UnsubscribeKey,
  claims: Omit<UnsubscribeClaims, 'purpose'> & { purpose?: 'marketing' },
): string {
  const id = ulidToBytes(claims.customerId);
  if (id === undefined) throw new Error('An unsubscribe token needs a customer id (a ULID)');
  const seconds = Math.floor(claims.issuedAt.getTime() / 1000);
  if (!(seconds >= 0 && seconds <= 0xffffffff)) throw new Error('Issue time out of range');
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload[0] = VERSION;
  id.copy(payload, 1);
  payload[17] = scopes.indexOf(claims.channel) + 1;
  payload.writeUInt32BE(seconds, 18);
  return Buffer.concat([payload, macOf(key, payload)]).toString('base64url');
}

/**
 * The claims of a token, if this shop's key signed it and it is within its lifetime. The MAC is
 * compared in constant time and checked before any field is trusted; a non-canonical encoding
 * (another string for the same bytes) is refused, so every accepted token has one spelling.
 */
export function verifyUnsubscribeToken(
  key: UnsubscribeKey,
  token: string,
  now: Date,
): TokenVerification {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(macOf(key, payload), bytes.subarray(PAYLOAD_BYTES))) {
    return { ok: false, reason: 'forged' };
  }
  const channel = scopes[(payload[17] ?? 0) - 1];
  if (payload[0] !== VERSION || channel === undefined) {
    return { ok: false, reason: 'malformed' };
  }
  const issuedSeconds = payload.readUInt32BE(18);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (issuedSeconds > nowSeconds + CLOCK_SKEW_SECONDS)
    return { ok: false, reason: 'not-yet-valid' };
  if (nowSeconds - issuedSeconds > UNSUBSCRIBE_TOKEN_LIFETIME_SECONDS) {
    return { ok: false, reason: 'expired' };
  }
  return {
    ok: true,
    claims: {
      customerId: bytesToUlid(payload.subarray(1, 17)),
      channel,
      purpose: 'marketing',
      issuedAt: new Date(issuedSeconds * 1000),
    },
  };
}
