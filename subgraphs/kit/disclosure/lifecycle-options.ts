import { readPositiveInteger } from '../runtime/config.ts';
import { readHolidayCalendar } from '../calendar/holiday-calendar.ts';
import { DEFAULT_PUBLICITY_PERIODS, parsePublicityPeriods, type PublicityPeriods } from './publicity-window.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import { DEFAULT_EXIT_PERIODS, parseExitPeriods, type ExitPeriods } from './exit-periods.ts';

/**
 * @default working days a department has to decide an objection (异议). The seeds ask only that the
 * providing department "及时核实并反馈" (000); 15 working days is the usual local rule, e.g. Guangzhou's
 * procedure: 2 days to accept, 2 for the platform's own check, 10 for the providing department.
 */
export const DEFAULT_OBJECTION_REVIEW_WORKING_DAYS = 15;

/** What the disclosure lifecycle depends on; read once at start (README, Configuration). */
export interface LifecycleOptions {
  /** `PUBLICITY_PERIODS`: how long a penalty is public, by severity. */
  publicityPeriods: PublicityPeriods;
  /** `EXIT_PERIODS`: how long a settled arrear or a concluded enforcement case stays public, by rule. */
  exitPeriods: ExitPeriods;
  /** `HOLIDAY_CALENDAR`: which days are working days (双公示 deadlines, objection deadlines). */
  calendar: WorkingCalendar;
  /** `OBJECTION_REVIEW_WORKING_DAYS`: the review deadline of an objection. */
  objectionReviewWorkingDays: number;
}

export function readLifecycleOptions(env: NodeJS.ProcessEnv = process.env): LifecycleOptions {
  return {
    publicityPeriods: parsePublicityPeriods(env.PUBLICITY_PERIODS),
    exitPeriods: parseExitPeriods(env.EXIT_PERIODS),
    calendar: readHolidayCalendar(env),
    objectionReviewWorkingDays: readPositiveInteger('OBJECTION_REVIEW_WORKING_DAYS', DEFAULT_OBJECTION_REVIEW_WORKING_DAYS, env),
  };
}

let defaults: LifecycleOptions | undefined;

/** The defaults, with the shipped holiday calendar: what a subgraph uses when started without options. */
export function defaultLifecycleOptions(): LifecycleOptions {
  defaults ??= { publicityPeriods: DEFAULT_PUBLICITY_PERIODS, exitPeriods: DEFAULT_EXIT_PERIODS, calendar: readHolidayCalendar({}), objectionReviewWorkingDays: DEFAULT_OBJECTION_REVIEW_WORKING_DAYS };
  return defaults;
}
