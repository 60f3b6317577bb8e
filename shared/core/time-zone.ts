import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

const knownTimeZones = new Set(Intl.supportedValuesOf('timeZone'));

export const TimeZone = z
  .string()
  .refine((zone) => knownTimeZones.has(zone) || zone === 'UTC', 'is not an IANA time zone such as Asia/Ho_Chi_Minh');
export type TimeZone = z.infer<typeof TimeZone>;

/** An instant, as an ISO 8601 string with an offset; stored and returned in UTC. */
export const Instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T09:30:00+07:00' })
  .transform((value) => new Date(value).toISOString());

/** A calendar day, YYYY-MM-DD. */
export const CalendarDay = z.iso.date();
export type CalendarDay = z.infer<typeof CalendarDay>;

/** The calendar day an instant falls on in the given time zone: a purchase day is the shop's day. */
export function dayInZone(instant: string, timeZone: TimeZone): CalendarDay {
  const local = new TZDate(instant, timeZone);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `${local.getFullYear()}-${month}-${day}`;
}

/** Whole days from one calendar day to another (both YYYY-MM-DD), independent of DST. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
