import { describe, expect, it } from 'vitest';
import {
  CapWindow,
  capVerdict,
  claimCapSlot,
  type MarketingSend,
} from '../../../shared/core/messaging/frequency-cap';

const now = '2026-11-23T03:00:00.000Z';
const hoursAgo = (hours: number): string =>
  new Date(Date.parse(now) - hours * 3_600_000).toISOString();
const sms = (hours: number): MarketingSend => ({ at: hoursAgo(hours), channel: 'sms' });
const email = (hours: number): MarketingSend => ({ at: hoursAgo(hours), channel: 'email' });
const productDefault = { messagesPerDay: 1, exempt: false };

describe('capVerdict', () => {
  describe('the product cap', () => {
    it('allows the first marketing message of the day', () => {
      expect(capVerdict([], 'sms', now, productDefault)).toEqual({ allowed: true });
    });

    it('refuses a second message within 24 hours, across channels', () => {
      expect(capVerdict([email(23)], 'sms', now, productDefault)).toEqual({
        allowed: false,
        reason: 'frequency_cap',
      });
    });

    it('allows a message once the earlier one is exactly 24 hours old', () => {
      expect(capVerdict([email(24)], 'sms', now, productDefault)).toEqual({ allowed: true });
    });

    it('counts a send stamped slightly after now', () => {
      expect(capVerdict([email(-0.01)], 'sms', now, productDefault)).toMatchObject({
        reason: 'frequency_cap',
      });
    });

    it('allows up to the shop cap of three', () => {
      const policy = { messagesPerDay: 3, exempt: false };
      expect(capVerdict([email(1), sms(2)], 'email', now, policy)).toEqual({ allowed: true });
      expect(capVerdict([email(1), sms(2), email(3)], 'sms', now, policy)).toMatchObject({
        reason: 'frequency_cap',
      });
    });

    it('never lets a shop cap above the legal ceiling through', () => {
      const policy = { messagesPerDay: 5, exempt: false };
      expect(capVerdict([email(1), sms(2), email(3)], 'sms', now, policy)).toMatchObject({
        reason: 'frequency_cap',
      });
    });
  });

  describe('an exempt workflow (the outage broadcast)', () => {
    const exempt = { messagesPerDay: 1, exempt: true };

    it('goes past the product cap', () => {
      expect(capVerdict([email(1)], 'sms', now, exempt)).toEqual({ allowed: true });
    });

    it('stops at three SMS per number', () => {
      expect(capVerdict([sms(1), sms(2), sms(3)], 'sms', now, exempt)).toEqual({
        allowed: false,
        reason: 'legal_ceiling',
      });
    });

    it('counts the ceiling per channel', () => {
      expect(capVerdict([sms(1), sms(2), sms(3)], 'email', now, exempt)).toEqual({ allowed: true });
    });
  });
});

describe('claimCapSlot', () => {
  describe('a free place', () => {
    it('returns the pruned window with this send at the next version', () => {
      const window: CapWindow = { sends: [email(30)], version: 4 };
      expect(claimCapSlot(window, 'sms', now, productDefault)).toEqual({
        allowed: true,
        next: { sends: [{ at: now, channel: 'sms' }], version: 5 },
      });
    });

    it('gives a window that still parses when full under an exemption', () => {
      const window: CapWindow = { sends: [sms(1), sms(2), sms(3), email(1), email(2)], version: 9 };
      const claim = claimCapSlot(window, 'email', now, { messagesPerDay: 1, exempt: true });
      expect(claim.allowed && CapWindow.safeParse(claim.next).success).toBe(true);
    });
  });

  describe('two dispatchers racing', () => {
    it('lets the second, after re-reading the first one’s write, be refused', () => {
      const read: CapWindow = { sends: [], version: 0 };
      const first = claimCapSlot(read, 'email', now, productDefault);
      const second = claimCapSlot(read, 'sms', now, productDefault);
      // Both decided on version 0; only one conditional write on version 0 can succeed.
      expect(first.allowed && second.allowed).toBe(true);
      if (!first.allowed) throw new Error('unreachable');
      expect(claimCapSlot(first.next, 'sms', now, productDefault)).toEqual({
        allowed: false,
        reason: 'frequency_cap',
      });
    });
  });
});
