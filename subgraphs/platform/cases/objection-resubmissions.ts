import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { DepartmentRefusedError, DepartmentUnavailableError } from '../../kit/disclosure/record-status-client.ts';
import { lookupRevisions, type RevisionSummary } from '../../kit/collection/revisions-client.ts';
import type { SubgraphContext } from '../../kit/subgraph/subgraph.ts';
import { isoInstant } from '../db/instants.ts';
import type { PlatformDb } from '../db/tables.ts';
import type { CaseLoaders, ObjectionRow } from './loaders.ts';

// An objection's history of resubmissions (issue: a resubmission of a record under objection is
// recorded in that objection's history). The source department records each resubmission and
// withdrawal with the record, in the submission's own transaction (kit/collection/revisions-route.ts
// says why it is read from there, not delivered here); the platform asks each department once per
// request for the revisions inside its objections' windows, filedAt to decidedAt.

type Context = SubgraphContext<CaseLoaders, PlatformDb>;

/** One entry as served: it carries its objection's entity and filer, so the access rules decide it as part of that case. */
export interface ObjectionResubmission {
  uscc: string;
  filerKind: ObjectionRow['filerKind'];
  filedBy: string;
  at: string;
  department: string;
  batchId: string;
  kind: RevisionSummary['kind'];
  changedFields: string[];
}

function unavailable(department: string, error: unknown): GraphQLError {
  const why =
    error instanceof DepartmentUnavailableError
      ? error.message
      : error instanceof DepartmentRefusedError
        ? `the ${department} department refused to say (${error.message})`
        : `the ${department} department could not be asked`;
  return new GraphQLError(`The resubmissions of this record cannot be read right now: ${why}; try again shortly.`, {
    extensions: { code: 'DEPARTMENT_UNAVAILABLE', department },
  });
}

function within(revision: RevisionSummary, row: ObjectionRow): boolean {
  return revision.recordId === row.recordId && revision.uscc === row.uscc && revision.at >= row.filedAt && (row.decidedAt === null || revision.at <= row.decidedAt);
}

const loaders = new WeakMap<object, DataLoader<ObjectionRow, ObjectionResubmission[] | GraphQLError, number>>();

/** Made per request (per context): one call per department for every objection the request reads. */
function resubmissionsLoader(context: Context): DataLoader<ObjectionRow, ObjectionResubmission[] | GraphQLError, number> {
  let loader = loaders.get(context);
  if (loader) return loader;
  loader = new DataLoader(
    async (rows: readonly ObjectionRow[]) => {
      const byDepartment = new Map<string, ObjectionRow[]>();
      for (const row of rows) byDepartment.set(row.department.toLowerCase(), [...(byDepartment.get(row.department.toLowerCase()) ?? []), row]);
      const answers = new Map<string, RevisionSummary[] | GraphQLError>();
      await Promise.all(
        [...byDepartment].map(async ([department, mine]) => {
          try {
            if (!context.callerToken) throw new Error('no caller token');
            const windows = mine.map((row) => ({ recordId: row.recordId, uscc: row.uscc, from: row.filedAt, to: row.decidedAt }));
            answers.set(department, await lookupRevisions(department, context.departmentUrls, context.callerToken, windows));
          } catch (error) {
            answers.set(department, unavailable(department, error));
          }
        }),
      );
      return rows.map((row) => {
        const answer = answers.get(row.department.toLowerCase())!;
        if (answer instanceof GraphQLError) return answer;
        return answer
          .filter((revision) => within(revision, row))
          .map((revision) => ({
            uscc: row.uscc,
            filerKind: row.filerKind,
            filedBy: row.filedBy,
            at: isoInstant(revision.at),
            department: revision.by,
            batchId: revision.batchId,
            kind: revision.kind,
            changedFields: revision.changedFields,
          }));
      });
    },
    { cacheKeyFn: (row) => row.id, maxBatchSize: 100 },
  );
  loaders.set(context, loader);
  return loader;
}

export async function objectionResubmissions(row: ObjectionRow, context: Context): Promise<ObjectionResubmission[]> {
  const answer = await resubmissionsLoader(context).load(row);
  if (answer instanceof GraphQLError) throw answer;
  return answer;
}
