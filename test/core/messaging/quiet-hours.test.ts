import { describe, expect, it } from 'vitest';
import {
  SendingWindows,
  defaultSendingWindows,
  quietHoursVerdict,
  recipientTimeZone,
  type SendingWindow,
} from '../../../shared/core/messaging/quiet-hours';

const legal: SendingWindow = { start: '07:00', end: '22:00' };
const saigon = 'Asia/Ho_Chi_Minh';
const berlin = 'Europe/Berlin';
const noJitter = (): number => 0;

function verdict(now: string, timeZone = saigon, window = legal, random = noJitter) {
  return quietHoursVerdict({ now, timeZone, window, random });
}

describe('quietHoursVerdict', () => {
  describe('inside the window', () => {
    it('sends now at 10:00 local time', () => {
      expect(verdict('2026-11-23T03:00:00.000Z')).toEqual({ sendNow: true });
    });

    it('sends now at 07:00:00 and at 21:59:59', () => {
      expect(verdict('2026-11-23T00:00:00.000Z')).toEqual({ sendNow: true });
      expect(verdict('2026-11-23T14:59:59.000Z')).toEqual({ sendNow: true });
    });
  });

  describe('outside the window', () => {
    it('defers a message at 22:00 exactly to 07:00 the next local day', () => {
      expect(verdict('2026-11-23T15:00:00.000Z')).toEqual({
        sendNow: false,
        until: '2026-11-24T00:00:00.000Z',
      });
    });

    it('defers a message at 06:30 to 07:00 the same local day', () => {
      // 23:30 UTC on the 22nd is already 06:30 on the 23rd in Vietnam.
      expect(verdict('2026-11-22T23:30:00.000Z')).toEqual({
        sendNow: false,
        until: '2026-11-23T00:00:00.000Z',
      });
    });

    it('judges by the recipient’s zone, not UTC', () => {
      // 15:30 UTC is 22:30 in Vietnam but 16:30 in Berlin.
      expect(verdict('2026-11-23T15:30:00.000Z', saigon).sendNow).toBe(false);
      expect(verdict('2026-11-23T15:30:00.000Z', berlin).sendNow).toBe(true);
    });

    it('defers across a month end', () => {
      expect(verdict('2026-11-30T16:00:00.000Z')).toEqual({
        sendNow: false,
        until: '2026-12-01T00:00:00.000Z',
      });
    });
  });

  describe('daylight saving time', () => {
    it('opens at 07:00 summer time on the morning the clocks go forward', () => {
      // 22:30 CET on 28 March; the next morning is CEST (+02:00).
      expect(verdict('2026-03-28T21:30:00.000Z', berlin)).toEqual({
        sendNow: false,
        until: '2026-03-29T05:00:00.000Z',
      });
    });

    it('opens at 07:00 winter time on the morning the clocks go back', () => {
      expect(verdict('2026-10-24T20:30:00.000Z', berlin)).toEqual({
        sendNow: false,
        until: '2026-10-25T06:00:00.000Z',
      });
    });

    it('defers during the repeated hour of the night the clocks go back', () => {
      // 02:30 CET, the second time 02:30 happens that night.
      expect(verdict('2026-10-25T01:30:00.000Z', berlin)).toEqual({
        sendNow: false,
        until: '2026-10-25T06:00:00.000Z',
      });
    });

    it('opens past the gap when the window starts at a wall time that is skipped', () => {
      const night: SendingWindow = { start: '02:30', end: '05:00' };
      const until = verdict('2026-03-29T00:00:00.000Z', berlin, night);
      expect(until).toEqual({ sendNow: false, until: '2026-03-29T01:30:00.000Z' });
    });
  });

  describe('jitter', () => {
    it('spreads deferred messages over the first 30 minutes', () => {
      const at = (random: number) =>
        quietHoursVerdict({
          now: '2026-11-23T16:00:00.000Z',
          timeZone: saigon,
          window: legal,
          random: () => random,
        });
      expect(at(0.5)).toEqual({ sendNow: false, until: '2026-11-24T00:15:00.000Z' });
      expect(at(0.999_999_999)).toEqual({ sendNow: false, until: '2026-11-24T00:29:59.000Z' });
    });

    it('keeps the jitter inside a window shorter than the spread', () => {
      const short: SendingWindow = { start: '07:00', end: '07:10' };
      expect(verdict('2026-11-23T16:00:00.000Z', saigon, short, () => 0.99)).toEqual({
        sendNow: false,
        until: '2026-11-24T00:09:54.000Z',
      });
    });

    it('stays inside the window even when the random source misbehaves', () => {
      const until = verdict('2026-11-23T16:00:00.000Z', saigon, legal, () => 7);
      expect(until).toEqual({ sendNow: false, until: '2026-11-24T00:29:59.000Z' });
    });
  });

  describe('a window per channel', () => {
    it('holds email to a narrower window the shop chose', () => {
      const email: SendingWindow = { start: '08:00', end: '21:00' };
      // 07:30 in Vietnam.
      expect(verdict('2026-11-23T00:30:00.000Z', saigon, email)).toEqual({
        sendNow: false,
        until: '2026-11-23T01:00:00.000Z',
      });
    });
  });
});

describe('SendingWindows', () => {
  describe('validation', () => {
    it('accepts the defaults', () => {
      expect(SendingWindows.safeParse(defaultSendingWindows).success).toBe(true);
    });

    it('refuses an SMS window wider than the law allows', () => {
      const wide = { ...defaultSendingWindows, sms: { start: '06:00', end: '22:00' } };
      expect(SendingWindows.safeParse(wide).success).toBe(false);
    });

    it('lets email go later than SMS', () => {
      const late = { ...defaultSendingWindows, email: { start: '07:00', end: '23:00' } };
      expect(SendingWindows.safeParse(late).success).toBe(true);
    });

    it('refuses a window that ends before it starts, or a time like 24:00', () => {
      const backwards = { ...defaultSendingWindows, email: { start: '22:00', end: '07:00' } };
      expect(SendingWindows.safeParse(backwards).success).toBe(false);
      const midnight = { ...defaultSendingWindows, email: { start: '07:00', end: '24:00' } };
      expect(SendingWindows.safeParse(midnight).success).toBe(false);
    });
  });
});

describe('recipientTimeZone', () => {
  describe('choice of zone', () => {
    it('uses the customer’s zone when known, else the shop’s', () => {
      expect(recipientTimeZone({ timeZone: berlin }, { timeZone: saigon })).toBe(berlin);
      expect(recipientTimeZone({}, { timeZone: saigon })).toBe(saigon);
    });
  });
});
