import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { chinaToday } from '../../kit/calendar/china-day.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import { recordId as caseId } from '../../kit/disclosure/record-id.ts';
import type { RecordStatusChange } from '../../kit/disclosure/record-status-client.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { addWorkingDays } from '../../kit/calendar/working-days.ts';
import { isoInstant, toSqlInstant } from '../db/instants.ts';
import { objections, type PlatformDb } from '../db/tables.ts';
import type { CaseLoaders, ObjectionRow } from './loaders.ts';
import { checkedDepartment, checkedFirst, checkedReason, filerOf, lookupRecord, notFound, notifyDepartment, sourceDepartmentOf } from './source-department.ts';
import { decideCase, openCase, type CaseKind } from './workflow.ts';
import { objectionResubmissions } from './objection-resubmissions.ts';

// Objections (异议): anyone signed in disputes a record; its source department is told at once and
// shows the record as disputed in every view; government of that department decides within the
// review deadline (OBJECTION_REVIEW_WORKING_DAYS working days), and the department applies the outcome.

type Context = SubgraphContext<CaseLoaders, PlatformDb>;
type Outcome = 'CORRECTED' | 'REVOKED' | 'REJECTED';

const MAX_CORRECTION_NOTE = 500;
const CHANGE_FOR: Record<Outcome, RecordStatusChange> = { CORRECTED: 'CORRECTED', REVOKED: 'REVOKED', REJECTED: 'OBJECTION_REJECTED' };

const OBJECTION: CaseKind<typeof objections> = {
  kind: 'objection',
  table: objections,
  openStatus: 'UNDER_REVIEW',
  alreadyOpen: (open, openId) => `${open.recordId} is already under objection ${openId}, due ${open.dueOn}`,
  unknown: (id) => `No objection ${id}`,
  subject: (_row, id) => `Objection ${id}`,
  alreadyDecided: (row, id) => `${id} was already decided: ${row.status}`,
};

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

    // PUBLIC, so that any signed-in caller reads its own: anonymous callers are refused here, and the
    // filer is matched byte for byte (BINARY), as the access rules then compare it exactly.
    async filedObjections(_: unknown, args: { first?: number | null }, { caller, db }: Context) {
      if (caller.kind === 'ANONYMOUS') {
        throw new GraphQLError('filedObjections lists the objections you filed: sign in with a bearer token (see the README, Access)', {
          extensions: { code: 'FORBIDDEN', reason: 'LEVEL' },
        });
      }
      return db
        .select()
        .from(objections)
        // The plain comparison finds the rows by the index; BINARY keeps those equal byte for byte.
        .where(and(eq(objections.filerKind, caller.kind), eq(objections.filedBy, filerOf(caller)), sql`BINARY ${objections.filedBy} = ${filerOf(caller)}`))
        .orderBy(desc(objections.filedAt), desc(objections.id))
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
      return openCase(
        db,
        OBJECTION,
        {
          uscc: record.uscc,
          recordId: input.recordId,
          department: department.toUpperCase(),
          reason,
          filedAt: toSqlInstant(new Date()),
          filerKind: caller.kind,
          filedBy: filerOf(caller),
          dueOn: addWorkingDays(lifecycle.calendar, filedOn, lifecycle.objectionReviewWorkingDays),
          status: 'UNDER_REVIEW',
        },
        // Inside the transaction: if the department cannot mark the record disputed, there is no objection.
        (reference) => notifyDepartment(department, { recordId: input.recordId, change: 'DISPUTED', reference }, context),
      );
    },

    // INTERNAL: government only; and only the record's source department decides.
    async decideObjection(_: unknown, args: { id: string; outcome: Outcome; reason: string; correctionNote?: string | null }, context: Context) {
      const reason = checkedReason(args.reason);
      const note = args.correctionNote?.trim() || null;
      if (args.outcome === 'CORRECTED' && (!note || note.length > MAX_CORRECTION_NOTE)) {
        throw badUserInput(`a CORRECTED objection needs a correctionNote saying what was corrected, 1 to ${MAX_CORRECTION_NOTE} characters`);
      }
      if (args.outcome !== 'CORRECTED' && note) throw badUserInput(`correctionNote goes with CORRECTED only, not ${args.outcome}`);
      return decideCase(context, OBJECTION, {
        id: args.id,
        status: args.outcome,
        reason,
        extra: { correctionNote: note },
        change: (row, reference) => ({ recordId: row.recordId, change: CHANGE_FOR[args.outcome], reference, note }),
      });
    },
  },

  Entity: {
    objections: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.objectionsByUscc.load(uscc),
  },

  Objection: {
    id: (row: ObjectionRow) => caseId('platform', OBJECTION.kind, row.id),
    resubmissions: (row: ObjectionRow, _: unknown, context: Context) => objectionResubmissions(row, context),
    filedAt: (row: ObjectionRow) => isoInstant(row.filedAt),
    decidedAt: (row: ObjectionRow) => (row.decidedAt === null ? null : isoInstant(row.decidedAt)),
  },
};
