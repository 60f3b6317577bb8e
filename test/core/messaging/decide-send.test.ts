import { describe, expect, it } from 'vitest';
import { grantedAtCheckout, withdrawnByLink } from '../../helpers/builders';
import { decideSend, type SendContext } from '../../../shared/core/messaging/decide-send';

const granted = grantedAtCheckout;
const withdrawn = withdrawnByLink;
const morning = '2026-11-23T03:00:00.000Z'; // 10:00 in Vietnam
const night = '2026-11-23T16:00:00.000Z'; // 23:00 in Vietnam

const context = (overrides: Partial<SendContext> = {}): SendContext => ({
  purpose: 'marketing',
  channel: 'sms',
  consent: { profile: { marketing: granted } },
  recentMarketing: [],
  cap: { messagesPerDay: 1, exempt: false },
  timeZone: 'Asia/Ho_Chi_Minh',
  now: morning,
  random: () => 0,
  ...overrides,
});

describe('decideSend', () => {
  describe('a marketing message', () => {
    it('sends to a consenting customer in the daytime', () => {
      expect(decideSend(context())).toEqual({ kind: 'send' });
    });

    it('defers to 07:00 local time at night', () => {
      expect(decideSend(context({ now: night }))).toEqual({
        kind: 'defer',
        until: '2026-11-24T00:00:00.000Z',
      });
    });

    it('uses the email window for email', () => {
      const sendingWindows = {
        sms: { start: '07:00', end: '22:00' },
        email: { start: '07:00', end: '23:30' },
      };
      expect(decideSend(context({ channel: 'email', now: night, sendingWindows }))).toEqual({
        kind: 'send',
      });
    });
  });

  describe('order of the checks', () => {
    it('reports the withdrawal before the suppression', () => {
      const decision = decideSend(
        context({
          consent: { profile: { marketing: withdrawn } },
          suppression: { reason: 'complaint', at: morning },
        }),
      );
      expect(decision).toEqual({ kind: 'skip', reason: 'consent_withdrawn' });
    });

    it('reports the suppression before the cap', () => {
      const decision = decideSend(
        context({
          suppression: { reason: 'bounce', at: morning },
          recentMarketing: [{ at: morning, channel: 'sms' }],
        }),
      );
      expect(decision).toEqual({ kind: 'skip', reason: 'suppressed_bounce' });
    });

    it('skips a capped message at night rather than deferring it', () => {
      const decision = decideSend(
        context({ now: night, recentMarketing: [{ at: morning, channel: 'email' }] }),
      );
      expect(decision).toEqual({ kind: 'skip', reason: 'frequency_cap' });
    });

    it('lets an exempt broadcast past the product cap but not the legal ceiling', () => {
      const sms = { at: morning, channel: 'sms' as const };
      const exempt = { messagesPerDay: 1, exempt: true };
      expect(decideSend(context({ cap: exempt, recentMarketing: [sms] }))).toEqual({
        kind: 'send',
      });
      expect(decideSend(context({ cap: exempt, recentMarketing: [sms, sms, sms] }))).toEqual({
        kind: 'skip',
        reason: 'legal_ceiling',
      });
    });
  });

  describe('a transactional message', () => {
    const transactional = { purpose: 'transactional' as const, consent: { profile: {} } };

    it('goes at night, past the cap, without marketing consent', () => {
      const decision = decideSend(
        context({
          ...transactional,
          now: night,
          recentMarketing: [{ at: night, channel: 'sms' }],
        }),
      );
      expect(decision).toEqual({ kind: 'send' });
    });

    it('stops at a suppressed address', () => {
      expect(
        decideSend(context({ ...transactional, suppression: { reason: 'opt_out', at: morning } })),
      ).toEqual({ kind: 'skip', reason: 'suppressed_opt_out' });
    });
  });
});
