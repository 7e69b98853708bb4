import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { countedQuery, inTransaction } from '../db/counted-sql.ts';
import { rowByKey, tableColumns } from '../db/table-columns.ts';
import { recordId } from '../disclosure/record-id.ts';
import { badUserInput } from '../runtime/errors.ts';
import { countRows, emptyReport, type BatchReport } from './batch-report.ts';
import type { CollectedRecordType } from './record-types.ts';
import { nowForSql, type CollectionServices, type Submitter } from './submit.ts';
import { recordRevisions, collectionBatches } from './tables.ts';
import { MAX_ROWS_PER_BATCH } from './record-types.ts';
import type { Rejection } from './validation.ts';

export const MAX_WITHDRAWAL_REASON = 300;

/**
 * Withdraws records the department submitted (撤回): they leave every view but government's, where
 * they show WITHDRAWN with the reason; nothing is deleted. One transaction, four statements.
 */
export async function withdrawRecords(services: CollectionServices, type: CollectedRecordType, sourceIds: readonly string[], reason: string, submitter: Submitter): Promise<BatchReport> {
  const why = reason.trim();
  if (!why || [...why].length > MAX_WITHDRAWAL_REASON) throw badUserInput(`reason: say why the records are withdrawn, in 1 to ${MAX_WITHDRAWAL_REASON} characters`);
  if (sourceIds.length > MAX_ROWS_PER_BATCH) throw badUserInput(`sourceIds: at most ${MAX_ROWS_PER_BATCH} per call, got ${sourceIds.length}`);
  const { name, sqlByKey } = tableColumns(type.table);
  if (type.key === 'uscc' || !sqlByKey.has('withdrawnOn')) throw badUserInput(`${type.recordType} records are not withdrawn; submit the change instead`);

  const report = emptyReport(randomUUID(), type.recordType);
  report.received = sourceIds.length;
  const today = services.today();
  const now = nowForSql();
  return inTransaction(services.pool, async (connection) => {
    const stored = (await countedQuery<Record<string, unknown>[]>(connection, `SELECT * FROM \`${name}\` WHERE source_department = ? AND source_id IN (?) FOR UPDATE`, [services.department, sourceIds.length ? [...sourceIds] : ['']])).map(
      (row) => rowByKey(type.table, row),
    );
    const bySource = new Map(stored.map((row) => [String(row.sourceId), row]));
    const rejected: Rejection[] = [];
    const withdraw: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    sourceIds.forEach((sourceId, index) => {
      const row = bySource.get(sourceId);
      if (!row) rejected.push({ index, sourceId, field: 'sourceIds', rule: 'NOT_FOUND', message: `sourceIds[${index}] ${JSON.stringify(sourceId)}: no ${type.title} with this source id was submitted by ${services.department}` });
      else if (row.withdrawnOn || seen.has(sourceId)) report.unchanged += 1;
      else withdraw.push(row);
      seen.add(sourceId);
    });
    if (withdraw.length) {
      await countedQuery(connection, `UPDATE \`${name}\` SET withdrawn_on = ?, withdrawal_reason = ? WHERE id IN (?)`, [today, why, withdraw.map((r) => r.id)]);
      await countedQuery(
        connection,
        mysql.format(`INSERT INTO \`${tableColumns(recordRevisions).name}\` (record_id, uscc, revised_at, revised_by, batch_id, changed_fields, previous_values) VALUES ?`, [
          withdraw.map((r) => [recordId(services.department, type.kind, Number(r.id)), r.uscc, now, submitter.by, report.batchId, 'withdrawnOn,withdrawalReason', JSON.stringify({ withdrawnOn: null, withdrawalReason: null })]),
        ] as never),
      );
    }
    report.withdrawn = withdraw.length;
    report.rejected = rejected;
    report.rejectedRows = countRows(rejected);
    await countedQuery(
      connection,
      mysql.format(
        `INSERT INTO \`${tableColumns(collectionBatches).name}\` (batch_id, record_type, operation, channel, submitted_by, request_id, submitted_at, received, accepted, updated, unchanged, rejected, withdrawn, late, rejected_by_rule) VALUES (?)`,
        [[report.batchId, type.recordType, "WITHDRAW", submitter.channel, submitter.by, submitter.requestId, now, report.received, 0, 0, report.unchanged, report.rejectedRows, report.withdrawn, 0, JSON.stringify(rejected.length ? { NOT_FOUND: report.rejectedRows } : {})]],
      ),
    );
    return report;
  });
}
