import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createRowsLoader } from '../../kit/db/batch-loaders.ts';
import { creditCommitments, type CreditCommitmentRow } from './table.ts';

/** The platform's commitments per entity, newest first: one statement per request, however many entities. */
export function createCommitmentLoaders(db: MySql2Database<any>) {
  const byUscc = createRowsLoader(
    (usccs: readonly string[]) => db.select().from(creditCommitments).where(inArray(creditCommitments.uscc, [...usccs])).orderBy(desc(creditCommitments.madeOn), desc(creditCommitments.id)),
    (row: CreditCommitmentRow) => row.uscc,
  );
  return {
    commitmentsByUscc: byUscc,
    /** The ids of the entity's broken commitments, for the evaluation (evaluation/resolvers.ts). */
    brokenCommitments: { load: async (uscc: string) => (await byUscc.load(uscc)).filter((c) => c.outcome === 'BROKEN').map((c) => `platform.commitment.${c.id}`) },
  };
}

export type CommitmentLoaders = ReturnType<typeof createCommitmentLoaders>;

/** Commitments still pending after their due day, by department (exact), most overdue first. */
export function overdueCommitments(db: MySql2Database<any>, { department, asOf, limit }: { department?: string; asOf: string; limit: number }) {
  return db
    .select()
    .from(creditCommitments)
    .where(and(eq(creditCommitments.outcome, 'PENDING'), lt(creditCommitments.dueOn, asOf), department ? eq(creditCommitments.department, department) : undefined))
    .orderBy(asc(creditCommitments.dueOn), asc(creditCommitments.id))
    .limit(limit);
}
