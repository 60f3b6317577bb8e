import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
  UNSUBSCRIBE_TOKEN_LENGTH,
  UNSUBSCRIBE_TOKEN_LIFETIME_SECONDS,
  verifyUnsubscribeToken,
} from '../../../shared/core/messaging/unsubscribe-token';

const key = deriveUnsubscribeKey('shop-secret-0123456789abcdef0123456789abcdef');
const otherShopKey = deriveUnsubscribeKey('other-shop-0123456789abcdef0123456789abcdef');
const customerId = '01KAZ9C7MZ1X6W3ZC9F2DY5Q7R';
const issuedAt = new Date('2026-11-23T08:00:00Z');
const token = issueUnsubscribeToken(key, { customerId, channel: 'sms', issuedAt });
const later = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

describe('unsubscribe tokens', () => {
  describe('round trip', () => {
    it('gives back the customer, channel, purpose and issue time it was made with', () => {
      expect(verifyUnsubscribeToken(key, token, later(60))).toEqual({
        ok: true,
        claims: { customerId, channel: 'sms', purpose: 'marketing', issuedAt },
      });
    });

    it('round-trips any ULID and either channel', () => {
      fc.assert(
        fc.property(
          fc.ulid(),
          fc.constantFrom('email' as const, 'sms' as const),
          fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          (id, channel, seconds) => {
            const at = new Date(seconds * 1000);
            const made = issueUnsubscribeToken(key, { customerId: id, channel, issuedAt: at });
            const result = verifyUnsubscribeToken(key, made, at);
            expect(result).toEqual({
              ok: true,
              claims: { customerId: id.toUpperCase(), channel, purpose: 'marketing', issuedAt: at },
            });
          },
        ),
      );
    });
  });

  describe('size and content', () => {
    it('is 51 base64url characters, short enough for an SMS link', () => {
      expect(UNSUBSCRIBE_TOKEN_LENGTH).toBe(51);
      expect(token).toMatch(/^[A-Za-z0-9_-]{51}$/);
    });

    it('holds no phone number or email, only the customer id, scope and time', () => {
      const bytes = Buffer.from(token, 'base64url');
      expect(bytes).toHaveLength(38);
      expect(bytes.toString('latin1')).not.toMatch(/\+84|@|09\d/);
    });
  });

  describe('rejection', () => {
    it('refuses a token signed with another shop’s key', () => {
      const foreign = issueUnsubscribeToken(otherShopKey, { customerId, channel: 'sms', issuedAt });
      expect(verifyUnsubscribeToken(key, foreign, issuedAt)).toEqual({
        ok: false,
        reason: 'forged',
      });
    });

    it('refuses the token with any one byte changed', () => {
      const bytes = Buffer.from(token, 'base64url');
      for (let index = 0; index < bytes.length; index += 1) {
        for (const flip of [0x01, 0x80, 0xff]) {
          const altered = Buffer.from(bytes);
          altered[index] = (altered[index] ?? 0) ^ flip;
          const result = verifyUnsubscribeToken(key, altered.toString('base64url'), issuedAt);
          expect(result.ok, `byte ${index} ^ ${flip}`).toBe(false);
        }
      }
    });

    it('refuses the token cut short or lengthened, and an empty one', () => {
      for (let length = 0; length < token.length; length += 1) {
        expect(verifyUnsubscribeToken(key, token.slice(0, length), issuedAt)).toEqual({
          ok: false,
          reason: 'malformed',
        });
      }
      expect(verifyUnsubscribeToken(key, `${token}A`, issuedAt).ok).toBe(false);
    });

    it('refuses another spelling of the same bytes (the last character’s unused bits)', () => {
      const last = token.at(-1) ?? 'A';
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? 'A';
      const respelled = token.slice(0, -1) + sibling;
      expect(verifyUnsubscribeToken(key, respelled, issuedAt).ok).toBe(false);
    });

    it('works for a year, then expires', () => {
      expect(verifyUnsubscribeToken(key, token, later(365 * 24 * 3600)).ok).toBe(true);
      expect(
        verifyUnsubscribeToken(key, token, later(UNSUBSCRIBE_TOKEN_LIFETIME_SECONDS + 1)),
      ).toEqual({ ok: false, reason: 'expired' });
    });

    it('refuses a token issued in the future beyond clock skew', () => {
      expect(verifyUnsubscribeToken(key, token, later(-60)).ok).toBe(true);
      expect(verifyUnsubscribeToken(key, token, later(-3600))).toEqual({
        ok: false,
        reason: 'not-yet-valid',
      });
    });

    it('accepts no random string', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: 80 }),
            fc.stringMatching(/^[A-Za-z0-9_-]{51}$/),
            fc
              .uint8Array({ minLength: 38, maxLength: 38 })
              .map((bytes) => Buffer.from(bytes).toString('base64url')),
          ),
          (candidate) => {
            fc.pre(candidate !== token);
            expect(verifyUnsubscribeToken(key, candidate, issuedAt).ok).toBe(false);
          },
        ),
        { numRuns: 2000 },
      );
    });
  });

  describe('keys', () => {
    it('derives a key different from the secret and refuses a short secret', () => {
      expect(Buffer.from(key).toString('utf8')).not.toContain('shop-secret');
      expect(() => deriveUnsubscribeKey('short')).toThrow(/32/);
    });

    it('refuses to issue a token for something that is not a customer id', () => {
      expect(() =>
        issueUnsubscribeToken(key, { customerId: 'not-a-ulid', channel: 'sms', issuedAt }),
      ).toThrow(/ULID/);
    });
  });
});
