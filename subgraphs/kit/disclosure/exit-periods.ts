import { parsePeriods, windowEndsOn, type PeriodBounds } from './publicity-window.ts';

/**
 * Exit rules (退出机制, seed 000: 建立健全退出机制): records that are not list entries but whose matter
 * ends (arrears paid, an enforcement case performed) stay public for a period counted from the day it
 * ended, then leave public view as a penalty does after its publicity period: out of the PUBLIC and
 * AUTHORISED views (the entity's own included), kept for government as history (EXPIRED).
 *
 * No national rule fixes how long such a record stays on a credit platform once its matter has ended,
 * so the period is the platform's, configured per rule within bounds:
 * - at most 3 years: the longest the national rule publishes even a serious penalty (国家发展改革委
 *   《失信行为纠正后的信用信息修复管理办法（试行）》, 2023, 最长三年); anything longer would publish a
 *   corrected matter longer than the gravest one (超期披露);
 * - at least 0 months: the day it ended is its last public day; a department may stop at once.
 */
export const EXIT_RULES = ['SETTLED_ARREARS', 'CONCLUDED_ENFORCEMENT'] as const;
export type ExitRule = (typeof EXIT_RULES)[number];

/** The exit period per rule, in months, counted from the day the matter ended. */
export type ExitPeriods = Readonly<Record<ExitRule, number>>;

/**
 * @default both 3 months:
 * - SETTLED_ARREARS (欠税公告, counted from settledOn): enterprises' arrears are announced each quarter
 *   (《欠税公告办法（试行）》: 企业或单位欠税的，每季公告一次), so a settled arrear is gone from the next
 *   announcement; three months shows it as settled through one announcement cycle, no longer.
 * - CONCLUDED_ENFORCEMENT (执行完毕, counted from concludedOn): on performance the court removes the
 *   debtor's listing within 3 working days (最高人民法院《关于公布失信被执行人名单信息的若干规定》第十条)
 *   and lifts its restrictions; the case itself is kept public for the shortest period the national
 *   rule gives a corrected 失信 record (three months, its minimum for a penalty). A case closed by
 *   终本 (TERMINATED) has not ended the debt and does not exit.
 */
export const DEFAULT_EXIT_PERIODS: ExitPeriods = Object.freeze({ SETTLED_ARREARS: 3, CONCLUDED_ENFORCEMENT: 3 });

export const EXIT_PERIOD_BOUNDS: PeriodBounds = Object.freeze({
  minMonths: 0,
  maxMonths: 36,
  basis: 'the bounds for keeping an ended matter public (at most the 3 years of the gravest penalty)',
});

/**
 * Reads `EXIT_PERIODS`, e.g. `SETTLED_ARREARS:3m,CONCLUDED_ENFORCEMENT:6m`: rules not named keep their
 * default; each period is whole months (m) or years (y), from 0 months to 3 years.
 */
export function parseExitPeriods(text: string | undefined, variable = 'EXIT_PERIODS'): ExitPeriods {
  return parsePeriods(text, {
    variable,
    nameLabel: 'RULE',
    defaults: DEFAULT_EXIT_PERIODS,
    bounds: () => EXIT_PERIOD_BOUNDS,
    example: 'SETTLED_ARREARS:3m,CONCLUDED_ENFORCEMENT:6m',
  });
}

/** The last public day of a record whose matter ended on `endedOn`, under `rule`. */
export function exitEndsOn(endedOn: string, rule: ExitRule, periods: ExitPeriods): string {
  return windowEndsOn(endedOn, periods[rule]);
}
