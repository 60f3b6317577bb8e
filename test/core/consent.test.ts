import { describe, expect, it } from 'vitest';
import {
  ConsentEventInput,
  mergePurposeConsent,
  nextConsentState,
  type ConsentState,
} from '../../shared/core/consent';

const granted: ConsentState = {
  status: 'granted',
  at: '2026-11-01T00:00:00.000Z',
  source: 'signup_form',
};
const withdrawn: ConsentState = {
  status: 'withdrawn',
  at: '2026-11-02T00:00:00.000Z',
  source: 'unsubscribe_link',
};

describe('nextConsentState', () => {
  describe('latest event wins', () => {
    it('honours a withdrawal at once', () => {
      expect(
        nextConsentState(granted, { action: 'withdrawn', at: withdrawn.at, source: 'hotline' }),
      ).toEqual({
        status: 'withdrawn',
        at: withdrawn.at,
        source: 'hotline',
      });
    });

    it('ignores an event older than the current state', () => {
      expect(
        nextConsentState(withdrawn, { action: 'granted', at: granted.at, source: 'signup_form' }),
      ).toBe(withdrawn);
    });

    it('lets the person grant again after withdrawing, through their own act', () => {
      const later = '2026-11-05T00:00:00.000Z';
      expect(
        nextConsentState(withdrawn, { action: 'granted', at: later, source: 'signup_form' })
          ?.status,
      ).toBe('granted');
    });
  });

  describe('imports', () => {
    it('never lift a withdrawal, however recent', () => {
      const later = '2026-12-01T00:00:00.000Z';
      expect(nextConsentState(withdrawn, { action: 'granted', at: later, source: 'import' })).toBe(
        withdrawn,
      );
    });

    it('are outranked by a withdrawal that arrives later with an earlier time', () => {
      const imported: ConsentState = {
        status: 'granted',
        at: '2026-12-01T00:00:00.000Z',
        source: 'import',
      };
      expect(
        nextConsentState(imported, { action: 'withdrawn', at: withdrawn.at, source: 'hotline' }),
      ).toMatchObject({
        status: 'withdrawn',
        source: 'hotline',
      });
    });

    it('may record a first grant', () => {
      expect(
        nextConsentState(undefined, { action: 'granted', at: granted.at, source: 'import' })
          ?.status,
      ).toBe('granted');
    });
  });
});

describe('mergePurposeConsent', () => {
  it('carries an address’s standing withdrawal into a new profile', () => {
    expect(mergePurposeConsent({ marketing: granted }, { marketing: withdrawn })).toEqual({
      marketing: withdrawn,
    });
    expect(mergePurposeConsent({ marketing: granted }, { marketing: granted })).toEqual({
      marketing: granted,
    });
  });
});

describe('ConsentEventInput', () => {
  it('requires a terms version for a grant, so the grant can be proven', () => {
    const result = ConsentEventInput.safeParse({
      channel: 'sms',
      purpose: 'marketing',
      action: 'granted',
      source: 'owner',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['termsVersion']);
  });

  it('accepts a withdrawal without terms and refuses unknown fields', () => {
    expect(
      ConsentEventInput.safeParse({
        channel: 'sms',
        purpose: 'marketing',
        action: 'withdrawn',
        source: 'hotline',
      }).success,
    ).toBe(true);
    expect(
      ConsentEventInput.safeParse({
        channel: 'sms',
        purpose: 'marketing',
        action: 'withdrawn',
        source: 'hotline',
        extra: 1,
      }).success,
    ).toBe(false);
  });
});
