import { index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { recordIdColumn as id, usccColumn as uscc, sourceDepartmentColumn as sourceDepartment, sourceIdColumn as sourceId, dayColumn as day, yuanColumn as yuan } from '../../kit/db/columns.ts';
import { demoLoads } from '../../kit/demo/loads.ts';
import { recordStatus } from '../../kit/disclosure/record-status.ts';
import { collectionBatches, heldRecords, recordRevisions } from '../../kit/collection/tables.ts';
import { doublePublicityColumns, withdrawalColumns } from '../../kit/collection/columns.ts';

export const DEBTOR_PERFORMANCES = ['NOT_PERFORMED', 'PARTLY_PERFORMED', 'FULLY_PERFORMED'] as const;
export const CONSUMPTION_RESTRICTIONS = [
  'AIR_TRAVEL',
  'HIGH_SPEED_TRAINS',
  'STAR_HOTELS',
  'PROPERTY_PURCHASE',
  'OFFICE_RENTAL',
  'VEHICLE_PURCHASE',
  'HOLIDAYS',
  'PRIVATE_SCHOOL_FEES',
  'HIGH_PREMIUM_INSURANCE',
] as const;
export const ENFORCEMENT_STATUSES = ['IN_PROGRESS', 'CONCLUDED', 'TERMINATED'] as const;
export const LITIGANT_ROLES = ['PLAINTIFF', 'DEFENDANT', 'THIRD_PARTY', 'APPELLANT', 'APPELLEE'] as const;
export const TRIAL_INSTANCES = ['FIRST_INSTANCE', 'SECOND_INSTANCE'] as const;

const caseNumber = () => varchar('case_number', { length: 64 }).notNull();
const court = () => varchar('court', { length: 100 }).notNull();

/** The list of dishonest judgment debtors (失信被执行人名单): one row per listing in one enforcement case. */
export const dishonestDebtors = mysqlTable(
  'dishonest_debtors',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    caseNumber: caseNumber(),
    court: court(),
    filedOn: day('filed_on').notNull(),
    basisDocumentNumber: varchar('basis_document_number', { length: 100 }).notNull(),
    basisIssuer: varchar('basis_issuer', { length: 100 }).notNull(),
    duty: varchar('duty', { length: 500 }).notNull(),
    performance: mysqlEnum('performance', DEBTOR_PERFORMANCES).notNull(),
    conduct: varchar('conduct', { length: 300 }).notNull(),
    legalRepresentative: varchar('legal_representative', { length: 100 }),
    outstandingAmount: yuan('outstanding_amount'),
    publishedOn: day('published_on').notNull(),
    removedOn: day('removed_on'),
    removalReason: varchar('removal_reason', { length: 300 }),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('dishonest_debtors_source').on(t.sourceDepartment, t.sourceId), index('dishonest_debtors_uscc').on(t.uscc)],
);

/** Orders restricting high consumption (限制消费令). */
export const consumptionRestrictions = mysqlTable(
  'consumption_restrictions',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    caseNumber: caseNumber(),
    court: court(),
    /** Comma-separated names as published: a short list, stored plainly so both MySQL and MariaDB read it alike. */
    restrictedPersons: varchar('restricted_persons', { length: 300 }).notNull(),
    /** Comma-separated CONSUMPTION_RESTRICTIONS values, for the same reason. */
    restrictions: varchar('restrictions', { length: 300 }).notNull(),
    issuedOn: day('issued_on').notNull(),
    liftedOn: day('lifted_on'),
    ...withdrawalColumns(),
  },
  (t) => [
    uniqueIndex('consumption_restrictions_source').on(t.sourceDepartment, t.sourceId),
    index('consumption_restrictions_uscc').on(t.uscc),
  ],
);

/** Enforcement cases (执行案件) against the entity. */
export const enforcementCases = mysqlTable(
  'enforcement_cases',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    caseNumber: caseNumber(),
    court: court(),
    filedOn: day('filed_on').notNull(),
    amount: yuan('amount'),
    status: mysqlEnum('status', ENFORCEMENT_STATUSES).notNull(),
    concludedOn: day('concluded_on'),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('enforcement_cases_source').on(t.sourceDepartment, t.sourceId), index('enforcement_cases_uscc').on(t.uscc)],
);

/** Judgment documents (裁判文书) naming the entity as a party. */
export const judgments = mysqlTable(
  'judgments',
  {
    id: id(),
    uscc: uscc(),
    sourceDepartment: sourceDepartment(),
    sourceId: sourceId(),
    caseNumber: caseNumber(),
    causeOfAction: varchar('cause_of_action', { length: 100 }).notNull(),
    role: mysqlEnum('role', LITIGANT_ROLES).notNull(),
    instance: mysqlEnum('instance', TRIAL_INSTANCES).notNull(),
    court: court(),
    decidedOn: day('decided_on').notNull(),
    publishedOn: day('published_on'),
    amount: yuan('amount'),
    resultSummary: varchar('result_summary', { length: 500 }).notNull(),
    ...withdrawalColumns(),
  },
  (t) => [uniqueIndex('judgments_source').on(t.sourceDepartment, t.sourceId), index('judgments_uscc').on(t.uscc)],
);

// Re-exported because drizzle-kit generates migrations only for the tables this module exports.
export { demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };

export const courtsTables = { dishonestDebtors, consumptionRestrictions, enforcementCases, judgments, demoLoads, recordStatus, collectionBatches, recordRevisions, heldRecords };
export type CourtsTables = typeof courtsTables;
