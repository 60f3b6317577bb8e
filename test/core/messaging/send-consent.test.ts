import { describe, expect, it } from 'vitest';
import { grantedAtCheckout, withdrawnByLink } from '../../helpers/builders';
import type { PurposeConsent } from '../../../shared/core/consent';
import { consentVerdict } from '../../../shared/core/messaging/send-consent';

const granted = grantedAtCheckout;
const withdrawn = withdrawnByLink;
const never: PurposeConsent = {};

describe('consentVerdict', () => {
  describe('marketing', () => {
    it('allows a message when the profile granted marketing and the address has no record', () => {
      expect(consentVerdict({ profile: { marketing: granted } }, 'marketing')).toEqual({
        allowed: true,
      });
    });

    it('refuses with no_consent when the customer was never asked', () => {
      expect(consentVerdict({ profile: never, address: never }, 'marketing')).toEqual({
        allowed: false,
        reason: 'no_consent',
      });
    });

    it('refuses with no_consent when only transactional messages were agreed to', () => {
      expect(consentVerdict({ profile: { transactional: granted } }, 'marketing')).toMatchObject({
        reason: 'no_consent',
      });
    });

    it('refuses with consent_withdrawn when the profile withdrew', () => {
      expect(consentVerdict({ profile: { marketing: withdrawn } }, 'marketing')).toMatchObject({
        reason: 'consent_withdrawn',
      });
    });

    it('refuses with consent_withdrawn when the address withdrew though the profile granted', () => {
      expect(
        consentVerdict(
          { profile: { marketing: granted }, address: { marketing: withdrawn } },
          'marketing',
        ),
      ).toMatchObject({ reason: 'consent_withdrawn' });
    });

    it('does not take an address grant as the customer’s own consent', () => {
      expect(
        consentVerdict({ profile: never, address: { marketing: granted } }, 'marketing'),
      ).toMatchObject({
        reason: 'no_consent',
      });
    });
  });

  describe('transactional', () => {
    it('allows a message without any consent recorded', () => {
      expect(consentVerdict({ profile: never }, 'transactional')).toEqual({ allowed: true });
    });

    it('allows a message when only marketing was withdrawn', () => {
      expect(
        consentVerdict(
          { profile: { marketing: withdrawn }, address: { marketing: withdrawn } },
          'transactional',
        ),
      ).toEqual({ allowed: true });
    });

    it('refuses when the transactional purpose was withdrawn on the address', () => {
      expect(
        consentVerdict({ profile: never, address: { transactional: withdrawn } }, 'transactional'),
      ).toMatchObject({ reason: 'consent_withdrawn' });
    });
  });
});
