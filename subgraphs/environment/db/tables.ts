import { datetime, decimal, index, mysqlEnum, mysqlTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { recordIdColumn as id, usccColumn as uscc, sourceDepartmentColumn as sourceDepartment, sourceIdColumn as sourceId, dayColumn as day, yuanColumn as yuan } from '../../kit/db/columns.ts';
import { demoLoads } from '../../kit/demo/loads.ts';
import { penaltyColumns } from '../../kit/disclosure/penalty-columns.ts';
import { recordStatus } from '../../kit/disclosure/record-status.ts';
import { collectionBatches, heldRecords, recordRevisions } from '../../kit/collection/tables.ts';
import { doublePublicityColumns, withdrawalColumns } from '../../kit/collection/columns.ts';

export const CREDIT_SCHEMES = ['NATIONAL', 'GREEN_BLUE_YELLOW_RED', 'A_TO_D'] as const;
export const PERMIT_CATEGORIES = ['KEY', 'SIMPLIFIED', 'REGISTRATION'] as const;
export const PERMIT_STATUSES = ['VALID', 'EXPIRED', 'REVOKED', 'CANCELLED'] as const;
export const EXCEEDANCE_SOURCES = ['ONLINE_MONITORING', 'SUPERVISORY_MONITORING', 'SELF_MONITORING'] as const;

const measurement = (name: string) => decimal(name, { precision: 14, scale: 4 });

/**
 * Enterprise environmental credit evaluations (企业环境信用评价), one per entity and period. Provinces
 * grade on different scales, so the grade is kept in its scheme's own terms beside the scheme.
 */
export const creditEvaluations = mysqlTable(
  'credit_evaluations',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    year: smallint('year').notNull(),
    scheme: mysqlEnum('scheme', CREDIT_SCHEMES).notNull(),
    grade: varchar('grade', { length: 16 }).notNull(),
    evaluatedBy: varchar('evaluated_by', { length: 100 }).notNull(),
    publishedOn: day('published_on'),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('credit_evaluations_source').on(t.sourceDepartment, t.sourceId), index('credit_evaluations_uscc').on(t.uscc)],
);

export const environmentalPenalties = mysqlTable(
  'environmental_penalties',
  { ...penaltyColumns(), ...doublePublicityColumns(), ...withdrawalColumns() },
  // decided_on: 双公示 compliance reads a period's decisions.
  (t) => [
    uniqueIndex('environmental_penalties_source').on(t.sourceDepartment, t.sourceId),
    index('environmental_penalties_uscc').on(t.uscc),
    index('environmental_penalties_decided_on').on(t.decidedOn),
  ],
);

/** Pollutant-discharge permits (排污许可证) and, for the smallest emitters, discharge registrations (排污登记). */
export const dischargePermits = mysqlTable(
  'discharge_permits',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    // Not unique: a renewed permit (延续) keeps its number.
    permitNumber: varchar('permit_number', { length: 32 }).notNull(),
    category: mysqlEnum('category', PERMIT_CATEGORIES).notNull(),
    industry: varchar('industry', { length: 100 }).notNull(),
    authority: varchar('authority', { length: 100 }).notNull(),
    issuedOn: day('issued_on').notNull(),
    /** The day it was published (双公示: a licence, within 7 working days of issue). */
    publishedOn: day('published_on'),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    /** As the department reported it; expiry after that is read from validTo. */
    status: mysqlEnum('status', PERMIT_STATUSES).notNull(),
    ...doublePublicityColumns(),
    ...withdrawalColumns(),
  },
  (t) => [
    uniqueIndex('discharge_permits_source').on(t.sourceDepartment, t.sourceId),
    index('discharge_permits_uscc').on(t.uscc),
    index('discharge_permits_issued_on').on(t.issuedOn),
  ],
);

/** Exceedance records (超标排放记录) from online monitoring, supervisory monitoring or the polluter's own. */
export const exceedances = mysqlTable(
  'exceedances',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    monitoringPoint: varchar('monitoring_point', { length: 100 }).notNull(),
    pollutant: varchar('pollutant', { length: 50 }).notNull(),
    measuredValue: measurement('measured_value').notNull(),
    limitValue: measurement('limit_value').notNull(),
    unit: varchar('unit', { length: 20 }).notNull(),
    /** The emission standard the limit comes from (执行标准), e.g. GB 8978-1996. */
    standard: varchar('standard', { length: 100 }).notNull(),
    measuredAt: datetime('measured_at', { mode: 'string' }).notNull(),
    source: mysqlEnum('source', EXCEEDANCE_SOURCES).notNull(),
    penaltyDecisionNumber: varchar('penalty_decision_number', { length: 64 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('exceedances_source').on(t.sourceDepartment, t.sourceId), index('exceedances_uscc').on(t.uscc)],
);

/** The environmental blacklist (环境违法黑名单 / 严重失信名单): listing and, if any, removal. */
export const blacklistEntries = mysqlTable(
  'blacklist_entries',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    reason: varchar('reason', { length: 300 }).notNull(),
    authority: varchar('authority', { length: 100 }).notNull(),
    listedOn: day('listed_on').notNull(),
    removedOn: day('removed_on'),
    removalReason: varchar('removal_reason', { length: 300 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('blacklist_entries_source').on(t.sourceDepartment, t.sourceId), index('blacklist_entries_uscc').on(t.uscc)],
);

// Re-exported because drizzle-kit creates only the tables this module exports.
export { demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };

export const environmentTables = { creditEvaluations, environmentalPenalties, dischargePermits, exceedances, blacklistEntries, demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };
export type EnvironmentTables = typeof environmentTables;
