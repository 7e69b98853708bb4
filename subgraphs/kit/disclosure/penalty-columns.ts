import { mysqlEnum, text, varchar } from 'drizzle-orm/mysql-core';
import { dayColumn as day, recordIdColumn as id, sourceDepartmentColumn as sourceDepartment, sourceIdColumn as sourceId, usccColumn as uscc, yuanColumn as yuan } from '../db/columns.ts';

/** How grave an administrative penalty is: it decides how long the penalty stays public (publicity-window.ts). */
export const PENALTY_SEVERITIES = ['MINOR', 'GENERAL', 'SERIOUS'] as const;
export type PenaltySeverity = (typeof PENALTY_SEVERITIES)[number];

/**
 * The columns of an administrative penalty (行政处罚) as every department that decides them keeps it
 * for 双公示: the decision, its basis and amounts, its severity (the publicity window) and the days it
 * was decided and published. A department adds its own columns beside them.
 */
export function penaltyColumns() {
  return {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    decisionNumber: varchar('decision_number', { length: 64 }).notNull(),
    violationType: varchar('violation_type', { length: 100 }).notNull(),
    facts: text('facts').notNull(),
    basis: varchar('basis', { length: 300 }).notNull(),
    /** Comma-separated kinds (警告,罚款,责令改正…): a short closed list, stored plainly so both MySQL and MariaDB read it alike. */
    penaltyTypes: varchar('penalty_types', { length: 200 }).notNull(),
    fineAmount: yuan('fine_amount'),
    severity: mysqlEnum('severity', PENALTY_SEVERITIES).notNull(),
    authority: varchar('authority', { length: 100 }).notNull(),
    decidedOn: day('decided_on').notNull(),
    publishedOn: day('published_on'),
  };
}
