import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../runtime/config.ts';
import { isCalendarDate } from '../identifiers/scalars.ts';
import { isWeekend, type WorkingCalendar } from './working-days.ts';

/**
 * @default the holiday calendar shipped with the project: mainland China 2024–2026, from the State
 * Council's notices. `HOLIDAY_CALENDAR` names another file of the same shape (a later year, a region).
 */
export const DEFAULT_HOLIDAY_CALENDAR = fileURLToPath(new URL('./calendars/china-2024-2026.json', import.meta.url));

/**
 * The file's shape: per year, the weekdays off and the weekend days worked, and the notice they come
 * from. A year present is taken as complete; a year absent is counted by weekends alone.
 */
interface CalendarFile {
  years: Record<string, { notice?: string; holidays: string[]; workdays: string[] }>;
}

/** Reads and checks a calendar file; any mistake is a ConfigurationError naming the file and the day. */
export function loadHolidayCalendar(path: string, variable = 'HOLIDAY_CALENDAR'): WorkingCalendar {
  const where = `${variable} (${path})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigurationError(`${where} must be a JSON holiday calendar: ${reason}`);
  }
  const years = (parsed as Partial<CalendarFile> | null)?.years;
  if (!years || typeof years !== 'object') {
    throw new ConfigurationError(`${where} must be a JSON object { "years": { "2026": { "holidays": [...], "workdays": [...] } } }`);
  }
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const covered = new Set<number>();
  for (const [year, lists] of Object.entries(years)) {
    if (!/^\d{4}$/.test(year) || !lists || !Array.isArray(lists.holidays) || !Array.isArray(lists.workdays)) {
      throw new ConfigurationError(`${where}: year ${JSON.stringify(year)} must be four digits with "holidays" and "workdays" lists of YYYY-MM-DD days`);
    }
    for (const [list, target, weekend] of [['holidays', holidays, false], ['workdays', workdays, true]] as const) {
      for (const day of lists[list]) {
        if (typeof day !== 'string' || !isCalendarDate(day) || !day.startsWith(year)) {
          throw new ConfigurationError(`${where}: ${year}.${list} holds ${JSON.stringify(day)}, which is not a day of ${year} written YYYY-MM-DD`);
        }
        // A weekend "holiday" or a weekday "workday" changes nothing; it is almost always a typo for another day.
        if (isWeekend(day) !== weekend) {
          throw new ConfigurationError(`${where}: ${year}.${list} holds ${day}, a ${weekend ? 'weekday' : 'weekend day'}; list ${list === 'holidays' ? 'weekdays off' : 'weekend days worked (调休)'} only`);
        }
        target.add(day);
      }
    }
    covered.add(Number(year));
  }
  return { holidays, workdays, years: covered };
}

/** The calendar `HOLIDAY_CALENDAR` names, or the shipped one. */
export function readHolidayCalendar(env: NodeJS.ProcessEnv = process.env): WorkingCalendar {
  const path = env.HOLIDAY_CALENDAR;
  return path ? loadHolidayCalendar(path) : loadHolidayCalendar(DEFAULT_HOLIDAY_CALENDAR, 'the shipped holiday calendar');
}
