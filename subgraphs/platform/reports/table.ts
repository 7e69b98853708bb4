import { char, date, datetime, index, mediumtext, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { recordIdColumn as id, usccColumn as uscc } from '../../kit/db/columns.ts';

export const REPORT_KINDS = ['PUBLIC_CREDIT', 'SPECIAL'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const RECIPIENT_KINDS = ['INSTITUTION', 'GOVERNMENT', 'SUBJECT'] as const;

/**
 * Issued credit reports (信用报告), each kept as the exact document signed: its canonical JSON, the
 * SHA-256 digest and the platform's Ed25519 signature. A report is a snapshot: nothing here is ever
 * updated, so what a bank filed can be checked against what was issued.
 */
export const creditReports = mysqlTable(
  'credit_reports',
  {
    id: id(),
    /** XYBG-YYYYMMDD-XXXXXXXX: the day of issue (China Standard Time) and 40 random bits. */
    number: varchar('number', { length: 32 }).notNull(),
    uscc: uscc(),
    kind: mysqlEnum('kind', REPORT_KINDS).notNull(),
    issuedAt: datetime('issued_at', { mode: 'string', fsp: 3 }).notNull(),
    recipientKind: mysqlEnum('recipient_kind', RECIPIENT_KINDS).notNull(),
    /** The institution's organisation, the government department, or the entity's own code. */
    recipient: varchar('recipient', { length: 100 }).notNull(),
    purpose: varchar('purpose', { length: 100 }).notNull(),
    periodFrom: date('period_from', { mode: 'string' }),
    periodTo: date('period_to', { mode: 'string' }),
    requestId: varchar('request_id', { length: 200 }).notNull(),
    /** The report as signed: canonical JSON (RFC 8785). */
    document: mediumtext('document').notNull(),
    digest: char('digest', { length: 64 }).notNull(),
    signature: varchar('signature', { length: 128 }).notNull(),
  },
  (t) => [uniqueIndex('credit_reports_number').on(t.number), index('credit_reports_uscc').on(t.uscc, t.issuedAt)],
);

export type CreditReportRow = typeof creditReports.$inferSelect;
