// What a credit report reads from each department, and how each record reads in the report. The
// platform asks each department with the caller's own identity (kit/forwarded-query), so the records
// are those the department releases to that caller: a report never holds more than its recipient could
// read. The field names are the departments' published API, as the platform's @requires are.

export const REPORT_CATEGORIES = ['LICENCE', 'PENALTY', 'LIST_ENTRY', 'TAX_ARREARS', 'ENFORCEMENT', 'JUDGMENT', 'RATING'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** The categories a 专项信用报告 states per domain: violations, black-list entries, enforcement, judgments. */
export const SPECIAL_CATEGORIES: ReadonlySet<ReportCategory> = new Set(['PENALTY', 'LIST_ENTRY', 'TAX_ARREARS', 'ENFORCEMENT', 'JUDGMENT']);

/** One record as a report prints it. Amounts are decimal strings, as the departments give them. */
export interface ReportRecord {
  category: ReportCategory;
  /** The source record's id, e.g. market.penalty.42. */
  recordId: string;
  /** Its decision, case or licence number. */
  reference: string | null;
  /** What it is, in the department's words. */
  description: string;
  authority: string | null;
  /** The day it took effect: decided, listed, filed, announced. */
  date: string | null;
  /** For records that last (list entries, enforcement, arrears): the day they ended; null while they last. */
  endedOn: string | null;
  /** Still in force for the caller's view: a current list entry, an unexpired penalty, an open case. */
  inForce: boolean;
  disputed: boolean;
  amount: string | null;
}

type Row = Record<string, any>;

/** A department's part of the report: the selection on Entity, and its records from the answer. */
export interface ReportSource {
  /** Selection inside `... on Entity { }`; always under the department's own field. */
  selection: string;
  records(entity: Row): ReportRecord[];
}

const record = (category: ReportCategory, r: Partial<ReportRecord> & { recordId: string; description: string }): ReportRecord => ({
  category,
  reference: null,
  authority: null,
  date: null,
  endedOn: null,
  inForce: true,
  disputed: false,
  amount: null,
  ...r,
});

const list = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

const LISTING = 'id reason authority listedOn removedOn current disputed';
const listEntry = (name: string) => (e: Row) =>
  record('LIST_ENTRY', { recordId: e.id, description: `${name}：${e.reason}`, authority: e.authority, date: e.listedOn, endedOn: e.removedOn, inForce: e.current, disputed: e.disputed });

const PENALTY = 'id decisionNumber violationType facts authority decidedOn fineAmount expired disputed';
const penalty = (p: Row) =>
  record('PENALTY', {
    recordId: p.id,
    reference: p.decisionNumber,
    description: `${p.violationType}：${p.facts}`,
    authority: p.authority,
    date: p.decidedOn,
    inForce: !p.expired,
    disputed: p.disputed,
    amount: p.fineAmount ?? null,
  });

export const REPORT_SOURCES: Readonly<Record<string, ReportSource>> = {
  market: {
    selection: `market { licences { id licenceNumber title authority decidedOn validTo disputed } penalties { ${PENALTY} } abnormalOperations { ${LISTING} } seriousViolations { ${LISTING} } }`,
    records: ({ market }) => [
      ...list(market?.licences).map((l) =>
        record('LICENCE', { recordId: l.id, reference: l.licenceNumber, description: l.title, authority: l.authority, date: l.decidedOn, endedOn: l.validTo, disputed: l.disputed }),
      ),
      ...list(market?.penalties).map(penalty),
      ...list(market?.seriousViolations).map(listEntry('严重违法失信名单')),
      ...list(market?.abnormalOperations).map(listEntry('经营异常名录')),
    ],
  },
  tax: {
    selection:
      'tax { ratings { id year grade authority evaluatedOn } arrears { id taxType currentArrears period announcedOn settledOn outstanding authority disputed } violationCases { id caseNumber facts authority listedOn removedOn current disputed } }',
    records: ({ tax }) => [
      ...list(tax?.ratings).map((r) =>
        record('RATING', { recordId: r.id, description: `${r.year}年度纳税信用级别：${r.grade}`, authority: r.authority, date: r.evaluatedOn }),
      ),
      ...list(tax?.violationCases).map((c) =>
        record('LIST_ENTRY', {
          recordId: c.id,
          reference: c.caseNumber,
          description: `重大税收违法失信主体名单：${c.facts}`,
          authority: c.authority,
          date: c.listedOn,
          endedOn: c.removedOn,
          inForce: c.current,
          disputed: c.disputed,
        }),
      ),
      ...list(tax?.arrears).map((a) =>
        record('TAX_ARREARS', {
          recordId: a.id,
          description: `欠税公告：${a.taxType}（${a.period}）`,
          authority: a.authority,
          date: a.announcedOn,
          endedOn: a.settledOn,
          inForce: a.outstanding,
          disputed: a.disputed,
          amount: a.currentArrears,
        }),
      ),
    ],
  },
  courts: {
    selection:
      'courts { dishonestDebtorEntries { id caseNumber court conduct publishedOn removedOn current disputed } consumptionRestrictions { id caseNumber court issuedOn liftedOn current disputed } enforcementCases { id caseNumber court filedOn status concludedOn } judgments { id caseNumber causeOfAction role court decidedOn resultSummary } }',
    records: ({ courts }) => [
      ...list(courts?.dishonestDebtorEntries).map((e) =>
        record('LIST_ENTRY', {
          recordId: e.id,
          reference: e.caseNumber,
          description: `失信被执行人名单：${e.conduct}`,
          authority: e.court,
          date: e.publishedOn,
          endedOn: e.removedOn,
          inForce: e.current,
          disputed: e.disputed,
        }),
      ),
      ...list(courts?.consumptionRestrictions).map((o) =>
        record('LIST_ENTRY', {
          recordId: o.id,
          reference: o.caseNumber,
          description: '限制消费令',
          authority: o.court,
          date: o.issuedOn,
          endedOn: o.liftedOn,
          inForce: o.current,
          disputed: o.disputed,
        }),
      ),
      ...list(courts?.enforcementCases).map((c) =>
        record('ENFORCEMENT', {
          recordId: c.id,
          reference: c.caseNumber,
          description: `执行案件（${c.status}）`,
          authority: c.court,
          date: c.filedOn,
          endedOn: c.concludedOn,
          inForce: c.status === 'IN_PROGRESS',
        }),
      ),
      ...list(courts?.judgments).map((j) =>
        record('JUDGMENT', {
          recordId: j.id,
          reference: j.caseNumber,
          description: `${j.causeOfAction}（${j.role}）：${j.resultSummary}`,
          authority: j.court,
          date: j.decidedOn,
          inForce: false,
        }),
      ),
    ],
  },
  environment: {
    selection: `environment { creditEvaluations { id year gradeLabel grade evaluatedBy publishedOn } dischargePermits { id permitNumber industry authority issuedOn validTo disputed } penalties { ${PENALTY} } blacklistEntries { ${LISTING} } }`,
    records: ({ environment }) => [
      ...list(environment?.creditEvaluations).map((e) =>
        record('RATING', { recordId: e.id, description: `${e.year}年度企业环境信用评价：${e.gradeLabel ?? e.grade}`, authority: e.evaluatedBy, date: e.publishedOn }),
      ),
      ...list(environment?.dischargePermits).map((p) =>
        record('LICENCE', { recordId: p.id, reference: p.permitNumber, description: `排污许可（${p.industry}）`, authority: p.authority, date: p.issuedOn, endedOn: p.validTo, disputed: p.disputed }),
      ),
      ...list(environment?.penalties).map(penalty),
      ...list(environment?.blacklistEntries).map(listEntry('环境违法失信黑名单')),
    ],
  },
};

const SPANNING: ReadonlySet<ReportCategory> = new Set(['LIST_ENTRY', 'TAX_ARREARS', 'ENFORCEMENT']);

/**
 * Whether a record belongs to a period (from and to inclusive): a decision or judgment made in it; a
 * list entry, arrears or enforcement case that stood at any time in it.
 */
export function inPeriod(r: ReportRecord, from: string, to: string): boolean {
  if (r.date === null) return false;
  if (!SPANNING.has(r.category)) return r.date >= from && r.date <= to;
  return r.date <= to && (r.endedOn === null || r.endedOn >= from);
}
