import { ConfigurationError } from '../runtime/config.ts';
import { addMonths } from '../calendar/dates.ts';
import { PENALTY_SEVERITIES, type PenaltySeverity } from './penalty-columns.ts';

/**
 * How long an administrative penalty stays public, by severity. National rule (国家发展改革委《失信行为
 * 纠正后的信用信息修复管理办法（试行）》, 2023): a penalty is published for at least three months and at
 * most three years, counted from the day of the decision; within that, the department sets the period
 * by severity. Disclosure past its period (超期披露) is a bug of the worst class, so a configured
 * period outside those bounds is refused at start. The publicity period per severity, in months.
 */
export type PublicityPeriods = Readonly<Record<PenaltySeverity, number>>;

/** @default minor 3 months, general 1 year, serious 3 years */
export const DEFAULT_PUBLICITY_PERIODS: PublicityPeriods = Object.freeze({ MINOR: 3, GENERAL: 12, SERIOUS: 36 });

export const MIN_PUBLICITY_MONTHS = 3;
export const MAX_PUBLICITY_MONTHS = 36;

const ENTRY = /^(MINOR|GENERAL|SERIOUS):(\d{1,3})(m|y)$/;

/**
 * Reads `PUBLICITY_PERIODS`, e.g. `MINOR:3m,GENERAL:1y,SERIOUS:3y`. Severities not named keep their
 * default; each period is whole months (m) or years (y), from 3 months to 3 years.
 */
export function parsePublicityPeriods(text: string | undefined, variable = 'PUBLICITY_PERIODS'): PublicityPeriods {
  if (text === undefined || text.trim() === '') return DEFAULT_PUBLICITY_PERIODS;
  const periods: Record<PenaltySeverity, number> = { ...DEFAULT_PUBLICITY_PERIODS };
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const match = ENTRY.exec(entry);
    if (!match) {
      throw new ConfigurationError(
        `${variable} must list SEVERITY:PERIOD pairs such as MINOR:3m,GENERAL:1y,SERIOUS:3y (severity MINOR, GENERAL or SERIOUS; period in months m or years y), but got ${JSON.stringify(entry)} in ${JSON.stringify(text)}`,
      );
    }
    const [, severity, amount, unit] = match;
    if (seen.has(severity)) throw new ConfigurationError(`${variable} names ${severity} twice: ${JSON.stringify(text)}`);
    seen.add(severity);
    const months = Number(amount) * (unit === 'y' ? 12 : 1);
    if (months < MIN_PUBLICITY_MONTHS || months > MAX_PUBLICITY_MONTHS) {
      throw new ConfigurationError(
        `${variable}: ${severity}:${amount}${unit} is outside the national bounds for publishing a penalty, 3 months to 3 years (3m to 3y)`,
      );
    }
    periods[severity as PenaltySeverity] = months;
  }
  return Object.freeze(periods);
}

/**
 * The last day a penalty decided on `decidedOn` is public: the day of the period's end month that
 * corresponds to the decision day (民法典第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日),
 * or that month's last day when it has no such day.
 */
export function publicityEndsOn(decidedOn: string, severity: PenaltySeverity, periods: PublicityPeriods): string {
  return addMonths(decidedOn, periods[severity]);
}

export function isPenaltySeverity(value: unknown): value is PenaltySeverity {
  return typeof value === 'string' && (PENALTY_SEVERITIES as readonly string[]).includes(value);
}
