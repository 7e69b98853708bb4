import { between } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { acrossEntities } from '../access/across-entities.ts';
import { addDays } from '../calendar/dates.ts';
import type { DisclosedRecordType } from './visibility.ts';
import { badUserInput } from '../runtime/errors.ts';
import { recordId } from './record-id.ts';
import { isCalendarDate } from '../identifiers/scalars.ts';
import { workingDaysBetween, type WorkingCalendar } from '../calendar/working-days.ts';

/**
 * 双公示: licence and penalty decisions are published within 7 working days of the decision (seeds 000
 * "在7个工作日内…公开", 003). Government asks, per department and period, what share was on time.
 */
export const PUBLICATION_DEADLINE_WORKING_DAYS = 7;

/** The longest period one question may cover: a year (a leap year's), so one answer stays one scan. */
export const MAX_COMPLIANCE_PERIOD_DAYS = 366;

/** One licence or penalty decision, as the compliance figures need it. */
export interface Decision {
  recordId: string;
  uscc: string;
  kind: 'LICENCE' | 'PENALTY';
  authority: string;
  decidedOn: string;
  publishedOn: string | null;
}

export type PublicationStatus = 'ON_TIME' | 'LATE' | 'PENDING';

/**
 * Was a decision published in time? Working days are counted from the day after the decision; a
 * decision still unpublished is late once more than the deadline's working days have passed, and
 * pending until then.
 */
export function assessPublication(
  calendar: WorkingCalendar,
  { decidedOn, publishedOn }: Pick<Decision, 'decidedOn' | 'publishedOn'>,
  today: string,
  deadline = PUBLICATION_DEADLINE_WORKING_DAYS,
): { status: PublicationStatus; workingDaysTaken: number } {
  const published = publishedOn !== null && publishedOn <= today;
  const workingDaysTaken = workingDaysBetween(calendar, decidedOn, published ? publishedOn : today);
  if (published) return { status: workingDaysTaken <= deadline ? 'ON_TIME' : 'LATE', workingDaysTaken };
  return { status: workingDaysTaken > deadline ? 'LATE' : 'PENDING', workingDaysTaken };
}

export interface LateDisclosure extends Decision {
  workingDaysTaken: number;
}

export interface ComplianceCounts {
  decisions: number;
  publishedInTime: number;
  publishedLate: number;
  pending: number;
  /** publishedInTime / (publishedInTime + publishedLate); null when nothing was due. */
  share: number | null;
  late: LateDisclosure[];
}

export interface DepartmentCompliance extends ComplianceCounts {
  department: string;
  byAuthority: (ComplianceCounts & { authority: string })[];
}

function count(decisions: readonly Decision[], calendar: WorkingCalendar, today: string): ComplianceCounts {
  const counts: ComplianceCounts = { decisions: decisions.length, publishedInTime: 0, publishedLate: 0, pending: 0, share: null, late: [] };
  for (const decision of decisions) {
    const { status, workingDaysTaken } = assessPublication(calendar, decision, today);
    if (status === 'ON_TIME') counts.publishedInTime += 1;
    else if (status === 'PENDING') counts.pending += 1;
    else {
      counts.publishedLate += 1;
      counts.late.push({ ...decision, workingDaysTaken });
    }
  }
  const due = counts.publishedInTime + counts.publishedLate;
  counts.share = due === 0 ? null : counts.publishedInTime / due;
  counts.late.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.recordId.localeCompare(b.recordId));
  return counts;
}

/** The figures for a department and, within it, for each deciding authority. Pure: the tests call it directly. */
export function summariseCompliance(department: string, decisions: readonly Decision[], calendar: WorkingCalendar, today: string): DepartmentCompliance {
  const byAuthority = new Map<string, Decision[]>();
  for (const decision of decisions) {
    const list = byAuthority.get(decision.authority);
    if (list) list.push(decision);
    else byAuthority.set(decision.authority, [decision]);
  }
  return acrossEntities({
    department,
    ...count(decisions, calendar, today),
    byAuthority: [...byAuthority.keys()].sort().map((authority) => acrossEntities({ authority, ...count(byAuthority.get(authority)!, calendar, today) })),
  });
}

/** Checks a period asked about: real dates, in order, at most a year. */
export function checkedPeriod(from: string, to: string): { from: string; to: string } {
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw badUserInput(`from and to must be dates written YYYY-MM-DD, got ${JSON.stringify(from)} and ${JSON.stringify(to)}`);
  if (from > to) throw badUserInput(`from (${from}) must not be after to (${to})`);
  if (addDays(from, MAX_COMPLIANCE_PERIOD_DAYS - 1) < to) {
    throw badUserInput(`a compliance period may span at most ${MAX_COMPLIANCE_PERIOD_DAYS} days; ask for ${from} to ${addDays(from, MAX_COMPLIANCE_PERIOD_DAYS - 1)} and then the rest`);
  }
  return { from, to };
}

/** The department's 双公示 decisions made from `from` to `to` (inclusive): one statement per record type. */
export async function findDecisions(db: MySql2Database<any>, domain: string, specs: readonly DisclosedRecordType[], from: string, to: string): Promise<Decision[]> {
  const lists = await Promise.all(
    specs
      .filter((spec) => spec.doublePublicity)
      .map(async (spec) => {
        const dp = spec.doublePublicity!;
        const rows = (await db
          .select({ id: spec.table.id, uscc: spec.table.uscc, authority: dp.authority, decidedOn: dp.decidedOn, publishedOn: dp.publishedOn })
          .from(spec.table)
          .where(between(dp.decidedOn, from, to))) as { id: number; uscc: string; authority: string; decidedOn: string; publishedOn: string | null }[];
        return rows.map((row) => ({
          recordId: recordId(domain, spec.kind, Number(row.id)),
          uscc: row.uscc,
          kind: dp.kind,
          authority: row.authority,
          decidedOn: row.decidedOn,
          publishedOn: row.publishedOn,
        }));
      }),
  );
  return lists.flat();
}

interface ComplianceContext {
  db: MySql2Database<any>;
  lifecycle: { calendar: WorkingCalendar };
  disclosure: { today: string };
}

/**
 * A department's part of the platform's `disclosureCompliance(from, to)` period: the field named
 * after the department on the `DisclosureCompliance` entity, which its schema.graphql declares.
 */
export function complianceResolvers(subgraph: string, specs: readonly DisclosedRecordType[]) {
  if (!specs.some((s) => s.doublePublicity)) return {};
  return {
    DisclosureCompliance: {
      __resolveReference: ({ from, to }: { from: string; to: string }) => acrossEntities({ from, to }),
      [subgraph]: async ({ from, to }: { from: string; to: string }, _args: unknown, { db, lifecycle, disclosure }: ComplianceContext) => {
        const period = checkedPeriod(from, to);
        const decisions = await findDecisions(db, subgraph, specs, period.from, period.to);
        return summariseCompliance(subgraph.toUpperCase(), decisions, lifecycle.calendar, disclosure.today);
      },
    },
  };
}
