import { inArray } from 'drizzle-orm';
import type { AnyMySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import { chinaToday } from '../../../subgraphs/kit/calendar/china-day.ts';
import { addMonths } from '../../../subgraphs/kit/calendar/dates.ts';
import { openDatabase } from '../../../subgraphs/kit/db/database.ts';
import { subgraphNamed } from '../../../subgraphs/registry.ts';
import { dishonestDebtors, consumptionRestrictions, enforcementCases, judgments } from '../../../subgraphs/courts/db/tables.ts';
import { blacklistEntries, creditEvaluations, dischargePermits, environmentalPenalties, exceedances } from '../../../subgraphs/environment/db/tables.ts';
import { annualReports, entities, inspections, licences, listings, penalties } from '../../../subgraphs/market/db/tables.ts';
import { creditRepairApplications, objections } from '../../../subgraphs/platform/db/tables.ts';
import { taxArrears, taxCommitments, taxFilingYears, taxRatings, taxViolationCases, taxViolationPersons } from '../../../subgraphs/tax/db/tables.ts';

/**
 * What may leave the platform, computed from the departments' own rows and the published rules
 * (README: "Who sees a record", "What leaves the platform"), never by asking the gateway and never
 * through the kit's disclosure modules: the crawl checks the kit against this, so a rule the kit
 * stops applying shows up as a difference. The rules are restated here on purpose.
 */

type Row = Record<string, unknown> & { id: number; uscc: string };

/** Why a record is out of the view of anyone but government (README's table), or IN_FORCE. */
export type OracleState = 'IN_FORCE' | 'CHANGED_DURING_CRAWL' | 'WITHDRAWN' | 'REVOKED' | 'REPAIRED' | 'UNPUBLISHED' | 'SUPERSEDED' | 'REMOVED' | 'EXPIRED' | 'LEAVES_WITH_NAMED_RECORD';

/** Publicity periods of penalties by severity, in months (README: minor 3 months, general 1 year, serious 3 years). */
export const PUBLISHED_PUBLICITY_MONTHS: Record<string, number> = { MINOR: 3, GENERAL: 12, SERIOUS: 36 };

/** Exit periods, in months from the day the matter ended (README, exit rules: 3 months each by default). */
export const PUBLISHED_EXIT_MONTHS = { SETTLED_ARREARS: 3, CONCLUDED_ENFORCEMENT: 3 };

/** Case-file texts shorter than this (a reason such as 有误) could be part of any other text: not searched. */
const MIN_CASE_FILE_TEXT = 6;

/** One record type as the published rules treat it. */
interface RecordRule {
  department: string;
  /** The kind in its record ids, `<department>.<kind>.<row id>`. */
  kind: string;
  table: MySqlTable & { uscc: AnyMySqlColumn };
  /** Values that name this record besides its id (decision, case, licence, permit numbers). */
  names?: (row: Row) => unknown[];
  /** Public from this day; none means not public. */
  publishedOn?: (row: Row) => unknown;
  /** A list entry or an order: history from this day on. */
  endsOn?: (row: Row) => unknown;
  /** A penalty: public until the end of its period. */
  penalty?: boolean;
  /** A matter that ends (arrears settled, a case performed): public until its exit period from that day ends. */
  exit?: { endedOn: (row: Row) => unknown; months: number };
  /** Yearly grades: only the newest published one stands. */
  succession?: (row: Row) => number;
  /** Exists for another record of the entity (a repair commitment, a debtor entry in an enforcement case): leaves view with it. */
  carries?: { kind: string; name: (row: Row) => unknown; of: (named: Row) => unknown };
}

const RULES: readonly RecordRule[] = [
  { department: 'market', kind: 'licence', table: licences, names: (r) => [r.licenceNumber], publishedOn: (r) => r.publishedOn },
  { department: 'market', kind: 'penalty', table: penalties, names: (r) => [r.decisionNumber], publishedOn: (r) => r.publishedOn, penalty: true },
  { department: 'market', kind: 'listing', table: listings, publishedOn: (r) => r.listedOn, endsOn: (r) => r.removedOn },
  { department: 'market', kind: 'annual-report', table: annualReports, publishedOn: (r) => r.publishedOn },
  { department: 'market', kind: 'inspection', table: inspections, publishedOn: (r) => r.publishedOn },
  { department: 'tax', kind: 'rating', table: taxRatings },
  { department: 'tax', kind: 'arrears', table: taxArrears, publishedOn: (r) => r.announcedOn, exit: { endedOn: (r) => r.settledOn, months: PUBLISHED_EXIT_MONTHS.SETTLED_ARREARS } },
  { department: 'tax', kind: 'violation-case', table: taxViolationCases, names: (r) => [r.caseNumber], publishedOn: (r) => r.listedOn, endsOn: (r) => r.removedOn },
  { department: 'tax', kind: 'filing-year', table: taxFilingYears },
  {
    department: 'tax',
    kind: 'commitment',
    table: taxCommitments,
    carries: { kind: 'tax.violation-case', name: (r) => r.repairedCaseNumber, of: (c) => c.caseNumber },
  },
  {
    department: 'courts',
    kind: 'dishonest-debtor',
    table: dishonestDebtors,
    publishedOn: (r) => r.publishedOn,
    endsOn: (r) => r.removedOn,
    carries: { kind: 'courts.enforcement-case', name: (r) => r.caseNumber, of: (c) => c.caseNumber },
  },
  {
    department: 'courts',
    kind: 'consumption-restriction',
    table: consumptionRestrictions,
    publishedOn: (r) => r.issuedOn,
    endsOn: (r) => r.liftedOn,
    carries: { kind: 'courts.enforcement-case', name: (r) => r.caseNumber, of: (c) => c.caseNumber },
  },
  {
    department: 'courts',
    kind: 'enforcement-case',
    table: enforcementCases,
    names: (r) => [r.caseNumber],
    // Only a case performed ends the matter; one closed by 终本 (TERMINATED) stays.
    exit: { endedOn: (r) => (r.status === 'CONCLUDED' ? r.concludedOn : null), months: PUBLISHED_EXIT_MONTHS.CONCLUDED_ENFORCEMENT },
  },
  { department: 'courts', kind: 'judgment', table: judgments, names: (r) => [r.caseNumber], publishedOn: (r) => r.publishedOn },
  { department: 'environment', kind: 'credit-evaluation', table: creditEvaluations, publishedOn: (r) => r.publishedOn, succession: (r) => Number(r.year) },
  { department: 'environment', kind: 'penalty', table: environmentalPenalties, names: (r) => [r.decisionNumber], publishedOn: (r) => r.publishedOn, penalty: true },
  { department: 'environment', kind: 'discharge-permit', table: dischargePermits, names: (r) => [r.permitNumber], publishedOn: (r) => r.publishedOn },
  { department: 'environment', kind: 'exceedance', table: exceedances },
  { department: 'environment', kind: 'blacklist-entry', table: blacklistEntries, publishedOn: (r) => r.listedOn, endsOn: (r) => r.removedOn },
];

export interface OracleRecord {
  id: string;
  uscc: string;
  state: OracleState;
  names: string[];
}

/** An individual business's operator, as registered (what the public must not read whole). */
export interface Operator {
  name: string | null;
  capital: string | null;
  residence: string | null;
  premises: string | null;
}

export interface EntityTruth {
  uscc: string;
  records: OracleRecord[];
  /** Every record's names (document numbers): a department's numbering, not a person's identifier. */
  documentNumbers: Set<string>;
  /** Names (numbers) of records out of view that no record in view shares. */
  hiddenNames: Set<string>;
  /**
   * The case files of its objections and credit-repair applications (reasons, decisions' reasons):
   * the filer's, the entity's and government's (README: objections), never the public's or a bank's
   * that did not file. Texts too short to tell from other words are left out.
   */
  caseFiles: Set<string>;
  /** Years whose A grade has been determined (published) and not withdrawn. */
  aGradeYears: Set<number>;
  operator: Operator | null;
}

export interface Truth {
  today: string;
  entities: Map<string, EntityTruth>;
  /** Every record id out of view, across the entities: ids are unique in the federation. */
  hiddenIds: Map<string, OracleRecord>;
  /** Every natural person's ID number the departments hold for these entities. */
  personIdNumbers: Set<string>;
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** A record's state by the published rules, before records that follow another are judged. */
function stateOf(rule: RecordRule, row: Row, status: Row | undefined, today: string): OracleState {
  if (text(row.withdrawnOn)) return 'WITHDRAWN';
  if (status && text(status.revokedOn)) return 'REVOKED';
  if (status && text(status.repairedOn)) return 'REPAIRED';
  if (rule.publishedOn) {
    const day = text(rule.publishedOn(row));
    if (day === null || day > today) return 'UNPUBLISHED';
  }
  const ended = rule.endsOn ? text(rule.endsOn(row)) : null;
  if (ended !== null && ended <= today) return 'REMOVED';
  if (rule.penalty) {
    const last = addMonths(String(row.decidedOn), PUBLISHED_PUBLICITY_MONTHS[String(row.severity)]);
    if (today > last) return 'EXPIRED';
  }
  const matterEnded = rule.exit ? text(rule.exit.endedOn(row)) : null;
  if (matterEnded !== null && today > addMonths(matterEnded, rule.exit!.months)) return 'EXPIRED';
  return 'IN_FORCE';
}

/** Reads the rows of these entities from every department's database and judges each record. */
export async function computeTruth(databaseUrls: Record<string, string>, usccs: readonly string[], today = chinaToday()): Promise<Truth> {
  const codes = [...usccs];
  const departments = [...new Set(RULES.map((r) => r.department))];
  const rowsByKind = new Map<string, Row[]>();
  const statuses = new Map<string, Row>();
  const personIdNumbers = new Set<string>();
  const operators = new Map<string, Operator>();
  const caseFiles: Row[] = [];

  const readCaseFiles = async () => {
    const database = openDatabase(subgraphNamed('platform').tables, { url: databaseUrls.platform, poolSize: 1 });
    try {
      const db = database.db as any;
      for (const table of [objections, creditRepairApplications]) caseFiles.push(...((await db.select().from(table).where(inArray(table.uscc, codes))) as Row[]));
    } finally {
      await database.close();
    }
  };
  await Promise.all([
    readCaseFiles(),
    ...departments.map(async (department) => {
      const database = openDatabase(subgraphNamed(department).tables, { url: databaseUrls[department], poolSize: 2 });
      try {
        const db = database.db as any;
        for (const rule of RULES.filter((r) => r.department === department)) {
          const rows = (await db.select().from(rule.table).where(inArray(rule.table.uscc, codes))) as Row[];
          rowsByKind.set(`${department}.${rule.kind}`, rows.map((r) => ({ ...r, id: Number(r.id) })));
        }
        const { recordStatus } = subgraphNamed(department).tables as any;
        for (const status of (await db.select().from(recordStatus).where(inArray(recordStatus.uscc, codes))) as Row[]) statuses.set(String(status.recordId), status);
        if (department === 'market') {
          for (const e of (await db.select().from(entities).where(inArray(entities.uscc, codes))) as Row[]) {
            if (text(e.legalRepresentativeIdNumber)) personIdNumbers.add(String(e.legalRepresentativeIdNumber));
            if (e.entityType === 'INDIVIDUAL_BUSINESS') {
              operators.set(e.uscc, { name: text(e.legalRepresentative), capital: text(e.registeredCapital), residence: text(e.address), premises: text(e.businessPremises) });
            }
          }
        }
        if (department === 'tax') {
          for (const p of (await db.select().from(taxViolationPersons).where(inArray(taxViolationPersons.uscc, codes))) as Row[]) {
            if (text(p.idNumber)) personIdNumbers.add(String(p.idNumber));
          }
        }
      } finally {
        await database.close();
      }
    }),
  ]);

  // First pass: each record by its own rules.
  const judged = new Map<string, { rule: RecordRule; row: Row; record: OracleRecord }[]>();
  for (const rule of RULES) {
    const key = `${rule.department}.${rule.kind}`;
    const list = (rowsByKind.get(key) ?? []).map((row) => {
      const id = `${key}.${row.id}`;
      const names = (rule.names?.(row) ?? []).map(text).filter((n): n is string => !!n);
      return { rule, row, record: { id, uscc: row.uscc, state: stateOf(rule, row, statuses.get(id), today), names } };
    });
    // Succession: among an entity's published grades still standing on their own, the newest stands.
    if (rule.succession) {
      const standing = list.filter((r) => r.record.state === 'IN_FORCE');
      for (const r of standing) {
        if (standing.some((o) => o.row.uscc === r.row.uscc && rule.succession!(o.row) > rule.succession!(r.row))) r.record.state = 'SUPERSEDED';
      }
    }
    judged.set(key, list);
  }
  // Second pass: a record that exists for another leaves with it (or when the one it names is not held).
  for (const rule of RULES.filter((r) => r.carries)) {
    const { kind, name, of } = rule.carries!;
    for (const holder of judged.get(`${rule.department}.${rule.kind}`)!) {
      const named = text(name(holder.row));
      if (named === null || holder.record.state !== 'IN_FORCE') continue;
      const inView = judged.get(kind)!.some((c) => c.row.uscc === holder.row.uscc && text(of(c.row)) === named && c.record.state === 'IN_FORCE');
      if (!inView) holder.record.state = 'LEAVES_WITH_NAMED_RECORD';
    }
  }

  const truth: Truth = { today, entities: new Map(), hiddenIds: new Map(), personIdNumbers };
  for (const uscc of codes) truth.entities.set(uscc, { uscc, records: [], documentNumbers: new Set(), hiddenNames: new Set(), caseFiles: new Set(), aGradeYears: new Set(), operator: operators.get(uscc) ?? null });
  for (const list of judged.values()) {
    for (const { record } of list) {
      truth.entities.get(record.uscc)?.records.push(record);
      if (record.state !== 'IN_FORCE') truth.hiddenIds.set(record.id, record);
    }
  }
  for (const entity of truth.entities.values()) {
    for (const r of entity.records) for (const n of r.names) entity.documentNumbers.add(n);
    const shown = new Set(entity.records.filter((r) => r.state === 'IN_FORCE').flatMap((r) => r.names));
    for (const r of entity.records) if (r.state !== 'IN_FORCE') for (const n of r.names) if (!shown.has(n)) entity.hiddenNames.add(n);
  }
  for (const file of caseFiles) {
    for (const words of [file.reason, file.decisionReason]) {
      const said = text(words);
      if (said && [...said].length >= MIN_CASE_FILE_TEXT) truth.entities.get(file.uscc)?.caseFiles.add(said);
    }
  }
  // The A-grade list is published when the year's results are determined (evaluatedOn).
  for (const rating of rowsByKind.get('tax.rating') ?? []) {
    if (rating.grade === 'A' && !text(rating.withdrawnOn) && String(rating.evaluatedOn) <= today) truth.entities.get(rating.uscc)?.aGradeYears.add(Number(rating.year));
  }
  return truth;
}

/**
 * Records out of view in both readings, one taken before the crawl and one after, and in force in
 * both: other suites change records meanwhile, and a record that changed is judged neither way.
 */
export function stableTruth(before: Truth, after: Truth): Truth {
  const hiddenIds = new Map([...before.hiddenIds].filter(([id]) => after.hiddenIds.has(id)));
  const entities = new Map(
    [...before.entities].map(([uscc, e]) => {
      const later = after.entities.get(uscc)!;
      const laterState = new Map(later.records.map((r) => [r.id, r.state]));
      const records = e.records.map((r) => {
        const stable = (r.state === 'IN_FORCE') === (laterState.get(r.id) === 'IN_FORCE');
        return stable ? r : { ...r, state: 'CHANGED_DURING_CRAWL' as const };
      });
      const hiddenNames = new Set([...e.hiddenNames].filter((n) => later.hiddenNames.has(n)));
      const aGradeYears = new Set([...e.aGradeYears, ...later.aGradeYears]);
      // A case filed while the crawl ran must not leak either.
      const caseFiles = new Set([...e.caseFiles, ...later.caseFiles]);
      return [uscc, { ...e, records, hiddenNames, aGradeYears, caseFiles }];
    }),
  );
  return { today: before.today, entities, hiddenIds, personIdNumbers: new Set([...before.personIdNumbers, ...after.personIdNumbers]) };
}
