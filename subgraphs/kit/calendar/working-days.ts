import { addDays, parseDay } from './dates.ts';

/**
 * Which days government offices work. China works Monday to Friday, except public holidays; and a
 * few weekend days each year are working days in exchange for a longer holiday (调休). Both lists come
 * from the State Council's yearly notice (see holiday-calendar.ts), so they are data, not code.
 */
export interface WorkingCalendar {
  /** Weekdays off (法定节假日 and the weekdays moved into a holiday), 'YYYY-MM-DD'. */
  holidays: ReadonlySet<string>;
  /** Weekend days worked instead (调休上班), 'YYYY-MM-DD'. */
  workdays: ReadonlySet<string>;
  /** The years the lists cover; outside them only weekends are known. */
  years: ReadonlySet<number>;
}

/** A calendar that knows weekends only: for tests and for years no notice covers. */
export const WEEKENDS_ONLY: WorkingCalendar = Object.freeze({ holidays: new Set<string>(), workdays: new Set<string>(), years: new Set<number>() });

export function isWeekend(day: string): boolean {
  const weekday = parseDay(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  if (calendar.workdays.has(day)) return true;
  return !isWeekend(day) && !calendar.holidays.has(day);
}

/**
 * The day `count` working days after `day`. The day itself is not counted (a period "within N working
 * days of" an act starts the next day), so 0 is `day` itself, and 7 from a Friday with no holiday is
 * the Tuesday of the week after next.
 */
export function addWorkingDays(calendar: WorkingCalendar, day: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days to add must be a whole number ≥ 0, got ${count}`);
  let current = day;
  for (let left = count; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(calendar, current)) left -= 1;
  }
  return current;
}

/**
 * Working days after `from` up to and including `to`: how many working days an act on `to` took
 * from a decision on `from`. 0 when `to` is not after `from`.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(calendar, day)) count += 1;
  }
  return count;
}

/** True when every year from `from` to `to` is one the calendar's holiday lists cover. */
export function calendarCovers(calendar: WorkingCalendar, from: string, to: string): boolean {
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    if (!calendar.years.has(year)) return false;
  }
  return true;
}
