import { and, asc, eq, gt, like, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import DataLoader from 'dataloader';
import { MAX_BATCH_SIZE } from '../../kit/db/batch-loaders.ts';
import { toSqlInstant } from '../db/instants.ts';
import type { Evaluation, Scheme } from './evaluate.ts';
import { evaluationGrades, evaluationIndicators, evaluationResults, evaluationSchemes, type EvaluationGrade } from './table.ts';

/** The scheme in force, read once per request (however many entities it evaluates): an edit holds from the next request. */
function createSchemeLoader(db: MySql2Database<any>): { load(): Promise<Scheme> } {
  let pending: Promise<Scheme> | undefined;
  return {
    load: () =>
      (pending ??= (async () => {
        const [scheme] = await db.select().from(evaluationSchemes).where(eq(evaluationSchemes.active, true)).limit(1);
        if (!scheme) throw new Error('no evaluation scheme is active (evaluation_schemes.active)');
        const [indicators, grades] = await Promise.all([
          db.select().from(evaluationIndicators).where(eq(evaluationIndicators.scheme, scheme.code)).orderBy(asc(evaluationIndicators.position)),
          db.select().from(evaluationGrades).where(eq(evaluationGrades.scheme, scheme.code)).orderBy(sql`${evaluationGrades.minScore} DESC`),
        ]);
        return { ...scheme, indicators, grades };
    })()),
  };
}

/**
 * Keeps each evaluation computed in this request as the entity's latest result, all in one statement:
 * the population supervisors draw inspection samples from (双随机).
 */
function createResultRecorder(db: MySql2Database<any>): { record(uscc: string, evaluation: Evaluation): Promise<true> } {
  const loader = new DataLoader<{ uscc: string; evaluation: Evaluation }, true, string>(
    async (results) => {
      const now = toSqlInstant(new Date());
      await db
        .insert(evaluationResults)
        .values(results.map(({ uscc, evaluation }) => ({ uscc, region: uscc.slice(2, 8), scheme: evaluation.scheme, grade: evaluation.grade, score: evaluation.score, asOf: evaluation.asOf, evaluatedAt: now })))
        .onDuplicateKeyUpdate({
          set: { scheme: sql`VALUES(scheme)`, grade: sql`VALUES(grade)`, score: sql`VALUES(score)`, asOf: sql`VALUES(as_of)`, evaluatedAt: sql`VALUES(evaluated_at)` },
        });
      return results.map(() => true as const);
    },
    { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn: (r) => r.uscc },
  );
  return { record: (uscc, evaluation) => loader.load({ uscc, evaluation }) };
}

export function createEvaluationLoaders(db: MySql2Database<any>) {
  return { evaluationScheme: createSchemeLoader(db), evaluationResults: createResultRecorder(db) };
}

export type EvaluationLoaders = ReturnType<typeof createEvaluationLoaders>;

/** One page of the entities last evaluated in a grade, in a region (a GB/T 2260 prefix), by code. */
export function inspectionPoolPage(db: MySql2Database<any>, { grade, region, after, limit }: { grade: EvaluationGrade; region: string; after?: string; limit: number }) {
  return db
    .select()
    .from(evaluationResults)
    .where(and(eq(evaluationResults.grade, grade), like(evaluationResults.region, `${region}%`), after ? gt(evaluationResults.uscc, after) : undefined))
    .orderBy(asc(evaluationResults.uscc))
    .limit(limit);
}
