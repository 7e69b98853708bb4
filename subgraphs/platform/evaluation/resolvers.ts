import { GraphQLError } from 'graphql';
import { badUserInput } from '../../kit/runtime/errors.ts';
import { decodeCursor, pageSize, toConnection } from '../../kit/runtime/pagination.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import type { PlatformDb } from '../db/tables.ts';
import { isoInstant } from '../db/instants.ts';
import { LISTING_DEPARTMENTS } from '../lists/listing-inputs.ts';
import { listingsOf, missingDepartments, type ListingInputs } from '../lists/listings.ts';
import { countedListings, evaluate, type CountedRecord, type Evaluation } from './evaluate.ts';
import { inspectionPoolPage, type EvaluationLoaders } from './loaders.ts';
import type { EvaluationGrade } from './table.ts';

/** What the evaluation reads besides its inputs: the scheme, the latest results, broken commitments (commitments/). */
export interface EvaluationContextLoaders extends EvaluationLoaders {
  brokenCommitments?: { load(uscc: string): Promise<string[]> };
}


type Context = SubgraphContext<EvaluationContextLoaders, PlatformDb>;

const REGION_PREFIX = /^\d{2,6}$/;

/** The list entries in force an evaluation counts, from the @requires inputs. */
function recordsOf(entity: ListingInputs, today: string): CountedRecord[] {
  return countedListings(listingsOf(entity, today));
}

/**
 * One entity's evaluation, or the error in its place: with a department's records missing, a grade
 * would read as cleaner than it is, so none is given.
 */
async function evaluationOf(entity: ListingInputs, field: string, { loaders, today }: Context): Promise<Evaluation> {
  if (LISTING_DEPARTMENTS.every((department) => entity[department] === undefined)) {
    throw new GraphQLError(`Entity.${field} is computed from the departments' records, which the gateway supplies with the request (@requires); ask it through the gateway.`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  const missing = missingDepartments(entity);
  if (missing.length > 0) {
    throw new GraphQLError(
      `Entity.${field} of entity ${entity.uscc} is withheld: it needs the ${missing.join(', ')} records, which are missing from this response, and a grade without them would read as cleaner than it is. Try again shortly.`,
      { extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: missing[0], departments: missing } },
    );
  }
  const [scheme, broken] = await Promise.all([loaders.evaluationScheme.load(), loaders.brokenCommitments?.load(entity.uscc) ?? Promise.resolve([])]);
  const records = [...recordsOf(entity, today), ...broken.map((recordId) => ({ counts: 'BROKEN_COMMITMENT', recordId }))];
  const evaluation = evaluate(scheme, records, today);
  await loaders.evaluationResults.record(entity.uscc, evaluation);
  return evaluation;
}

export const evaluationResolvers = {
  Query: {
    evaluationScheme: (_: unknown, __: unknown, { loaders }: Context) => loaders.evaluationScheme.load(),

    // INTERNAL: the access rules have let through government only.
    async inspectionPool(_: unknown, args: { grade: EvaluationGrade; region: string; first?: number | null; after?: string | null }, { db }: Context) {
      if (!REGION_PREFIX.test(args.region)) throw badUserInput(`region ${JSON.stringify(args.region)}: expected a GB/T 2260 code or prefix of 2 to 6 digits, e.g. 21 or 210603`);
      const size = pageSize(args.first);
      const after = args.after ? String(decodeCursor(args.after, 1)[0]) : undefined;
      const rows = await inspectionPoolPage(db, { grade: args.grade, region: args.region, after, limit: size + 1 });
      return toConnection(rows, size, (row) => [row.uscc], (row) => ({ ...row, evaluatedAt: isoInstant(row.evaluatedAt) }));
    },
  },
  Entity: {
    creditEvaluation: (entity: ListingInputs, _: unknown, context: Context) => evaluationOf(entity, 'creditEvaluation', context),
    // INTERNAL: government only (the access rules), and logged.
    async supervision(entity: ListingInputs, _: unknown, context: Context) {
      const evaluation = await evaluationOf(entity, 'supervision', context);
      return { uscc: entity.uscc, grade: evaluation.grade, class: evaluation.label, inspectionRatio: evaluation.inspectionRatio, asOf: evaluation.asOf };
    },
  },
  CreditEvaluation: {
    basis: (evaluation: Evaluation) => evaluation.basis.map((line) => ({ ...line, indicator: line.indicator })),
  },
};
