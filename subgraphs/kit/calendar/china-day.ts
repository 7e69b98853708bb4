import { toDay } from './dates.ts';

/** China Standard Time is UTC+8 all year: no daylight saving. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * China's legal day at `now`, as 'YYYY-MM-DD' in Beijing: the day a decision, a deadline, a grant's
 * end or a permit's expiry is counted in. Not the UTC day: from 00:00 to 08:00 Beijing time the UTC
 * date is still yesterday's, and a permit that expired yesterday would still read as valid.
 */
export function chinaToday(now: Date = new Date()): string {
  return toDay(new Date(now.getTime() + CHINA_OFFSET_MS));
}
