import { and, desc, eq, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { recordId as caseId } from '../../kit/disclosure/record-id.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import { isoInstant, toSqlInstant } from '../db/instants.ts';
import { creditRepairApplications, type PlatformDb } from '../db/tables.ts';
import type { CaseLoaders, CreditRepairRow } from './loaders.ts';
import { checkedDepartment, checkedFirst, checkedReason, lookupRecord, notFound, sourceDepartmentOf } from './source-department.ts';
import { decideCase, openCase, type CaseKind } from './workflow.ts';

// Credit repair (信用修复): the entity applies through the platform; government of the record's source
// department approves or rejects; an approval is stored by that department, which from then on keeps
// the record out of the PUBLIC and AUTHORISED views (kit/disclosure/visibility.ts).

type Context = SubgraphContext<CaseLoaders, PlatformDb>;

const CREDIT_REPAIR: CaseKind<typeof creditRepairApplications> = {
  kind: 'credit-repair',
  table: creditRepairApplications,
  openStatus: 'PENDING',
  alreadyOpen: (open, openId) => `${open.recordId} already has a pending application, ${openId}`,
  unknown: (id) => `No credit-repair application ${id}`,
  subject: (row) => `Credit repair of ${row.recordId}`,
  alreadyDecided: (row, id) => `${id} was already ${row.status.toLowerCase()}`,
};

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

      return openCase(db, CREDIT_REPAIR, {
        uscc: input.uscc,
        recordId: input.recordId,
        department: department.toUpperCase(),
        reason,
        appliedAt: toSqlInstant(new Date()),
        status: 'PENDING',
      });
    },

    // INTERNAL: government only; and only the record's source department decides.
    async decideCreditRepair(_: unknown, args: { id: string; decision: 'APPROVE' | 'REJECT'; reason: string }, context: Context) {
      const reason = checkedReason(args.reason);
      return decideCase(context, CREDIT_REPAIR, {
        id: args.id,
        status: args.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
        reason,
        // A rejection leaves the record as it is: the department has nothing to store.
        change: (row, reference) => (args.decision === 'APPROVE' ? { recordId: row.recordId, change: 'REPAIRED', reference } : null),
      });
    },
  },

  Entity: {
    creditRepairApplications: ({ uscc }: { uscc: string }, _: unknown, { loaders }: Context) => loaders.creditRepairsByUscc.load(uscc),
  },

  CreditRepairApplication: {
    id: (row: CreditRepairRow) => caseId('platform', CREDIT_REPAIR.kind, row.id),
    appliedAt: (row: CreditRepairRow) => isoInstant(row.appliedAt),
    decidedAt: (row: CreditRepairRow) => (row.decidedAt === null ? null : isoInstant(row.decidedAt)),
  },
};
