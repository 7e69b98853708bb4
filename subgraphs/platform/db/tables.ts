import { bigint, char, date, datetime, index, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { demoLoads } from '../../kit/demo-loads.ts';

// Exported so drizzle-kit sees it: every subgraph's database records which demo data it holds.
export { demoLoads };

export const AUTHORISATION_FORMS = ['ONLINE', 'PAPER'] as const;
export const LOGGED_CALLER_KINDS = ['INSTITUTION', 'GOVERNMENT', 'SUBJECT'] as const;

const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();
const uscc = () => char('uscc', { length: 18 }).notNull();
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
    organisation: varchar('organisation', { length: 64 }).notNull(),
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

export const platformTables = { authorisations, accessLog, demoLoads };
export type PlatformTables = typeof platformTables;
