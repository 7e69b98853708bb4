import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../subgraphs/kit/runtime/config.ts';
import { assessPublication, checkedPeriod, summariseCompliance, type Decision } from '../../subgraphs/kit/disclosure/compliance.ts';
import { loadHolidayCalendar, readHolidayCalendar } from '../../subgraphs/kit/calendar/holiday-calendar.ts';
import { addWorkingDays, calendarCovers, isWorkingDay, WEEKENDS_ONLY, workingDaysBetween } from '../../subgraphs/kit/calendar/working-days.ts';

const china = readHolidayCalendar({});

describe('working days', () => {
  it('are Monday to Friday when no holiday intervenes', () => {
    expect(isWorkingDay(WEEKENDS_ONLY, '2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay(WEEKENDS_ONLY, '2026-03-07')).toBe(false); // Saturday
    expect(addWorkingDays(WEEKENDS_ONLY, '2026-03-06', 7)).toBe('2026-03-17');
    expect(workingDaysBetween(WEEKENDS_ONLY, '2026-03-06', '2026-03-17')).toBe(7);
  });

  it('leave out public holidays and count the weekend days worked instead (调休)', () => {
    expect(isWorkingDay(china, '2026-05-01')).toBe(false); // 劳动节, a Friday
    expect(isWorkingDay(china, '2026-05-04')).toBe(false); // a Monday moved into the holiday
    expect(isWorkingDay(china, '2026-05-09')).toBe(true); // a Saturday worked
    expect(isWorkingDay(china, '2026-02-28')).toBe(true); // a Saturday worked after 春节
    // From Tue 28 April: 29, 30 April; 6, 7, 8 May; Saturday 9 May; Monday 11 May.
    expect(addWorkingDays(china, '2026-04-28', 7)).toBe('2026-05-11');
    expect(workingDaysBetween(china, '2026-04-28', '2026-05-12')).toBe(8);
    // From Fri 13 February 2026: Saturday 14 worked (1), 15–23 off, 24–27 (5), Saturday 28 worked (6),
    // then 2–6 March (11) and 9–12 March (15).
    expect(addWorkingDays(china, '2026-02-13', 15)).toBe('2026-03-12');
  });

  it('do not count the day itself: 0 working days after a day is that day', () => {
    expect(addWorkingDays(china, '2026-10-01', 0)).toBe('2026-10-01');
    expect(workingDaysBetween(china, '2026-10-08', '2026-10-08')).toBe(0);
    expect(workingDaysBetween(china, '2026-10-08', '2026-10-01')).toBe(0);
    expect(() => addWorkingDays(china, '2026-10-01', -1)).toThrow(RangeError);
  });

  it('know which years the calendar covers', () => {
    expect(calendarCovers(china, '2024-01-01', '2026-12-31')).toBe(true);
    expect(calendarCovers(china, '2026-12-01', '2027-01-31')).toBe(false);
  });
});

describe('the holiday calendar file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content: unknown) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('ships China’s 2024–2026 calendar, weekdays off and weekend days worked', () => {
    expect([...china.years].sort()).toEqual([2024, 2025, 2026]);
    expect(china.holidays.has('2025-01-28')).toBe(true); // 除夕 2025
    expect(china.workdays.has('2024-02-04')).toBe(true);
  });

  it('is read from HOLIDAY_CALENDAR when set', () => {
    const path = file({ years: { '2027': { holidays: ['2027-01-01'], workdays: [] } } });
    const calendar = readHolidayCalendar({ HOLIDAY_CALENDAR: path });
    expect(isWorkingDay(calendar, '2027-01-01')).toBe(false);
    expect(calendarCovers(calendar, '2027-03-01', '2027-03-31')).toBe(true);
  });

  it.each([
    ['a file that is not there', () => join(dir, 'missing.json'), /no such file/],
    ['a file that is not JSON', () => file('{ years'), /must be a JSON holiday calendar/],
    ['a day of another year', () => file({ years: { '2027': { holidays: ['2026-10-01'], workdays: [] } } }), /not a day of 2027/],
    ['a weekend day listed as a holiday', () => file({ years: { '2026': { holidays: ['2026-10-03'], workdays: [] } } }), /2026-10-03, a weekend day/],
    ['a weekday listed as worked', () => file({ years: { '2026': { holidays: [], workdays: ['2026-10-09'] } } }), /2026-10-09, a weekday/],
    ['a year without its lists', () => file({ years: { '2026': {} } }), /"holidays" and "workdays"/],
  ])('refuses %s with a ConfigurationError naming the variable', (_label, path, message) => {
    const load = () => loadHolidayCalendar(path());
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/^HOLIDAY_CALENDAR \(/);
    expect(load).toThrow(message);
  });
});

describe('双公示 compliance figures', () => {
  const decision = (decidedOn: string, publishedOn: string | null, authority = 'A局', n = 1): Decision => ({
    recordId: `market.penalty.${n}`,
    uscc: '91350100M000100Y43',
    kind: 'PENALTY',
    authority,
    decidedOn,
    publishedOn,
  });

  it('judge each decision by working days from the day after it', () => {
    expect(assessPublication(china, decision('2026-04-28', '2026-05-11'), '2026-11-22')).toEqual({ status: 'ON_TIME', workingDaysTaken: 7 });
    expect(assessPublication(china, decision('2026-04-28', '2026-05-12'), '2026-11-22')).toEqual({ status: 'LATE', workingDaysTaken: 8 });
    // Weekends only, the same dates are late: the May Day holiday is what makes them on time.
    expect(assessPublication(WEEKENDS_ONLY, decision('2026-04-28', '2026-05-11'), '2026-11-22').status).toBe('LATE');
    expect(assessPublication(china, decision('2026-11-20', null), '2026-11-22')).toEqual({ status: 'PENDING', workingDaysTaken: 0 });
    expect(assessPublication(china, decision('2026-11-02', null), '2026-11-22')).toEqual({ status: 'LATE', workingDaysTaken: 14 });
    // Published "in the future" is not published yet.
    expect(assessPublication(china, decision('2026-11-20', '2026-12-01'), '2026-11-22').status).toBe('PENDING');
  });

  it('sum up per department and per authority, with the share of those due', () => {
    const figures = summariseCompliance(
      'MARKET',
      [decision('2026-03-06', '2026-03-17', 'B局', 1), decision('2026-03-06', '2026-03-18', 'A局', 2), decision('2026-11-20', null, 'A局', 3), decision('2026-03-02', '2026-03-03', 'A局', 4)],
      china,
      '2026-11-22',
    );
    expect(figures).toMatchObject({ department: 'MARKET', decisions: 4, publishedInTime: 2, publishedLate: 1, pending: 1, share: 2 / 3 });
    expect(figures.late.map((l) => l.recordId)).toEqual(['market.penalty.2']);
    expect(figures.byAuthority.map((a) => [a.authority, a.decisions, a.share])).toEqual([
      ['A局', 3, 0.5],
      ['B局', 1, 1],
    ]);
    expect(summariseCompliance('MARKET', [], china, '2026-11-22').share).toBeNull();
  });

  it('accept a period of at most a year, in order', () => {
    expect(checkedPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(() => checkedPeriod('2024-01-01', '2025-01-01')).toThrow(/at most 366 days/);
    expect(() => checkedPeriod('2026-02-01', '2026-01-01')).toThrow(/must not be after/);
    expect(() => checkedPeriod('2026-02-30', '2026-03-01')).toThrow(/YYYY-MM-DD/);
  });
});
