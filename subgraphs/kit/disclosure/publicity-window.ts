import { ConfigurationError } from '../runtime/config.ts';
import { addMonths } from '../calendar/dates.ts';
import { PENALTY_SEVERITIES, type PenaltySeverity } from './penalty-columns.ts';

/**
 * Publicity windows: a record is public from a day (a penalty's decision, an arrear's settlement, a
 * case's conclusion) for a period of whole months, then leaves public view. One arithmetic and one
 * way of configuring the periods serve every such rule; the rules themselves are data (the penalty
 * severities here, the exit rules in exit-periods.ts). Disclosure past its period (超期披露) is a bug
 * of the worst class, so a configured period outside its rule's bounds is refused at start.
 */

/** The bounds one named period must lie in, and why: the error message quotes them. */
export interface PeriodBounds {
  minMonths: number;
  maxMonths: number;
  /** Where the bounds come from, e.g. "the national bounds for publishing a penalty". */
  basis: string;
}

/** How a variable listing NAME:PERIOD pairs reads: its names, their defaults and their bounds. */
export interface PeriodsSpec<Name extends string> {
  /** The environment variable, named in every error. */
  variable: string;
  /** What the names are, in the error message: SEVERITY, RULE. */
  nameLabel: string;
  defaults: Readonly<Record<Name, number>>;
  bounds(name: Name): PeriodBounds;
  /** An example of a valid value, in the error message. */
  example: string;
}

const ENTRY = /^([A-Z_]+):(\d{1,3})(m|y)$/;

/** "3 months", "1 year", "0 months": a bound as a person reads it. */
export function describeMonths(months: number): string {
  if (months > 0 && months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}

/** The same bound as written in the variable (3m, 1y). */
function writtenMonths(months: number): string {
  return months > 0 && months % 12 === 0 ? `${months / 12}y` : `${months}m`;
}

/**
 * Reads a list of NAME:PERIOD pairs (e.g. `MINOR:3m,SERIOUS:3y`): whole months (m) or years (y), each
 * inside its name's bounds; names not given keep their default. Empty or unset: the defaults.
 */
export function parsePeriods<Name extends string>(text: string | undefined, spec: PeriodsSpec<Name>): Readonly<Record<Name, number>> {
  if (text === undefined || text.trim() === '') return spec.defaults;
  const names = Object.keys(spec.defaults) as Name[];
  const periods = { ...spec.defaults } as Record<Name, number>;
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const match = ENTRY.exec(entry);
    if (!match || !(names as string[]).includes(match[1])) {
      throw new ConfigurationError(
        `${spec.variable} must list ${spec.nameLabel}:PERIOD pairs such as ${spec.example} (${spec.nameLabel.toLowerCase()} ${names.join(', ').replace(/, ([^,]*)$/, ' or $1')}; period in months m or years y), but got ${JSON.stringify(entry)} in ${JSON.stringify(text)}`,
      );
    }
    const [, name, amount, unit] = match as unknown as [string, Name, string, string];
    if (seen.has(name)) throw new ConfigurationError(`${spec.variable} names ${name} twice: ${JSON.stringify(text)}`);
    seen.add(name);
    const months = Number(amount) * (unit === 'y' ? 12 : 1);
    const { minMonths, maxMonths, basis } = spec.bounds(name);
    if (months < minMonths || months > maxMonths) {
      throw new ConfigurationError(
        `${spec.variable}: ${name}:${amount}${unit} is outside ${basis}, ${describeMonths(minMonths)} to ${describeMonths(maxMonths)} (${writtenMonths(minMonths)} to ${writtenMonths(maxMonths)})`,
      );
    }
    periods[name] = months;
  }
  return Object.freeze(periods);
}

/**
 * The last public day of a window opened on `from` for `months`: the day of the end month that
 * corresponds to `from` (民法典第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日), or that
 * month's last day when it has no such day. A window of 0 months ends on `from` itself.
 */
export function windowEndsOn(from: string, months: number): string {
  return addMonths(from, months);
}

/**
 * How long an administrative penalty stays public, by severity. National rule (国家发展改革委《失信行为
 * 纠正后的信用信息修复管理办法（试行）》, 2023): a penalty is published for at least three months and at
 * most three years, counted from the day of the decision; within that, the department sets the period
 * by severity. The publicity period per severity, in months.
 */
export type PublicityPeriods = Readonly<Record<PenaltySeverity, number>>;

/** @default minor 3 months, general 1 year, serious 3 years */
export const DEFAULT_PUBLICITY_PERIODS: PublicityPeriods = Object.freeze({ MINOR: 3, GENERAL: 12, SERIOUS: 36 });

export const MIN_PUBLICITY_MONTHS = 3;
export const MAX_PUBLICITY_MONTHS = 36;

/**
 * Reads `PUBLICITY_PERIODS`, e.g. `MINOR:3m,GENERAL:1y,SERIOUS:3y`. Severities not named keep their
 * default; each period is whole months (m) or years (y), from 3 months to 3 years.
 */
export function parsePublicityPeriods(text: string | undefined, variable = 'PUBLICITY_PERIODS'): PublicityPeriods {
  return parsePeriods(text, {
    variable,
    nameLabel: 'SEVERITY',
    defaults: DEFAULT_PUBLICITY_PERIODS,
    bounds: () => ({ minMonths: MIN_PUBLICITY_MONTHS, maxMonths: MAX_PUBLICITY_MONTHS, basis: 'the national bounds for publishing a penalty' }),
    example: 'MINOR:3m,GENERAL:1y,SERIOUS:3y',
  });
}

/** The last day a penalty decided on `decidedOn` is public (windowEndsOn, by its severity's period). */
export function publicityEndsOn(decidedOn: string, severity: PenaltySeverity, periods: PublicityPeriods): string {
  return windowEndsOn(decidedOn, periods[severity]);
}

export function isPenaltySeverity(value: unknown): value is PenaltySeverity {
  return typeof value === 'string' && (PENALTY_SEVERITIES as readonly string[]).includes(value);
}
