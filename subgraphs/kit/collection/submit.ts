import { randomUUID } from 'node:crypto';
import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { countedWrite, inBatchedTransaction } from '../db/counted-sql.ts';
import { tableColumns } from '../db/table-columns.ts';
import { PUBLICATION_DEADLINE_WORKING_DAYS } from '../disclosure/compliance.ts';
import { workingDaysBetween, type WorkingCalendar } from '../calendar/working-days.ts';
import { countRows, emptyReport, rejectedByRule, type BatchReport } from './batch-report.ts';
import type { KnownSubjects } from './known-subjects.ts';
import type { CollectedRecordType } from './record-types.ts';
import { collectionBatches, heldRecords } from './tables.ts';
import { screenAtDoor } from './screen-at-door.ts';
import { validateBatch, type Rejection, type ValidRow } from './validation.ts';
import { writeRecords, type WrittenRecord } from './write-records.ts';

/** What a department's collection needs, made once at start (collection-services.ts). */
export interface CollectionServices {
  pool: Pool;
  /** The subgraph's name: the source department of what it collects. */
  department: string;
  calendar: WorkingCalendar;
  knownSubjects: KnownSubjects;
  /** China Standard Time, read once per batch. */
  today(): string;
}

export interface Submitter {
  /** The government caller's department. */
  by: string;
  requestId: string | null;
  channel: 'API' | 'FILE';
}

export function nowForSql(date = new Date()): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}

/** The audit row of a batch (who, when, how many, which batch), written in the batch's own transaction. */
async function saveAudit(connection: Pool | PoolConnection, report: BatchReport, submitter: Submitter, operation: 'SUBMIT' | 'WITHDRAW', at: string, rule = rejectedByRule(report.rejected)) {
  const { name } = tableColumns(collectionBatches);
  await countedWrite(
    connection,
    mysql.format(
      `INSERT INTO \`${name}\` (batch_id, record_type, operation, channel, submitted_by, request_id, submitted_at, received, accepted, updated, unchanged, rejected, withdrawn, late, held, rejected_by_rule)
       VALUES (?) ON DUPLICATE KEY UPDATE received = VALUES(received), accepted = VALUES(accepted), updated = VALUES(updated), unchanged = VALUES(unchanged),
       rejected = VALUES(rejected), withdrawn = VALUES(withdrawn), late = VALUES(late), held = VALUES(held), rejected_by_rule = VALUES(rejected_by_rule)`,
      [[report.batchId, report.recordType, operation, submitter.channel, submitter.by, submitter.requestId, at, report.received, report.accepted, report.updated, report.unchanged, report.rejectedRows, report.withdrawn, report.late, report.held, JSON.stringify(rule)]],
    ),
  );
}

/** Holds accepted records of unknown subjects; lets go of those whose subject is now known. One statement each. */
async function holdUnknown(connection: PoolConnection, type: CollectedRecordType, written: readonly WrittenRecord[], known: Set<string>, batchId: string, today: string): Promise<number> {
  const { name } = tableColumns(heldRecords);
  const unknown = written.filter((w) => !known.has(w.uscc));
  const matched = written.filter((w) => known.has(w.uscc));
  if (unknown.length) {
    // Escaped value by value: the same in every row but the record's own three.
    const same = `,${mysql.escape(type.recordType)},`;
    const tail = `,${mysql.escape(today)},${mysql.escape(batchId)})`;
    const tuples = unknown.map((w) => `(${mysql.escape(w.recordId)},${mysql.escape(w.uscc)}${same}${mysql.escape(w.sourceId)}${tail}`);
    await countedWrite(connection, `INSERT INTO \`${name}\` (record_id, uscc, record_type, source_id, held_since, batch_id) VALUES ${tuples.join(',')} ON DUPLICATE KEY UPDATE uscc = VALUES(uscc)`);
  }
  if (matched.length) await countedWrite(connection, `DELETE FROM \`${name}\` WHERE record_id IN (?)`, [matched.map((w) => w.recordId)]);
  return unknown.length;
}

export interface ChunkOptions {
  batchId: string;
  submitter: Submitter;
  /** The index of the chunk's first row in the whole batch (a file's later chunks). @default 0 */
  firstIndex?: number;
  /** Write the audit row in this transaction (an API batch); a file writes its own at the end. @default true */
  audit?: boolean;
}

/** A batch (or a file's chunk) validated and its subjects looked up: everything before its transaction. */
export interface PreparedRows {
  received: number;
  valid: ValidRow[];
  rejected: Rejection[];
  /** Subjects market supervision knows; null where the type has no subject to look up (registrations, patches). */
  known: Set<string> | null;
  /** China Standard Time, read once per batch. */
  today: string;
}

/** Validates every row on its own and asks which subjects are known: no transaction, nothing written. */
export async function prepareRows(services: CollectionServices, type: CollectedRecordType, rows: readonly Record<string, unknown>[], firstIndex = 0): Promise<PreparedRows> {
  const today = services.today();
  const { valid, rejected } = validateBatch(type, rows, today, firstIndex);
  // Registrations make their subjects known; a patch keeps its record's subject.
  const known = type.key === 'uscc' || type.patch ? null : await services.knownSubjects([...new Set(valid.map((r) => r.uscc))]);
  return { received: rows.length, valid, rejected, known, today };
}

/**
 * Writes a prepared batch: the valid rows written, held where their subject is unknown, and audited,
 * in one transaction and a constant number of statements.
 */
export function writePrepared(services: CollectionServices, type: CollectedRecordType, prepared: PreparedRows, options: ChunkOptions): Promise<BatchReport> {
  const { valid, rejected, known, today } = prepared;
  const now = nowForSql();
  const report = emptyReport(options.batchId, type.recordType);
  report.received = prepared.received;

  return inBatchedTransaction(services.pool, async (connection) => {
    const outcome = await writeRecords(connection, type, valid, { department: services.department, by: options.submitter.by, batchId: options.batchId, today, now });
    const all = rejected.length || outcome.rejected.length ? [...rejected, ...outcome.rejected].sort((a, b) => a.index - b.index) : [];
    report.accepted = outcome.created.length;
    report.updated = outcome.updated.length;
    report.unchanged = outcome.unchanged;
    report.rejected = all;
    report.rejectedRows = countRows(all);
    if (known) report.held = await holdUnknown(connection, type, [...outcome.created, ...outcome.updated], known, options.batchId, today);
    report.late = countLate(services.calendar, outcome.created, today);
    // Only what was written: an unchanged row was screened when it first came.
    report.screened = screenAtDoor(type, valid, [...outcome.created, ...outcome.updated]);
    report.screenedRows = new Set(report.screened.map((s) => s.index)).size;
    if (options.audit !== false) await saveAudit(connection, report, options.submitter, 'SUBMIT', now);
    return report;
  });
}

/** New decisions accepted more than 7 working days after them: the working days counted once per decision day, not per row. */
function countLate(calendar: WorkingCalendar, created: readonly WrittenRecord[], today: string): number {
  const lateOn = new Map<string, boolean>();
  let late = 0;
  for (const { decidedOn } of created) {
    if (!decidedOn) continue;
    let isLate = lateOn.get(decidedOn);
    if (isLate === undefined) lateOn.set(decidedOn, (isLate = workingDaysBetween(calendar, decidedOn, today) > PUBLICATION_DEADLINE_WORKING_DAYS));
    if (isLate) late += 1;
  }
  return late;
}

/**
 * One batch (or one chunk of a file): every row validated on its own; the valid ones written, held
 * where their subject is unknown, and audited, in one transaction and a constant number of statements.
 */
export async function collectRows(services: CollectionServices, type: CollectedRecordType, rows: readonly Record<string, unknown>[], options: ChunkOptions): Promise<BatchReport> {
  return writePrepared(services, type, await prepareRows(services, type, rows, options.firstIndex ?? 0), options);
}

/** An API batch: one call of a submit mutation. */
export function submitBatch(services: CollectionServices, type: CollectedRecordType, rows: readonly Record<string, unknown>[], submitter: Submitter): Promise<BatchReport> {
  return collectRows(services, type, rows, { batchId: randomUUID(), submitter });
}

/** A file's audit row, written when it is done (its chunks committed one by one). */
export function auditFileBatch(services: CollectionServices, report: BatchReport, submitter: Submitter, rules: Record<string, number>): Promise<void> {
  return saveAudit(services.pool, report, submitter, 'SUBMIT', nowForSql(), rules as never);
}
