import mysql, { type PoolConnection } from 'mysql2/promise';
import { bulkUpsert } from '../db/bulk-upsert.ts';
import { countedQuery, countedWrite } from '../db/counted-sql.ts';
import { rowByKey, tableColumns } from '../db/table-columns.ts';
import { recordId } from '../disclosure/record-id.ts';
import type { CollectedRecordType } from './record-types.ts';
import { recordRevisions } from './tables.ts';
import type { Rejection, ValidRow } from './validation.ts';

/** One record a batch created or changed. */
export interface WrittenRecord {
  index: number;
  recordId: string;
  sourceId: string;
  uscc: string;
  /** The decision day of a 双公示 record (for the late count); null otherwise. */
  decidedOn: string | null;
}

export interface WriteContext {
  /** The department's subgraph name: the source department and the domain of record ids. */
  department: string;
  /** Who submitted (the government caller's department), for the revisions. */
  by: string;
  batchId: string;
  /** China Standard Time: the observed publication day of new 双公示 records. */
  today: string;
  /** 'YYYY-MM-DD HH:MM:SS.mmm' UTC. */
  now: string;
}

export interface WriteOutcome {
  created: WrittenRecord[];
  updated: WrittenRecord[];
  unchanged: number;
  /** Rows that could only be judged against what is stored (a removal of a listing that does not exist). */
  rejected: Rejection[];
}

const WITHDRAWAL_KEYS = ['withdrawnOn', 'withdrawalReason'];

/**
 * Values compared as text: a DATETIME at midnight equals the day it was submitted as, and a DECIMAL
 * equals its value at any scale (a column of 4 decimals returns 100.0000 for 100.00).
 */
const comparable = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (/^-?\d+\.\d+$/.test(text)) return text.replace(/\.?0+$/, '');
  return text.replace(/ 00:00:00(\.0+)?$/, '');
};

/** The properties a submission of this type writes, in column order. */
export function writtenKeys(type: CollectedRecordType): string[] {
  const { sqlByKey } = tableColumns(type.table);
  const keys = new Set<string>(['uscc']);
  if (type.key !== 'uscc') ['sourceDepartment', 'sourceId'].forEach((k) => keys.add(k));
  for (const field of type.fields) if (!field.inputOnly) keys.add(field.name);
  for (const key of Object.keys(type.complete?.({ uscc: '000000000000000000' }) ?? {})) keys.add(key);
  for (const key of WITHDRAWAL_KEYS) if (sqlByKey.has(key)) keys.add(key);
  if (type.observedPublication) keys.add('publishedOn');
  return [...keys].filter((k) => sqlByKey.has(k));
}

function idOf(type: CollectedRecordType, department: string, stored: Record<string, unknown>): string {
  return type.key === 'uscc' ? recordId(department, type.kind, String(stored.uscc)) : recordId(department, type.kind, Number(stored.id));
}

/**
 * Writes the valid rows of one batch inside the caller's transaction, in a constant number of
 * statements whatever the batch size: one read of the stored versions, one multi-row upsert of what is
 * new or changed (more only past MAX_STATEMENT_BYTES), one read of the new ids, one insert of revisions.
 * A resubmission that changes nothing writes nothing; one that changes something keeps what it replaced.
 * Statuses the platform set (disputed, corrected, revoked, repaired) live in record_status, by record
 * id, so no resubmission touches them.
 */
export async function writeRecords(connection: PoolConnection, type: CollectedRecordType, rows: readonly ValidRow[], ctx: WriteContext): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { created: [], updated: [], unchanged: 0, rejected: [] };
  if (!rows.length) return outcome;
  const { name, sqlByKey } = tableColumns(type.table);
  const byUscc = type.key === 'uscc';
  const keyColumn = byUscc ? 'uscc' : 'source_id';
  const own = writtenKeys(type);
  const compared = own.filter((k) => k !== 'publishedOn' && k !== 'sourceDepartment' && !(type.patch && k === 'uscc'));
  // A patch writes the stored row back whole: an INSERT naming only some NOT NULL columns is refused
  // in strict mode even when it ends as an update.
  const keys = type.patch ? [...sqlByKey.keys()].filter((k) => k !== 'id') : own;

  const existingRows = (await countedQuery<Record<string, unknown>[]>(
    connection,
    byUscc
      ? `SELECT * FROM \`${name}\` WHERE uscc IN (?) FOR UPDATE`
      : `SELECT * FROM \`${name}\` WHERE source_department = ? AND source_id IN (?) FOR UPDATE`,
    byUscc ? [rows.map((r) => r.uscc)] : [ctx.department, rows.map((r) => r.sourceId)],
  )).map((row) => rowByKey(type.table, row));
  const existing = new Map(existingRows.map((row) => [String(row[byUscc ? 'uscc' : 'sourceId']), row]));

  // Another unique key (a subject's rating for a year): who holds each value now, one statement.
  const holders = new Map<string, string>();
  const uniqueKeyOf = (row: Record<string, unknown>) => type.alsoUnique!.map((k) => comparable(row[k])).join('\u0000');
  if (type.alsoUnique && !byUscc) {
    const columns = type.alsoUnique.map((k) => `\`${sqlByKey.get(k)}\``).join(', ');
    const held = await countedQuery<Record<string, unknown>[]>(connection, `SELECT source_department, source_id, ${columns} FROM \`${name}\` WHERE uscc IN (?) FOR UPDATE`, [[...new Set(rows.map((r) => r.uscc))]]);
    for (const h of held.map((row) => rowByKey(type.table, row))) holders.set(uniqueKeyOf(h), `${h.sourceDepartment}\u0000${h.sourceId}`);
  }

  const withdrawable = sqlByKey.has('withdrawnOn');
  const writes: Record<string, unknown>[] = [];
  const revisions: unknown[][] = [];
  const pendingCreated: { row: ValidRow; next: Record<string, unknown> }[] = [];
  for (const row of rows) {
    const stored = existing.get(row.sourceId);
    if (type.patch && !stored) {
      outcome.rejected.push({ index: row.index, sourceId: row.sourceId, field: 'sourceId', rule: 'NOT_FOUND', message: `sourceId ${JSON.stringify(row.sourceId)}: no ${type.title} with this source id was submitted by ${ctx.department}` });
      continue;
    }
    const submitted: Record<string, unknown> = type.complete ? { ...row.values, ...type.complete(row.values) } : row.values;
    const next: Record<string, unknown> = type.patch ? { ...stored } : { uscc: row.uscc, sourceDepartment: ctx.department, sourceId: row.sourceId };
    for (const key of keys) if (key in submitted) next[key] = submitted[key];
    if (withdrawable) {
      next.withdrawnOn = null;
      next.withdrawalReason = null;
    }
    if (type.patch) {
      const order = type.dateOrder?.find(([a, b]) => typeof next[a] === 'string' && typeof next[b] === 'string' && String(next[a]) > String(next[b]));
      if (order) {
        const [a, b] = order;
        outcome.rejected.push({ index: row.index, sourceId: row.sourceId, field: b, rule: 'DATE_ORDER', message: `${b} ${next[b]}: must not be before ${a} (${next[a]})` });
        continue;
      }
    }
    if (type.alsoUnique && !byUscc) {
      const key = uniqueKeyOf(next);
      const holder = holders.get(key);
      const self = `${ctx.department}\u0000${row.sourceId}`;
      if (holder && holder !== self) {
        const what = type.alsoUnique.map((k) => `${k} ${next[k]}`).join(', ');
        outcome.rejected.push({ index: row.index, sourceId: row.sourceId, field: type.alsoUnique[type.alsoUnique.length - 1], rule: 'DUPLICATE', message: `${what}: already held by the record with source id ${JSON.stringify(holder.split('\u0000')[1])}; resubmit that one instead` });
        continue;
      }
      holders.set(key, self);
    }
    const decidedOn = type.observedPublication ? (next[type.observedPublication.decidedOn] as string) : null;
    if (!stored) {
      if (type.observedPublication) next.publishedOn = ctx.today;
      writes.push(next);
      pendingCreated.push({ row, next });
      continue;
    }
    const changed = compared.filter((k) => comparable(stored[k]) !== comparable(next[k]));
    if (!changed.length) {
      outcome.unchanged += 1;
      continue;
    }
    if (type.observedPublication) next.publishedOn = stored.publishedOn ?? ctx.today;
    writes.push(next);
    const id = idOf(type, ctx.department, stored);
    outcome.updated.push({ index: row.index, recordId: id, sourceId: row.sourceId, uscc: String(next.uscc), decidedOn });
    const previous = Object.fromEntries(changed.map((k) => [k, stored[k] ?? null]));
    revisions.push([id, String(next.uscc), ctx.now, ctx.by, ctx.batchId, changed.join(','), JSON.stringify(previous)]);
  }

  await bulkUpsert(connection, type.table, writes, {
    keys,
    identity: byUscc ? ['uscc'] : ['sourceDepartment', 'sourceId'],
    keepExisting: type.observedPublication ? ['publishedOn'] : [],
  });

  if (pendingCreated.length) {
    const ids = new Map<string, number>();
    if (!byUscc) {
      const created = await countedQuery<{ id: number; source_id: string }[]>(
        connection,
        `SELECT id, source_id FROM \`${name}\` WHERE source_department = ? AND ${keyColumn} IN (?)`,
        [ctx.department, pendingCreated.map((p) => p.row.sourceId)],
      );
      for (const c of created) ids.set(c.source_id, c.id);
    }
    for (const { row, next } of pendingCreated) {
      outcome.created.push({
        index: row.index,
        recordId: byUscc ? recordId(ctx.department, type.kind, String(next.uscc)) : recordId(ctx.department, type.kind, Number(ids.get(row.sourceId))),
        sourceId: row.sourceId,
        uscc: String(next.uscc),
        decidedOn: type.observedPublication ? (next[type.observedPublication.decidedOn] as string) : null,
      });
    }
  }

  if (revisions.length) {
    const { name: revisionTable } = tableColumns(recordRevisions);
    await countedWrite(connection, mysql.format(`INSERT INTO \`${revisionTable}\` (record_id, uscc, revised_at, revised_by, batch_id, changed_fields, previous_values) VALUES ?`, [revisions] as never));
  }
  return outcome;
}
