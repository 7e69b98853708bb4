import { date, datetime, index, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { recordIdColumn as id, usccColumn as uscc } from '../../kit/db/columns.ts';

/** 信用承诺的类型 (000/001/003): what the commitment stands in for or buys. */
export const COMMITMENT_KINDS = ['APPROVAL_SUBSTITUTE', 'CERTIFICATION_WAIVER', 'DEFERRED_DOCUMENTS', 'CREDIT_REPAIR', 'INDUSTRY_SELF_DISCIPLINE', 'VOLUNTARY'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_OUTCOMES = ['PENDING', 'KEPT', 'BROKEN'] as const;
export type CommitmentOutcome = (typeof COMMITMENT_OUTCOMES)[number];
export const COMMITMENT_FORMS = ['ONLINE', 'PAPER'] as const;

/**
 * Credit commitments (信用承诺) made through the platform: by the entity online, or on paper and
 * recorded by government. The department concerned records whether each was kept. Public with their
 * outcomes (001: 承诺履约情况纳入信用信息管理). Tax keeps its own (tax.commitments); the platform shows both.
 */
export const creditCommitments = mysqlTable(
  'credit_commitments',
  {
    id: id(),
    uscc: uscc(),
    kind: mysqlEnum('kind', COMMITMENT_KINDS).notNull(),
    content: text('content').notNull(),
    /** The department concerned, upper case as government callers sign in (MARKET, TAX, or a named department): the one that records the outcome. */
    department: varchar('department', { length: 100 }).notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    form: mysqlEnum('form', COMMITMENT_FORMS).notNull(),
    evidenceReference: varchar('evidence_reference', { length: 200 }),
    recordedBy: varchar('recorded_by', { length: 100 }),
    outcome: mysqlEnum('outcome', COMMITMENT_OUTCOMES).notNull(),
    outcomeReason: text('outcome_reason'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: varchar('decided_by', { length: 100 }),
    createdAt: datetime('created_at', { mode: 'string', fsp: 3 }).notNull(),
  },
  (t) => [index('credit_commitments_uscc').on(t.uscc), index('credit_commitments_outcome_due').on(t.outcome, t.dueOn)],
);

export type CreditCommitmentRow = typeof creditCommitments.$inferSelect;
