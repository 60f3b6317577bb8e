import { TZDate } from '@date-fns/tz';
import { dayInZone, type CalendarDay, type TimeZone } from '../shared/core/time-zone';

const DAY_MS = 86_400_000;

/** The instant a calendar day begins in the zone (midnight, or the first hour a DST jump leaves). */
export function startOfDay(day: CalendarDay, timeZone: TimeZone): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime()).toISOString();
}

/** The calendar day after `day`. */
export function nextDay(day: CalendarDay): CalendarDay {
  return addDays(day, 1);
}

/** The calendar day `days` after `day`. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day in the zone that starts at or after `instant`. */
export function firstDayFrom(instant: string, timeZone: TimeZone): CalendarDay {
  const day = dayInZone(instant, timeZone);
  return Date.parse(startOfDay(day, timeZone)) < Date.parse(instant) ? nextDay(day) : day;
}
