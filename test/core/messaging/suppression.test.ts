import { describe, expect, it } from 'vitest';
import { Suppression, suppressionVerdict } from '../../../shared/core/messaging/suppression';

const at = '2026-11-01T00:00:00.000Z';

describe('suppressionVerdict', () => {
  describe('an address with no record', () => {
    it('allows the message', () => {
      expect(suppressionVerdict(undefined)).toEqual({ allowed: true });
    });
  });

  describe('a suppressed address', () => {
    it.each([
      ['bounce', 'suppressed_bounce'],
      ['complaint', 'suppressed_complaint'],
      ['opt_out', 'suppressed_opt_out'],
    ] as const)('refuses when the address %s', (reason, skip) => {
      expect(suppressionVerdict({ reason, at })).toEqual({ allowed: false, reason: skip });
    });
  });
});

describe('Suppression', () => {
  describe('parsing', () => {
    it('refuses an unknown reason', () => {
      expect(Suppression.safeParse({ reason: 'spam', at }).success).toBe(false);
    });
  });
});
