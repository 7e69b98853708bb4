import { date, datetime, index, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { exactIdColumn as exactId, recordIdColumn as id, usccColumn as uscc } from '../../kit/db/columns.ts';
import { demoLoads } from '../../kit/demo/loads.ts';
import { creditReports } from '../reports/table.ts';
import { evaluationGrades, evaluationIndicators, evaluationResults, evaluationSchemes } from '../evaluation/table.ts';
import { creditCommitments } from '../commitments/table.ts';

// Exported so drizzle-kit sees it: every subgraph's database records which demo data it holds.
export { demoLoads, creditReports, evaluationSchemes, evaluationIndicators, evaluationGrades, evaluationResults, creditCommitments };

export const AUTHORISATION_FORMS = ['ONLINE', 'PAPER'] as const;
export const LOGGED_CALLER_KINDS = ['INSTITUTION', 'GOVERNMENT', 'SUBJECT'] as const;

// Milliseconds, UTC ('YYYY-MM-DD HH:MM:SS.mmm'): a revocation and the next query can fall in one second.
const instant = (name: string) => datetime(name, { mode: 'string', fsp: 3 });

/**
 * An entity's authorisation of an institution (授权). Domains and purposes are short closed lists,
 * stored comma-separated like market's penalty types so MySQL and MariaDB read them alike.
 */
export const authorisations = mysqlTable(
  'authorisations',
  {
    id: id(),
    uscc: uscc(),
    organisation: exactId('organisation', { length: 64 }).notNull(),
    domains: varchar('domains', { length: 300 }).notNull(),
    purposes: varchar('purposes', { length: 200 }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    form: mysqlEnum('form', AUTHORISATION_FORMS).notNull(),
    evidenceReference: varchar('evidence_reference', { length: 200 }),
    recordedBy: varchar('recorded_by', { length: 100 }),
    grantedAt: instant('granted_at').notNull(),
    revokedAt: instant('revoked_at'),
    /** The entity itself (SUBJECT) or the government department that revoked. */
    revokedBy: varchar('revoked_by', { length: 100 }),
  },
  (t) => [
    // Departments ask "this organisation's grants over these entities"; the entity lists its own.
    index('authorisations_organisation_uscc').on(t.organisation, t.uscc),
    index('authorisations_uscc').on(t.uscc),
  ],
);

/** The access log (查询记录): one row per department, request and entity released above PUBLIC. */
export const accessLog = mysqlTable(
  'access_log',
  {
    id: id(),
    at: instant('at').notNull(),
    requestId: varchar('request_id', { length: 200 }).notNull(),
    callerKind: mysqlEnum('caller_kind', LOGGED_CALLER_KINDS).notNull(),
    organisation: varchar('organisation', { length: 100 }),
    department: varchar('department', { length: 100 }),
    purpose: varchar('purpose', { length: 32 }),
    uscc: uscc(),
    domain: varchar('domain', { length: 32 }).notNull(),
    /** Comma-separated schema coordinates, e.g. AnnualReport.revenue,Inspection.notes. */
    fields: text('fields').notNull(),
  },
  (t) => [
    index('access_log_uscc_at').on(t.uscc, t.at, t.id),
    index('access_log_organisation_at').on(t.organisation, t.at, t.id),
    index('access_log_at').on(t.at, t.id),
    index('access_log_request').on(t.requestId),
  ],
);

export const CREDIT_REPAIR_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export const OBJECTION_STATUSES = ['UNDER_REVIEW', 'CORRECTED', 'REVOKED', 'REJECTED'] as const;
export const OBJECTOR_KINDS = ['INSTITUTION', 'GOVERNMENT', 'SUBJECT'] as const;

/**
 * Applications for credit repair (信用修复): the entity asks, the record's source department decides.
 * The record itself stays with its department, which is told of an approval (kit/disclosure/record-status-routes.ts).
 */
export const creditRepairApplications = mysqlTable(
  'credit_repair_applications',
  {
    id: id(),
    uscc: uscc(),
    /** The record to repair, e.g. market.penalty.42. */
    recordId: varchar('record_id', { length: 100 }).notNull(),
    /** Its source department, upper case (MARKET, TAX, COURTS, ENVIRONMENT): the one that decides. */
    department: varchar('department', { length: 32 }).notNull(),
    reason: text('reason').notNull(),
    appliedAt: instant('applied_at').notNull(),
    status: mysqlEnum('status', CREDIT_REPAIR_STATUSES).notNull(),
    decidedAt: instant('decided_at'),
    /** The government department that decided. */
    decidedBy: varchar('decided_by', { length: 100 }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('credit_repair_applications_uscc').on(t.uscc),
    index('credit_repair_applications_record').on(t.recordId),
    index('credit_repair_applications_department_status').on(t.department, t.status),
  ],
);

/** Objections (异议) to a record: anyone signed in files one; the record's source department decides. */
export const objections = mysqlTable(
  'objections',
  {
    id: id(),
    uscc: uscc(),
    recordId: varchar('record_id', { length: 100 }).notNull(),
    department: varchar('department', { length: 32 }).notNull(),
    reason: text('reason').notNull(),
    filedAt: instant('filed_at').notNull(),
    filerKind: mysqlEnum('filer_kind', OBJECTOR_KINDS).notNull(),
    /** The institution's organisation, the government department or the entity's code. */
    filedBy: varchar('filed_by', { length: 100 }).notNull(),
    /** The review deadline: OBJECTION_REVIEW_WORKING_DAYS working days after filing (China Standard Time). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: mysqlEnum('status', OBJECTION_STATUSES).notNull(),
    decidedAt: instant('decided_at'),
    decidedBy: varchar('decided_by', { length: 100 }),
    decisionReason: text('decision_reason'),
    correctionNote: varchar('correction_note', { length: 500 }),
  },
  (t) => [
    index('objections_uscc').on(t.uscc),
    index('objections_record').on(t.recordId),
    // The overdue listing: objections under review by deadline.
    index('objections_status_due').on(t.status, t.dueOn),
    // filedObjections: a filer's own.
    index('objections_filer').on(t.filerKind, t.filedBy),
  ],
);

export const LIST_COLOURS = ['RED', 'BLACK', 'WARNING'] as const;
export const MEASURE_KINDS = ['PUNISHMENT', 'REWARD'] as const;
export const MEASURE_EFFECTS = ['BAR', 'RESTRICT', 'FAVOUR'] as const;
export const MEASURE_SCOPES = ['NATIONAL', 'LOCAL'] as const;

/**
 * The red, black and warning lists the platform gathers (红黑名单), with the legal basis of each.
 * Reference data (db/catalogue.ts), upserted at every start; the entries themselves stay with the
 * departments that keep the lists and reach the platform through @requires.
 */
export const listTypes = mysqlTable('list_types', {
  code: varchar('code', { length: 40 }).primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  colour: mysqlEnum('colour', LIST_COLOURS).notNull(),
  /** The department that keeps the list, upper case (MARKET, TAX, COURTS, ENVIRONMENT). */
  department: varchar('department', { length: 32 }).notNull(),
  basis: text('basis').notNull(),
});

/**
 * The catalogue of joint rewards and punishments (联合奖惩措施): the national list and local
 * supplements. Triggers (list type codes) and contexts are short closed lists, stored comma-separated
 * like authorisations' domains; db/catalogue.ts checks them when it loads.
 */
export const jointMeasures = mysqlTable('joint_measures', {
  code: varchar('code', { length: 40 }).primaryKey(),
  name: varchar('name', { length: 200 }).notNull(),
  kind: mysqlEnum('kind', MEASURE_KINDS).notNull(),
  effect: mysqlEnum('effect', MEASURE_EFFECTS).notNull(),
  content: text('content').notNull(),
  triggerListTypes: varchar('trigger_list_types', { length: 500 }).notNull(),
  contexts: varchar('contexts', { length: 300 }).notNull(),
  basis: text('basis').notNull(),
  scope: mysqlEnum('scope', MEASURE_SCOPES).notNull(),
  /** For a LOCAL measure, the GB/T 2260 prefix of the region it applies in (21 辽宁省, 2106 丹东市). */
  region: varchar('region', { length: 6 }),
});

export const platformTables = { authorisations, accessLog, listTypes, jointMeasures, creditRepairApplications, objections, demoLoads, creditReports, evaluationSchemes, evaluationIndicators, evaluationGrades, evaluationResults, creditCommitments };
export type PlatformTables = typeof platformTables;

/** The platform's database as its resolvers and loaders receive it. */
export type PlatformDb = MySql2Database<PlatformTables>;
