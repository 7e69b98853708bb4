import { eq, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { char, date, datetime, index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { keysIn, statementsByKeys } from '../db/statements-by-key.ts';

/**
 * Where a department keeps what the disclosure lifecycle did to its own records: an objection under
 * review, a correction, a revocation, a credit repair. Every department that holds records includes
 * this table in its tables.ts (as it does `demoLoads`), so the department, which owns the record,
 * decides its visibility without asking anyone. The case files themselves (applications, objections,
 * reasons, who decided) are the platform's; `*_id` columns point at them.
 *
 * A record without a row here has been through none of it: most records, so the table stays small.
 */
export const recordStatus = mysqlTable(
  'record_status',
  {
    /** The record's id across the federation, e.g. market.penalty.42 (kit/disclosure/record-id.ts). */
    recordId: varchar('record_id', { length: 100 }).primaryKey(),
    uscc: char('uscc', { length: 18 }).notNull(),
    /** An objection (异议) is under review since this day; null when none is open. */
    disputedSince: date('disputed_since', { mode: 'string' }),
    /** The open objection, e.g. platform.objection.7. */
    objectionId: varchar('objection_id', { length: 64 }),
    /** An objection was upheld and the record corrected: it stays, with this note. */
    correctedOn: date('corrected_on', { mode: 'string' }),
    correctionNote: varchar('correction_note', { length: 500 }),
    /** An objection was upheld and the record revoked: it leaves every view but INTERNAL. */
    revokedOn: date('revoked_on', { mode: 'string' }),
    /** Credit repair (信用修复) was approved: the record leaves the PUBLIC and AUTHORISED views. */
    repairedOn: date('repaired_on', { mode: 'string' }),
    repairId: varchar('repair_id', { length: 64 }),
    updatedAt: datetime('updated_at', { mode: 'string', fsp: 3 }).notNull(),
  },
  // Records are read per entity, like everything else: one statement for a page of entities.
  (t) => [index('record_status_uscc').on(t.uscc)],
);

export type RecordStatusRow = typeof recordStatus.$inferSelect;

const statuses = statementsByKeys((db: MySql2Database<any>) => ({ byUscc: db.select().from(recordStatus).where(keysIn(recordStatus.uscc)) }));

/** The statuses of every record of these entities: one statement, built once per database. */
export function findStatuses(db: MySql2Database<any>, usccs: readonly string[]): Promise<RecordStatusRow[]> {
  return statuses(db).byUscc(usccs);
}

/** The statuses of these records (one statement): those without a row have been through nothing. */
export async function findStatusesOf(db: MySql2Database<any>, recordIds: readonly string[]): Promise<RecordStatusRow[]> {
  if (recordIds.length === 0) return [];
  return db.select().from(recordStatus).where(inArray(recordStatus.recordId, [...recordIds]));
}

export async function findStatus(db: MySql2Database<any>, recordId: string): Promise<RecordStatusRow | null> {
  const [row] = await db.select().from(recordStatus).where(eq(recordStatus.recordId, recordId));
  return row ?? null;
}

/** Replaces a record's status row with `next` (insert or update: one statement). */
export async function saveStatus(db: MySql2Database<any>, next: Omit<RecordStatusRow, 'updatedAt'>): Promise<void> {
  const updatedAt = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const { recordId: _key, ...rest } = next;
  await db
    .insert(recordStatus)
    .values({ ...next, updatedAt })
    .onDuplicateKeyUpdate({ set: { ...rest, updatedAt } });
}
