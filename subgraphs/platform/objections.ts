import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { chinaToday } from '../kit/access/authorisation-decision.ts';
import { badUserInput } from '../kit/runtime/errors.ts';
import { recordId as caseId } from '../kit/disclosure/record-id.ts';
import type { RecordStatusChange } from '../kit/disclosure/record-status-client.ts';
import type { SubgraphContext } from '../kit/subgraph/subgraph.ts';
import { addWorkingDays } from '../kit/calendar/working-days.ts';
import type { ObjectionRow } from './case-loaders.ts';
import { objections } from './db/tables.ts';
import { isoInstant } from './grants.ts';
import { toSqlInstant, type PlatformDb, type PlatformLoaders } from './loaders.ts';
import {
  caseRowId,
  checkedDepartment,
  checkedFirst,
  checkedReason,
  filerOf,
  lookupRecord,
  notFound,
  notifyDepartment,
  requireSourceDepartment,
  sourceDepartmentOf,
} from './record-cases.ts';

// Objections (异议): anyone signed in disputes a record; its source department is told at once and
// shows the record as disputed in every view; government of that department decides within the
// review deadline (OBJECTION_REVIEW_WORKING_DAYS working days), and the department applies the outcome.

type Context = SubgraphContext<PlatformLoaders, PlatformDb>;
type Outcome = 'CORRECTED' | 'REVOKED' | 'REJECTED';

const CASE_KIND = 'objection';
const MAX_CORRECTION_NOTE = 500;
const CHANGE_FOR: Record<Outcome, RecordStatusChange> = { CORRECTED: 'CORRECTED', REVOKED: 'REVOKED', REJECTED: 'OBJECTION_REJECTED' };

async function objectionById(db: PlatformDb, id: number): Promise<ObjectionRow> {
  const [row] = await db.select().from(objections).where(eq(objections.id, id));
  return row;
}

export const objectionResolvers = {
  Query: {
    // INTERNAL: the access rules have already required a government caller.
    async overdueObjections(_: unknown, args: { department?: string | null; asOf?: string | null; first?: number | null }, { db }: Context) {
      const department = await checkedDepartment(args.department);
      const asOf = args.asOf ?? chinaToday();
      // Due on a day: decided by the end of it, so overdue from the day after.
      const conditions: SQL[] = [eq(objections.status, 'UNDER_REVIEW'), lt(objections.dueOn, asOf)];
      if (department) conditions.push(eq(objections.department, department));
      return db
        .select()
        .from(objections)
        .where(and(...conditions))
        .orderBy(asc(objections.dueOn), asc(objections.id))
        .limit(checkedFirst(args.first));
    },

    async objections(_: unknown, args: { department?: string | null; status?: ObjectionRow['status'] | null; first?: number | null }, { db }: Context) {
      const department = await checkedDepartment(args.department);
      const conditions: SQL[] = [];
      if (department) conditions.push(eq(objections.department, department));
      if (args.status) conditions.push(eq(objections.status, args.status));
      return db
        .select()
        .from(objections)
        .where(and(...conditions))
        .orderBy(desc(objections.filedAt), desc(objections.id))
        .limit(checkedFirst(args.first));
    },
  },

  Mutation: {
    // PUBLIC, so that any signed-in caller may object: anonymous callers are refused here.
    async fileObjection(_: unknown, { input }: { input: { recordId: string; reason: string } }, context: Context) {
      const { caller, db, lifecycle } = context;
      if (caller.kind === 'ANONYMOUS') {
        throw new GraphQLError('fileObjection may be called by any caller who signs in: sign in with a bearer token (see the README, Access)', {
          extensions: { code: 'FORBIDDEN', reason: 'LEVEL' },
        });
      }
      const department = await sourceDepartmentOf(input.recordId);
      const reason = checkedReason(input.reason);
      const record = await lookupRecord(department, input.recordId, context);
      // A record out of public view is disputed only by those who still see it: its entity and government.
      const sees = record && (record.state === 'IN_FORCE' || caller.kind === 'GOVERNMENT' || (caller.kind === 'SUBJECT' && caller.uscc === record.uscc));
      if (!record || !sees) throw notFound(`No record ${input.recordId}`);

      const filedOn = chinaToday();
      const id = await db.transaction(async (tx) => {
        // Locks the record's objections: one under review at a time.
        const open = await tx
          .select()
          .from(objections)
          .where(and(eq(objections.recordId, input.recordId), eq(objections.status, 'UNDER_REVIEW')))
          .for('update');
        if (open.length > 0) {
          throw badUserInput(`${input.recordId} is already under objection ${caseId('platform', CASE_KIND, open[0].id)}, due ${open[0].dueOn}`);
        }
        const [inserted] = await tx
          .insert(objections)
          .values({
            uscc: record.uscc,
            recordId: input.recordId,
            department: department.toUpperCase(),
            reason,
            filedAt: toSqlInstant(new Date()),
            filerKind: caller.kind,
            filedBy: filerOf(caller),
            dueOn: addWorkingDays(lifecycle.calendar, filedOn, lifecycle.objectionReviewWorkingDays),
            status: 'UNDER_REVIEW',
          })
          .$returningId();
        // Inside the transaction: if the department cannot mark the record disputed, there is no objection.
        await notifyDepartment(department, { recordId: input.recordId, change: 'DISPUTED', reference: caseId('platform', CASE_KIND, inserted.id) }, context);
        return inserted.id;
      });
      return objectionById(db, id);
    },

    // INTERNAL: government only; and only the record's source department decides.
    async decideObjection(_: unknown, args: { id: string; outcome: Outcome; reason: string; correctionNote?: string | null }, context: Context) {
      const { caller, db } = context;
      const rowId = caseRowId(args.id, CASE_KIND);
      const reason = checkedReason(args.reason);
      const note = args.correctionNote?.trim() || null;
      if (args.outcome === 'CORRECTED' && (!note || note.length > MAX_CORRECTION_NOTE)) {
        throw badUserInput(`a CORRECTED objection needs a correctionNote saying what was corrected, 1 to ${MAX_CORRECTION_NOTE} characters`);
      }
      if (args.outcome !== 'CORRECTED' && note) throw badUserInput(`correctionNote goes with CORRECTED only, not ${args.outcome}`);
      await db.transaction(async (tx) => {
        const [row] = rowId === null ? [] : await tx.select().from(objections).where(eq(objections.id, rowId)).for('update');
        if (!row) throw notFound(`No objection ${args.id}`);
        requireSourceDepartment(caller, row.department, `Objection ${caseId('platform', CASE_KIND, row.id)}`);
        if (row.status !== 'UNDER_REVIEW') throw badUserInput(`${caseId('platform', CASE_KIND, row.id)} was already decided: ${row.status}`);
        // Told first: if the department cannot apply the outcome, nothing is decided.
        await notifyDepartment(
          row.department.toLowerCase(),
          { recordId: row.recordId, change: CHANGE_FOR[args.outcome], reference: caseId('platform', CASE_KIND, row.id), note },
          context,
        );
        await tx
          .update(objections)
          .set({
            status: args.outcome,
            decidedAt: toSqlInstant(new Date()),
            decidedBy: caller.kind === 'GOVERNMENT' ? caller.department : null,
            decisionReason: reason,
            correctionNote: note,
          })
          .where(eq(objections.id, row.id));
      });
      return objectionById(db, rowId!);
    },
  },

  Entity: {
    objections: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.objectionsByUscc.load(uscc),
  },

  Objection: {
    id: (row: ObjectionRow) => caseId('platform', CASE_KIND, row.id),
    filedAt: (row: ObjectionRow) => isoInstant(row.filedAt),
    decidedAt: (row: ObjectionRow) => (row.decidedAt === null ? null : isoInstant(row.decidedAt)),
  },
};
