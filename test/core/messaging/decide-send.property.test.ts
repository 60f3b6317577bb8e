import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyConsentEvent,
  type Channel,
  type ConsentEvent,
  type ConsentSource,
  type CustomerConsent,
  type Purpose,
} from '../../../shared/core/consent';
import { LEGAL_MARKETING_MESSAGES_PER_DAY } from '../../../shared/core/settings';
import { decideSend, type SendDecision } from '../../../shared/core/messaging/decide-send';
import type { MarketingSend } from '../../../shared/core/messaging/frequency-cap';
import type { SendingWindows } from '../../../shared/core/messaging/quiet-hours';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
// Zones with DST of an hour, of half an hour (Lord Howe), none, and a 45-minute offset.
const zones = [
  'Asia/Ho_Chi_Minh',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
];
const sources: ConsentSource[] = ['signup_form', 'checkout', 'owner', 'import', 'unsubscribe_link'];

interface Step {
  side: 'profile' | 'address';
  channel: Channel;
  purpose: Purpose;
  action: 'granted' | 'withdrawn';
  source: ConsentSource;
}

const step: fc.Arbitrary<Step> = fc.record({
  side: fc.constantFrom('profile' as const, 'address' as const),
  channel: fc.constantFrom('email' as const, 'sms' as const),
  purpose: fc.constantFrom('marketing' as const, 'transactional' as const),
  action: fc.constantFrom('granted' as const, 'withdrawn' as const),
  source: fc.constantFrom(...sources),
});

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A window within [min, max) minutes of the day, at least a minute long. */
const windowWithin = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max: max - 1 }), fc.integer({ min: 1, max: max - min }))
    .map(([start, length]) => ({ start: hhmm(start), end: hhmm(Math.min(start + length, max)) }));

const windows: fc.Arbitrary<SendingWindows> = fc.record({
  sms: windowWithin(7 * 60, 22 * 60),
  email: windowWithin(0, 24 * 60 - 1),
});

/** Local minutes of the day, computed with Intl rather than the code under test. */
function localMinutes(instant: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part('hour') * 60 + part('minute');
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

function insideWindow(instant: string, timeZone: string, window: { start: string; end: string }) {
  const minute = localMinutes(instant, timeZone);
  return minute >= toMinutes(window.start) && minute < toMinutes(window.end);
}

/** Replays the steps in time order on the profile and the address, as the recorder does. */
function replay(steps: readonly Step[]) {
  let profile: CustomerConsent = { email: {}, sms: {} };
  let address: CustomerConsent = { email: {}, sms: {} };
  steps.forEach((s, index) => {
    const event: ConsentEvent = {
      eventId: `E${index}`,
      customerId: 'C',
      channel: s.channel,
      purpose: s.purpose,
      action: s.action,
      source: s.source,
      at: new Date(START + index * 60_000).toISOString(),
    };
    if (s.side === 'profile') {
      profile = { ...profile, [s.channel]: applyConsentEvent(profile[s.channel], event) };
    } else {
      address = { ...address, [s.channel]: applyConsentEvent(address[s.channel], event) };
    }
  });
  return { profile, address };
}

/**
 * The oracle's idea of "withdrawn": on either side, the last act of the person or the shop (an
 * imported grant cannot lift an opt-out) for this channel and purpose was a withdrawal.
 */
function withdrawnByOracle(steps: readonly Step[], channel: Channel, purpose: Purpose): boolean {
  return (['profile', 'address'] as const).some((side) => {
    const own = steps.filter(
      (s) =>
        s.side === side &&
        s.channel === channel &&
        s.purpose === purpose &&
        !(s.source === 'import' && s.action === 'granted'),
    );
    return own.at(-1)?.action === 'withdrawn';
  });
}

describe('decideSend (property)', () => {
  describe('a single decision', () => {
    it('never lets marketing reach a withdrawn channel, at night or over the cap', () => {
      fc.assert(
        fc.property(
          fc.array(step, { maxLength: 12 }),
          fc.constantFrom('email' as const, 'sms' as const),
          fc.constantFrom('marketing' as const, 'transactional' as const),
          fc.integer({ min: 1, max: 3 }),
          fc.boolean(),
          fc.integer({ min: 0, max: 400 * DAY }),
          fc.array(
            fc.record({
              ago: fc.integer({ min: -60_000, max: 2 * DAY }),
              channel: fc.constantFrom('email' as const, 'sms' as const),
            }),
            { maxLength: 6 },
          ),
          fc.constantFrom(...zones),
          windows,
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (steps, channel, purpose, cap, exempt, offset, history, timeZone, sendingWindows, r) => {
            const { profile, address } = replay(steps);
            const now = new Date(START + DAY + offset).toISOString();
            const recentMarketing: MarketingSend[] = history.map((h) => ({
              at: new Date(Date.parse(now) - h.ago).toISOString(),
              channel: h.channel,
            }));
            const decision = decideSend({
              purpose,
              channel,
              consent: { profile: profile[channel], address: address[channel] },
              recentMarketing,
              cap: { messagesPerDay: cap, exempt },
              timeZone,
              sendingWindows,
              now,
              random: () => r,
            });
            if (decision.kind !== 'skip') {
              expect(withdrawnByOracle(steps, channel, purpose)).toBe(false);
            }
            if (purpose !== 'marketing') {
              expect(decision.kind).not.toBe('defer');
              return;
            }
            const window = sendingWindows[channel];
            if (decision.kind === 'defer') {
              expect(Date.parse(decision.until)).toBeGreaterThan(Date.parse(now));
              expect(Date.parse(decision.until) - Date.parse(now)).toBeLessThanOrEqual(2 * DAY);
              expect(insideWindow(decision.until, timeZone, window)).toBe(true);
            }
            if (decision.kind !== 'skip') {
              expect(profile[channel].marketing?.status).toBe('granted');
              const inDay = recentMarketing.filter((m) => Date.parse(m.at) > Date.parse(now) - DAY);
              const onChannel = inDay.filter((m) => m.channel === channel).length;
              expect(onChannel).toBeLessThan(LEGAL_MARKETING_MESSAGES_PER_DAY);
              if (!exempt) expect(inDay.length).toBeLessThan(cap);
            }
            if (decision.kind === 'send') {
              expect(insideWindow(now, timeZone, window)).toBe(true);
            }
          },
        ),
        { numRuns: 2000 },
      );
    });
  });

  describe('a stream of jobs for one customer', () => {
    it('never sends more than the caps allow in any 24 hours, deferred jobs included', () => {
      const job = fc.record({
        at: fc.integer({ min: 0, max: 5 * DAY }),
        channel: fc.constantFrom('email' as const, 'sms' as const),
        exempt: fc.boolean(),
      });
      fc.assert(
        fc.property(
          fc.array(job, { maxLength: 40 }),
          fc.integer({ min: 1, max: 3 }),
          fc.constantFrom(...zones),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (jobs, cap, timeZone, r) => {
            const queue = jobs.map((j) => ({ ...j, at: START + j.at }));
            const sent: (MarketingSend & { exempt: boolean })[] = [];
            let guard = 0;
            while (queue.length > 0 && guard++ < 1000) {
              queue.sort((a, b) => a.at - b.at);
              const next = queue.shift();
              if (next === undefined) break;
              const now = new Date(next.at).toISOString();
              const decision: SendDecision = decideSend({
                purpose: 'marketing',
                channel: next.channel,
                consent: {
                  profile: { marketing: { status: 'granted', at: now, source: 'checkout' } },
                },
                recentMarketing: sent,
                cap: { messagesPerDay: cap, exempt: next.exempt },
                timeZone,
                now,
                random: () => r,
              });
              if (decision.kind === 'send') {
                sent.push({ at: now, channel: next.channel, exempt: next.exempt });
              }
              if (decision.kind === 'defer')
                queue.push({ ...next, at: Date.parse(decision.until) });
            }
            expect(queue).toEqual([]);
            for (const message of sent) {
              const t = Date.parse(message.at);
              const before = sent.filter((m) => Date.parse(m.at) > t - DAY && Date.parse(m.at) < t);
              // Same-instant sends: order in `sent` decides which came first.
              const earlier = sent.slice(0, sent.indexOf(message));
              const prior = [
                ...before,
                ...earlier.filter((m) => Date.parse(m.at) === t && !before.includes(m)),
              ];
              const onChannel = prior.filter((m) => m.channel === message.channel).length;
              expect(onChannel).toBeLessThan(LEGAL_MARKETING_MESSAGES_PER_DAY);
              if (!message.exempt) expect(prior.length).toBeLessThan(cap);
              expect(insideWindow(message.at, timeZone, { start: '07:00', end: '22:00' })).toBe(
                true,
              );
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
