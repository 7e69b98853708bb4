import { eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describeCaller } from '../../kit/identity/caller.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { checkedFirst, checkedReason, notFound } from '../cases/source-department.ts';
import { toSqlInstant } from '../db/instants.ts';
import { platformRowId } from '../db/row-id.ts';
import type { PlatformDb } from '../db/tables.ts';
/** Tax's own commitments, as the gateway hands them over (@requires); null when tax did not answer. */
interface TaxCommitmentInputs {
  uscc: string;
  tax?: { commitments: Record<string, any>[] } | null;
}
import { overdueCommitments, type CommitmentLoaders } from './loaders.ts';
import { COMMITMENT_KINDS, creditCommitments, type CommitmentKind, type CreditCommitmentRow } from './table.ts';

type Context = SubgraphContext<CommitmentLoaders, PlatformDb>;

const MAX_CONTENT = 2000;
const MAX_EVIDENCE_REFERENCE = 200;
const DEPARTMENT = /^[A-Z][A-Z0-9_]{1,63}$/;

interface CommitmentInput {
  uscc: string;
  kind: CommitmentKind;
  content: string;
  department: string;
  dueOn: string;
}

/** One commitment as the platform shows it, whoever keeps it (the platform, or tax). */
export interface CommitmentView {
  id: string;
  uscc: string;
  kind: string;
  content: string;
  department: string;
  authority: string | null;
  madeOn: string;
  dueOn: string | null;
  outcome: string;
  outcomeReason: string | null;
  decidedOn: string | null;
  form: string;
}

function viewOf(row: CreditCommitmentRow): CommitmentView {
  return {
    id: `platform.commitment.${row.id}`,
    uscc: row.uscc,
    kind: row.kind,
    content: row.content,
    department: row.department,
    authority: row.recordedBy,
    madeOn: row.madeOn,
    dueOn: row.dueOn,
    outcome: row.outcome,
    outcomeReason: row.outcomeReason,
    decidedOn: row.decidedOn,
    form: row.form,
  };
}

/** Tax's own commitments, as its department publishes them (through @requires): the same list. */
function taxCommitments(entity: TaxCommitmentInputs): CommitmentView[] {
  const rows = entity.tax?.commitments ?? [];
  return rows.map((c) => ({
    id: c.id,
    uscc: entity.uscc,
    kind: c.kind === 'DEFERRED_DOCUMENTS' || c.kind === 'CERTIFICATION_WAIVER' || c.kind === 'CREDIT_REPAIR' || c.kind === 'VOLUNTARY' ? c.kind : 'VOLUNTARY',
    content: c.content,
    department: 'TAX',
    authority: c.authority ?? c.sourceDepartment,
    madeOn: c.madeOn,
    dueOn: c.dueOn,
    outcome: c.outcome,
    outcomeReason: null,
    decidedOn: c.verifiedOn,
    form: 'ONLINE',
  }));
}

function checkedCommitment(input: CommitmentInput, today: string): CommitmentInput {
  const content = input.content.trim();
  if (!content || content.length > MAX_CONTENT) throw badUserInput(`content must say what is promised, in 1 to ${MAX_CONTENT} characters`);
  const department = input.department.trim().toUpperCase();
  if (!DEPARTMENT.test(department)) throw badUserInput(`department ${JSON.stringify(input.department)}: the department concerned as government signs in, e.g. MARKET or ADMINISTRATIVE_APPROVAL`);
  if (input.dueOn < today) throw badUserInput(`dueOn ${input.dueOn} is in the past (today is ${today} in China Standard Time)`);
  if (!COMMITMENT_KINDS.includes(input.kind)) throw badUserInput(`kind must be one of ${COMMITMENT_KINDS.join(', ')}`);
  return { ...input, content, department };
}

async function insertCommitment(db: PlatformDb, input: CommitmentInput, today: string, paper?: { evidenceReference: string; recordedBy: string }) {
  const [{ id }] = await db
    .insert(creditCommitments)
    .values({
      uscc: input.uscc,
      kind: input.kind,
      content: input.content,
      department: input.department,
      madeOn: today,
      dueOn: input.dueOn,
      form: paper ? 'PAPER' : 'ONLINE',
      evidenceReference: paper?.evidenceReference ?? null,
      recordedBy: paper?.recordedBy ?? null,
      outcome: 'PENDING',
      createdAt: toSqlInstant(new Date()),
    })
    .$returningId();
  const [row] = await db.select().from(creditCommitments).where(eq(creditCommitments.id, id));
  return viewOf(row);
}

export const commitmentResolvers = {
  Query: {
    // INTERNAL: government only (the access rules).
    async overdueCommitments(_: unknown, args: { department?: string | null; asOf?: string | null; first?: number | null }, { db, today }: Context) {
      const rows = await overdueCommitments(db, { department: args.department?.trim().toUpperCase() || undefined, asOf: args.asOf ?? today, limit: checkedFirst(args.first) });
      return rows.map(viewOf);
    },
  },
  Mutation: {
    // AUTHORISED: the access rules let through the entity itself and government; making one is the entity's own act.
    async makeCreditCommitment(_: unknown, { input }: { input: CommitmentInput }, { caller, db, today }: Context) {
      if (caller.kind !== 'SUBJECT' || caller.uscc !== input.uscc) {
        throw new GraphQLError(`Only entity ${input.uscc} itself makes its commitments; government records one made on paper with recordPaperCommitment. You are ${describeCaller(caller)}`, {
          extensions: { code: 'FORBIDDEN', reason: 'LEVEL' },
        });
      }
      return insertCommitment(db, checkedCommitment(input, today), today);
    },

    // INTERNAL: government only.
    async recordPaperCommitment(_: unknown, { input }: { input: CommitmentInput & { evidenceReference: string } }, { caller, db, today }: Context) {
      const evidenceReference = input.evidenceReference.trim();
      if (!evidenceReference || evidenceReference.length > MAX_EVIDENCE_REFERENCE) {
        throw badUserInput(`evidenceReference must name the signed commitment (承诺书编号), 1 to ${MAX_EVIDENCE_REFERENCE} characters`);
      }
      const recordedBy = caller.kind === 'GOVERNMENT' ? caller.department : 'UNKNOWN';
      return insertCommitment(db, checkedCommitment(input, today), today, { evidenceReference, recordedBy });
    },

    // INTERNAL: government, and only of the department concerned (compared exactly).
    async decideCreditCommitment(_: unknown, args: { id: string; outcome: 'KEPT' | 'BROKEN'; reason: string }, { caller, db, today }: Context) {
      const rowId = platformRowId(args.id, 'commitment');
      const reason = checkedReason(args.reason);
      return db.transaction(async (tx) => {
        const [row] = rowId === null ? [] : await tx.select().from(creditCommitments).where(eq(creditCommitments.id, rowId)).for('update');
        if (!row) throw notFound(`No credit commitment ${args.id}`);
        if (caller.kind !== 'GOVERNMENT' || caller.department !== row.department) {
          throw new GraphQLError(`Whether commitment ${args.id} was kept is recorded by government of ${row.department}, the department concerned; you are ${describeCaller(caller)}`, {
            extensions: { code: 'FORBIDDEN', reason: 'DOMAIN' },
          });
        }
        if (row.outcome !== 'PENDING') throw badUserInput(`commitment ${args.id} was already marked ${row.outcome}`);
        await tx.update(creditCommitments).set({ outcome: args.outcome, outcomeReason: reason, decidedOn: today, decidedBy: caller.department }).where(eq(creditCommitments.id, row.id));
        const [updated] = await tx.select().from(creditCommitments).where(eq(creditCommitments.id, row.id));
        return viewOf(updated);
      });
    },
  },
  Entity: {
    async creditCommitments(entity: TaxCommitmentInputs, _: unknown, { loaders }: Context) {
      if (entity.tax === null) {
        throw new GraphQLError(`Entity.creditCommitments of entity ${entity.uscc} is withheld: tax's own commitments are missing from this response, and a partial list would read as complete. Try again shortly.`, {
          extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'tax', departments: ['tax'] },
        });
      }
      const own = (await loaders.commitmentsByUscc.load(entity.uscc)).map(viewOf);
      return [...own, ...taxCommitments(entity)].sort((a, b) => b.madeOn.localeCompare(a.madeOn));
    },
  },
};
