import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/**
 * An IANA zone name the runtime knows, aliases included: ICU 78 lists Asia/Ho_Chi_Minh only under
 * its alias Asia/Saigon in `supportedValuesOf`, so that list cannot be the test. Offsets such as
 * "+07:00" are refused: they have no daylight-saving rules and are not places.
 */
function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, 'is not an IANA time zone such as Asia/Ho_Chi_Minh');
export type TimeZone = z.infer<typeof TimeZone>;

const EARLIEST_INSTANT = '2000-01-01T00:00:00.000Z';
const LATEST_INSTANT = '2099-12-31T00:00:00.000Z';

/** An instant, as an ISO 8601 string with an offset; stored and returned in UTC. */
export const Instant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T09:30:00+07:00',
  })
  .transform((value) => new Date(value).toISOString())
  // A shop's records start this century; a year like 0999 or 9999 is a typing slip, and a
  // five-digit local year would not even be a calendar day.
  .refine((utc) => utc >= EARLIEST_INSTANT && utc < LATEST_INSTANT, {
    message: 'must be between the years 2000 and 2099',
  });

/** A calendar day, YYYY-MM-DD. */
export const CalendarDay = z.iso.date();
export type CalendarDay = z.infer<typeof CalendarDay>;

/** The calendar day an instant falls on in the given time zone: a purchase day is the shop's day. */
export function dayInZone(instant: string, timeZone: TimeZone): CalendarDay {
  const local = new TZDate(instant, timeZone);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `${String(local.getFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/** Whole days from one calendar day to another (both YYYY-MM-DD), independent of DST. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
