import type { CalendarDay } from '../time-zone';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar day: integer arithmetic on days, no time zone involved. */
export function dayNumber(day: CalendarDay): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
}

/** The calendar day `dayNumber` maps to `n`. */
export function calendarDay(n: number): CalendarDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}
