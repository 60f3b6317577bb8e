import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { Channel } from '../consent';
import type { TimeZone } from '../time-zone';

/** A local time of day, HH:mm on the 24-hour clock. */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm, 00:00–23:59');

const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** When marketing may go out, in the recipient's local time: from `start` up to, not at, `end`. */
export const SendingWindow = z
  .strictObject({ start: LocalTime, end: LocalTime })
  .refine((window) => toMinutes(window.start) < toMinutes(window.end), {
    path: ['end'],
    message: 'must be later than start on the same day',
  });
export type SendingWindow = z.infer<typeof SendingWindow>;

/** Decree 91/2020's window for advertising SMS, and the product's default for email. */
export const LEGAL_SMS_WINDOW: SendingWindow = { start: '07:00', end: '22:00' };

/** Per channel; the SMS window may be narrowed, never widened beyond the law's. */
export const SendingWindows = z.strictObject({
  email: SendingWindow,
  sms: SendingWindow.refine(
    (window) =>
      toMinutes(window.start) >= toMinutes(LEGAL_SMS_WINDOW.start) &&
      toMinutes(window.end) <= toMinutes(LEGAL_SMS_WINDOW.end),
    { message: 'must lie within 07:00–22:00, the legal window for advertising SMS' },
  ),
});
export type SendingWindows = z.infer<typeof SendingWindows>;

export const defaultSendingWindows: SendingWindows = {
  email: LEGAL_SMS_WINDOW,
  sms: LEGAL_SMS_WINDOW,
};

/** Deferred messages spread over this much of the window's start, so they do not all go at once. */
export const DEFAULT_JITTER_MS = 30 * 60 * 1000;

export type QuietHoursVerdict =
  { readonly sendNow: true } | { readonly sendNow: false; until: string };

export interface QuietHoursInput {
  readonly now: string;
  readonly timeZone: TimeZone;
  readonly window: SendingWindow;
  /** A number in [0, 1), like Math.random; injected so tests are repeatable. */
  readonly random: () => number;
  readonly jitterMs?: number;
}

/** The recipient's zone: their own when known, else the shop's. */
export function recipientTimeZone(
  customer: { readonly timeZone?: string },
  shop: { readonly timeZone: TimeZone },
): TimeZone {
  return customer.timeZone ?? shop.timeZone;
}

function minutesOfDay(local: TZDate): number {
  return local.getHours() * 60 + local.getMinutes();
}

/** The instant `time` occurs on the local calendar day of `local`, `days` days later. */
function atLocalTime(local: TZDate, days: number, time: string, timeZone: TimeZone): TZDate {
  const minutes = toMinutes(time);
  // Built from calendar fields, so a day of 23 or 25 hours (DST) still lands on the wall time; a
  // wall time that does not exist that day (a spring-forward gap) moves forward by the gap:
  // 02:30 on a day that skips from 02:00 to 03:00 opens at 03:30.
  return new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + days,
    Math.floor(minutes / 60),
    minutes % 60,
    0,
    0,
    timeZone,
  );
}

/**
 * Send now if the recipient's local time is inside the window; otherwise the window's next
 * opening plus a jitter, so a broadcast deferred overnight does not all leave at 07:00:00. The
 * jitter is whole seconds, at most `jitterMs` and never past the window's end.
 */
export function quietHoursVerdict(input: QuietHoursInput): QuietHoursVerdict {
  const local = new TZDate(input.now, input.timeZone);
  const minute = minutesOfDay(local);
  if (minute >= toMinutes(input.window.start) && minute < toMinutes(input.window.end)) {
    return { sendNow: true };
  }
  const days = minute < toMinutes(input.window.start) ? 0 : 1;
  const opens = atLocalTime(local, days, input.window.start, input.timeZone);
  const closes = atLocalTime(local, days, input.window.end, input.timeZone);
  const spread = Math.min(input.jitterMs ?? DEFAULT_JITTER_MS, closes.getTime() - opens.getTime());
  const unit = Math.min(Math.max(input.random(), 0), 1 - Number.EPSILON);
  const jitter = Math.floor((unit * spread) / 1000) * 1000;
  return { sendNow: false, until: new Date(opens.getTime() + jitter).toISOString() };
}

/** The window that applies to a channel. */
export function windowFor(channel: Channel, windows: SendingWindows = defaultSendingWindows) {
  return windows[channel];
}
