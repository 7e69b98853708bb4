import { char, index, mysqlEnum, mysqlTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { recordIdColumn as id, usccColumn as uscc, sourceDepartmentColumn as sourceDepartment, sourceIdColumn as sourceId, dayColumn as day, yuanColumn as yuan } from '../../kit/db/columns.ts';
import { demoLoads } from '../../kit/demo/loads.ts';
import { recordStatus } from '../../kit/disclosure/record-status.ts';
import { collectionBatches, heldRecords, recordRevisions } from '../../kit/collection/tables.ts';
import { doublePublicityColumns, withdrawalColumns } from '../../kit/collection/columns.ts';

export const TAX_GRADES = ['A', 'B', 'M', 'C', 'D'] as const;
export const TAX_VIOLATION_KINDS = [
  'EVASION',
  'ARREARS_EVASION',
  'FRAUD',
  'REFUSAL',
  'FALSE_INVOICES',
  'FORGED_INVOICES',
  'ABSCONDED',
  'FACILITATION',
  'OTHER',
] as const;
export const TAX_RESPONSIBLE_ROLES = ['LEGAL_REPRESENTATIVE', 'FINANCE_HEAD', 'INTERMEDIARY_AGENT'] as const;
export const TAX_COMMITMENT_KINDS = ['CERTIFICATION_WAIVER', 'DEFERRED_DOCUMENTS', 'CREDIT_REPAIR', 'VOLUNTARY'] as const;
export const TAX_COMMITMENT_OUTCOMES = ['PENDING', 'KEPT', 'BROKEN'] as const;

const authority = () => varchar('authority', { length: 100 }).notNull();

/** Tax credit ratings (纳税信用评价), one per entity and year. */
export const taxRatings = mysqlTable(
  'tax_ratings',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    year: smallint('year').notNull(),
    grade: mysqlEnum('grade', TAX_GRADES).notNull(),
    score: smallint('score'),
    evaluatedOn: day('evaluated_on').notNull(),
    authority: authority(),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('tax_ratings_source').on(t.sourceDepartment, t.sourceId), uniqueIndex('tax_ratings_uscc_year').on(t.uscc, t.year)],
);

/** Arrears announcements (欠税公告). */
export const taxArrears = mysqlTable(
  'tax_arrears',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    taxType: varchar('tax_type', { length: 50 }).notNull(),
    amountOwed: yuan('amount_owed').notNull(),
    currentArrears: yuan('current_arrears').notNull(),
    period: varchar('period', { length: 20 }).notNull(),
    announcedOn: day('announced_on').notNull(),
    settledOn: day('settled_on'),
    authority: authority(),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('tax_arrears_source').on(t.sourceDepartment, t.sourceId), index('tax_arrears_uscc').on(t.uscc)],
);

/** Major tax-violation cases (重大税收违法失信案件) on the published list, current and removed. */
export const taxViolationCases = mysqlTable(
  'tax_violation_cases',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    caseNumber: varchar('case_number', { length: 64 }).notNull(),
    kind: mysqlEnum('kind', TAX_VIOLATION_KINDS).notNull(),
    facts: text('facts').notNull(),
    basis: varchar('basis', { length: 300 }).notNull(),
    amountInvolved: yuan('amount_involved').notNull(),
    handling: text('handling').notNull(),
    fineAmount: yuan('fine_amount'),
    authority: authority(),
    listedOn: day('listed_on').notNull(),
    removedOn: day('removed_on'),
    removalReason: varchar('removal_reason', { length: 300 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('tax_violation_cases_source').on(t.sourceDepartment, t.sourceId), index('tax_violation_cases_uscc').on(t.uscc)],
);

/**
 * People named in a major tax-violation case. A person belongs to the case the same department submitted
 * under `case_source_id`: the source key, not the row id, so a department can submit both in one batch.
 */
export const taxViolationPersons = mysqlTable(
  'tax_violation_persons',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    caseSourceId: varchar('case_source_id', { length: 64 }).notNull(),
    role: mysqlEnum('role', TAX_RESPONSIBLE_ROLES).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    idNumber: char('id_number', { length: 18 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('tax_violation_persons_source').on(t.sourceDepartment, t.sourceId), index('tax_violation_persons_uscc').on(t.uscc)],
);

/** Filing and payment record per entity and year (纳税申报和缴纳情况). */
export const taxFilingYears = mysqlTable(
  'tax_filing_years',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    year: smallint('year').notNull(),
    filingsMade: smallint('filings_made').notNull(),
    onTimeFilings: smallint('on_time_filings').notNull(),
    taxPaid: yuan('tax_paid').notNull(),
    latePayments: smallint('late_payments').notNull(),
    lateFees: yuan('late_fees').notNull(),
    asOf: day('as_of').notNull(),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('tax_filing_years_source').on(t.sourceDepartment, t.sourceId), uniqueIndex('tax_filing_years_uscc_year').on(t.uscc, t.year)],
);

/** Tax credit commitments (涉税信用承诺) and their outcome. */
export const taxCommitments = mysqlTable(
  'tax_commitments',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    kind: mysqlEnum('kind', TAX_COMMITMENT_KINDS).notNull(),
    content: text('content').notNull(),
    authority: authority(),
    madeOn: day('made_on').notNull(),
    dueOn: day('due_on'),
    outcome: mysqlEnum('outcome', TAX_COMMITMENT_OUTCOMES).notNull(),
    verifiedOn: day('verified_on'),
    /** A credit-repair commitment's case: it follows that case's visibility (kit/disclosure/references.ts). */
    repairedCaseNumber: varchar('repaired_case_number', { length: 64 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('tax_commitments_source').on(t.sourceDepartment, t.sourceId), index('tax_commitments_uscc').on(t.uscc)],
);

// Re-exported so drizzle-kit, which reads this file's exports, puts demo_loads and record_status in the migration.
export { demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };

export const taxTables = { taxRatings, taxArrears, taxViolationCases, taxViolationPersons, taxFilingYears, taxCommitments, demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };
export type TaxTables = typeof taxTables;
