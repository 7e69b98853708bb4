import { and, desc, eq, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { recordId as caseId } from '../kit/disclosure/record-id.ts';
import type { SubgraphContext } from '../kit/subgraph/subgraph.ts';
import { badUserInput } from '../kit/runtime/errors.ts';
import type { CreditRepairRow } from './case-loaders.ts';
import { creditRepairApplications } from './db/tables.ts';
import { isoInstant } from './grants.ts';
import { toSqlInstant, type PlatformDb, type PlatformLoaders } from './loaders.ts';
import {
  caseRowId,
  checkedDepartment,
  checkedFirst,
  checkedReason,
  lookupRecord,
  notFound,
  notifyDepartment,
  requireSourceDepartment,
  sourceDepartmentOf,
} from './record-cases.ts';

// Credit repair (信用修复): the entity applies through the platform; government of the record's source
// department approves or rejects; an approval is stored by that department, which from then on keeps
// the record out of the PUBLIC and AUTHORISED views (kit/disclosure.ts).

type Context = SubgraphContext<PlatformLoaders, PlatformDb>;

const CASE_KIND = 'credit-repair';

async function applicationById(db: PlatformDb, id: number): Promise<CreditRepairRow> {
  const [row] = await db.select().from(creditRepairApplications).where(eq(creditRepairApplications.id, id));
  return row;
}

export const creditRepairResolvers = {
  Query: {
    // INTERNAL: the access rules have already required a government caller.
    async creditRepairApplications(
      _: unknown,
      args: { department?: string | null; status?: CreditRepairRow['status'] | null; first?: number | null },
      { db }: Context,
    ) {
      const department = await checkedDepartment(args.department);
      const conditions: SQL[] = [];
      if (department) conditions.push(eq(creditRepairApplications.department, department));
      if (args.status) conditions.push(eq(creditRepairApplications.status, args.status));
      return db
        .select()
        .from(creditRepairApplications)
        .where(and(...conditions))
        .orderBy(desc(creditRepairApplications.appliedAt), desc(creditRepairApplications.id))
        .limit(checkedFirst(args.first));
    },
  },

  Mutation: {
    async applyForCreditRepair(_: unknown, { input }: { input: { uscc: string; recordId: string; reason: string } }, context: Context) {
      const { caller, db } = context;
      if (caller.kind !== 'SUBJECT' || caller.uscc !== input.uscc) {
        throw new GraphQLError(`Only entity ${input.uscc} itself applies to repair its records`, { extensions: { code: 'FORBIDDEN', reason: 'LEVEL' } });
      }
      const department = await sourceDepartmentOf(input.recordId);
      const reason = checkedReason(input.reason);
      const record = await lookupRecord(department, input.recordId, context);
      // Another entity's record, or none: the same answer, so records cannot be probed this way.
      if (!record || record.uscc !== input.uscc) throw notFound(`Entity ${input.uscc} has no record ${input.recordId}`);
      if (!record.repairable) {
        throw badUserInput(`${record.type} records are not repaired by credit repair (penalties and black-list entries are); to dispute one that is wrong, file an objection`);
      }
      if (record.state !== 'IN_FORCE') throw badUserInput(`${input.recordId} is already out of public view (${record.state}); there is nothing to repair`);

      const id = await db.transaction(async (tx) => {
        // Locks the record's applications, so two applications at once cannot both find none pending.
        const pending = await tx
          .select()
          .from(creditRepairApplications)
          .where(and(eq(creditRepairApplications.recordId, input.recordId), eq(creditRepairApplications.status, 'PENDING')))
          .for('update');
        if (pending.length > 0) {
          throw badUserInput(`${input.recordId} already has a pending application, ${caseId('platform', CASE_KIND, pending[0].id)}`);
        }
        const [inserted] = await tx
          .insert(creditRepairApplications)
          .values({
            uscc: input.uscc,
            recordId: input.recordId,
            department: department.toUpperCase(),
            reason,
            appliedAt: toSqlInstant(new Date()),
            status: 'PENDING',
          })
          .$returningId();
        return inserted.id;
      });
      return applicationById(db, id);
    },

    // INTERNAL: government only; and only the record's source department decides.
    async decideCreditRepair(_: unknown, args: { id: string; decision: 'APPROVE' | 'REJECT'; reason: string }, context: Context) {
      const { caller, db } = context;
      const rowId = caseRowId(args.id, CASE_KIND);
      const reason = checkedReason(args.reason);
      await db.transaction(async (tx) => {
        const [row] = rowId === null ? [] : await tx.select().from(creditRepairApplications).where(eq(creditRepairApplications.id, rowId)).for('update');
        if (!row) throw notFound(`No credit-repair application ${args.id}`);
        requireSourceDepartment(caller, row.department, `Credit repair of ${row.recordId}`);
        if (row.status !== 'PENDING') throw badUserInput(`${caseId('platform', CASE_KIND, row.id)} was already ${row.status.toLowerCase()}`);
        // Told first: if the department cannot store it, nothing is decided and the application stays pending.
        if (args.decision === 'APPROVE') {
          await notifyDepartment(row.department.toLowerCase(), { recordId: row.recordId, change: 'REPAIRED', reference: caseId('platform', CASE_KIND, row.id) }, context);
        }
        await tx
          .update(creditRepairApplications)
          .set({
            status: args.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
            decidedAt: toSqlInstant(new Date()),
            decidedBy: caller.kind === 'GOVERNMENT' ? caller.department : null,
            decisionReason: reason,
          })
          .where(eq(creditRepairApplications.id, row.id));
      });
      return applicationById(db, rowId!);
    },
  },

  Entity: {
    creditRepairApplications: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.creditRepairsByUscc.load(uscc),
  },

  CreditRepairApplication: {
    id: (row: CreditRepairRow) => caseId('platform', CASE_KIND, row.id),
    appliedAt: (row: CreditRepairRow) => isoInstant(row.appliedAt),
    decidedAt: (row: CreditRepairRow) => (row.decidedAt === null ? null : isoInstant(row.decidedAt)),
  },
};
