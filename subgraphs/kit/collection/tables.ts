import { bigint, char, date, datetime, index, int, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';

/**
 * Collection's own tables, in every department's database (each tables.ts re-exports them, as it does
 * `recordStatus`): the audit of every batch, the revisions of resubmitted records, and the records
 * held because market supervision does not know their subject yet.
 */

/** One row per submission (a mutation call or a file): who, when, how many, and what came of them. */
export const collectionBatches = mysqlTable(
  'collection_batches',
  {
    batchId: char('batch_id', { length: 36 }).primaryKey(),
    /** PENALTY, LICENCE…; for a withdrawal, the type withdrawn. */
    recordType: varchar('record_type', { length: 40 }).notNull(),
    operation: mysqlEnum('operation', ['SUBMIT', 'WITHDRAW']).notNull(),
    channel: mysqlEnum('channel', ['API', 'FILE']).notNull(),
    /** The submitting government caller's department (always this department: no other may submit). */
    submittedBy: varchar('submitted_by', { length: 100 }).notNull(),
    requestId: varchar('request_id', { length: 80 }),
    submittedAt: datetime('submitted_at', { mode: 'string', fsp: 3 }).notNull(),
    received: int('received').notNull(),
    accepted: int('accepted').notNull(),
    updated: int('updated').notNull(),
    unchanged: int('unchanged').notNull(),
    rejected: int('rejected').notNull(),
    withdrawn: int('withdrawn').notNull(),
    /** New 双公示 decisions accepted more than 7 working days after their decision. */
    late: int('late').notNull(),
    /** Accepted records whose subject market supervision did not know: held (batches audited before it was counted: 0). */
    held: int('held').notNull().default(0),
    /** JSON object: rejected rows per rule ({"USCC": 3, "REQUIRED": 1}). */
    rejectedByRule: text('rejected_by_rule').notNull(),
  },
  (t) => [index('collection_batches_submitted_at').on(t.submittedAt)],
);

/** The values a resubmission replaced (一数一源: one record, its history kept, INTERNAL). */
export const recordRevisions = mysqlTable(
  'record_revisions',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    /** e.g. market.penalty.42, or market.entity.<uscc> for a registration. */
    recordId: varchar('record_id', { length: 100 }).notNull(),
    uscc: char('uscc', { length: 18 }).notNull(),
    revisedAt: datetime('revised_at', { mode: 'string', fsp: 3 }).notNull(),
    revisedBy: varchar('revised_by', { length: 100 }).notNull(),
    batchId: char('batch_id', { length: 36 }).notNull(),
    /** Comma-separated field names. */
    changedFields: varchar('changed_fields', { length: 1000 }).notNull(),
    /** JSON object: each changed field's value before this revision. */
    previousValues: text('previous_values').notNull(),
  },
  // Read per entity, like every record: one statement for a page of entities.
  (t) => [index('record_revisions_uscc').on(t.uscc)],
);

/** Records whose subject market supervision did not know when they came: listed until it registers. */
export const heldRecords = mysqlTable(
  'held_records',
  {
    recordId: varchar('record_id', { length: 100 }).primaryKey(),
    uscc: char('uscc', { length: 18 }).notNull(),
    recordType: varchar('record_type', { length: 40 }).notNull(),
    sourceId: varchar('source_id', { length: 64 }).notNull(),
    heldSince: date('held_since', { mode: 'string' }).notNull(),
    batchId: char('batch_id', { length: 36 }).notNull(),
  },
  (t) => [index('held_records_uscc').on(t.uscc)],
);

export const collectionTables = { collectionBatches, recordRevisions, heldRecords };
