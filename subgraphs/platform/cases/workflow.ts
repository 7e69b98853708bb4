import { and, eq } from 'drizzle-orm';
import { recordId as caseIdOf } from '../../kit/disclosure/record-id.ts';
import type { RecordStatusChangeRequest } from '../../kit/disclosure/record-status-client.ts';
import type { Caller } from '../../kit/identity/caller.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import { toSqlInstant } from '../db/instants.ts';
import { platformRowId } from '../db/row-id.ts';
import type { creditRepairApplications, objections, PlatformDb } from '../db/tables.ts';
import { notFound, notifyDepartment, requireSourceDepartment, type DepartmentContext } from './source-department.ts';

// The one workflow every record case follows (credit repair, objections): a case is opened on one
// record, at most one open at a time; the record's source department decides it. Each step runs in a
// transaction that locks the case rows first, and the department is told before the platform writes,
// so a department that cannot store the outcome leaves nothing decided.

type CaseTable = typeof creditRepairApplications | typeof objections;
type CaseRowOf<T extends CaseTable> = T['$inferSelect'];

/** What one kind of case says about itself: its table, its open status, and how it words a refusal. */
export interface CaseKind<T extends CaseTable> {
  /** The kind in a case id: platform.<kind>.<n>. */
  kind: string;
  table: T;
  /** The status of a case not yet decided. */
  openStatus: CaseRowOf<T>['status'];
  /** Why no second case is opened on a record while `open` is. */
  alreadyOpen(open: CaseRowOf<T>, openId: string): string;
  /** The answer for an id that names no case of this kind. */
  unknown(id: string): string;
  /** What is being decided, for a caller who is not the record's source department. */
  subject(row: CaseRowOf<T>, caseId: string): string;
  /** Why a case already decided is not decided again. */
  alreadyDecided(row: CaseRowOf<T>, caseId: string): string;
}

export interface CaseContext extends DepartmentContext {
  caller: Caller;
  db: PlatformDb;
}

// Drizzle's query builder does not take a union of tables; both case tables share these columns, so
// the workflow queries them through this view and the kind's own types come back out.
type SharedColumns = typeof objections;

function columns<T extends CaseTable>(table: T): SharedColumns {
  return table as unknown as SharedColumns;
}

/** A case by row id, as stored. */
export async function caseById<T extends CaseTable>(db: PlatformDb, { table }: CaseKind<T>, id: number): Promise<CaseRowOf<T>> {
  const t = columns(table);
  const [row] = await db.select().from(t).where(eq(t.id, id));
  return row as CaseRowOf<T>;
}

/**
 * Opens a case on `values.recordId`: locks the record's open cases of this kind, refuses a second,
 * inserts this one, then runs `afterInsert` with its id (an objection tells the department there,
 * inside the transaction: if the department cannot mark the record, there is no case).
 */
export async function openCase<T extends CaseTable>(
  db: PlatformDb,
  kind: CaseKind<T>,
  values: T['$inferInsert'],
  afterInsert?: (caseId: string) => Promise<unknown>,
): Promise<CaseRowOf<T>> {
  const t = columns(kind.table);
  const id = await db.transaction(async (tx) => {
    const open = (await tx
      .select()
      .from(t)
      .where(and(eq(t.recordId, values.recordId), eq(t.status, kind.openStatus as never)))
      .for('update')) as CaseRowOf<T>[];
    if (open.length > 0) throw badUserInput(kind.alreadyOpen(open[0], caseIdOf('platform', kind.kind, open[0].id)));
    const [inserted] = await tx
      .insert(t)
      .values(values as typeof objections.$inferInsert)
      .$returningId();
    await afterInsert?.(caseIdOf('platform', kind.kind, inserted.id));
    return inserted.id;
  });
  return caseById(db, kind, id);
}

export interface CaseDecision<T extends CaseTable> {
  /** The case id as the caller gave it (platform.objection.7, or 7). */
  id: string;
  status: CaseRowOf<T>['status'];
  reason: string;
  /** Columns of this kind beyond the decision's own (an objection's correction note). */
  extra?: Partial<T['$inferInsert']>;
  /** What to tell the source department, or null when it has nothing to store (a rejected repair). */
  change(row: CaseRowOf<T>, caseId: string): RecordStatusChangeRequest | null;
}

/**
 * Decides an open case: lock it, check the caller is government of the record's source department,
 * tell that department first, then store the decision. Any refusal on the way rolls all of it back.
 */
export async function decideCase<T extends CaseTable>(context: CaseContext, kind: CaseKind<T>, decision: CaseDecision<T>): Promise<CaseRowOf<T>> {
  const { caller, db } = context;
  const t = columns(kind.table);
  const rowId = platformRowId(decision.id, kind.kind);
  await db.transaction(async (tx) => {
    const [row] = (rowId === null ? [] : await tx.select().from(t).where(eq(t.id, rowId)).for('update')) as CaseRowOf<T>[];
    if (!row) throw notFound(kind.unknown(decision.id));
    const caseId = caseIdOf('platform', kind.kind, row.id);
    requireSourceDepartment(caller, row.department, kind.subject(row, caseId));
    if (row.status !== kind.openStatus) throw badUserInput(kind.alreadyDecided(row, caseId));
    // Told first: if the department cannot store it, nothing is decided and the case stays open.
    const change = decision.change(row, caseId);
    if (change) await notifyDepartment(row.department.toLowerCase(), change, context);
    await tx
      .update(t)
      .set({
        ...decision.extra,
        status: decision.status,
        decidedAt: toSqlInstant(new Date()),
        decidedBy: caller.kind === 'GOVERNMENT' ? caller.department : null,
        decisionReason: decision.reason,
      } as Partial<typeof objections.$inferInsert>)
      .where(eq(t.id, row.id));
  });
  return caseById(db, kind, rowId!);
}
