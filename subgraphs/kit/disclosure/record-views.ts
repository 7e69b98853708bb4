import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Caller } from '../identity/caller.ts';
import type { ForwardedCallerToken } from '../identity/caller-token.ts';
import { parseRecordId } from './record-id.ts';
import { DepartmentRefusedError, DepartmentUnavailableError, lookupRecords, type DepartmentUrls, type RecordSummary } from './record-status-client.ts';
import type { ReferenceView } from './visibility.ts';

/**
 * Whether records of other departments are in the caller's view, for a field that names one by its
 * record id across departments (an objection's or a credit-repair application's record: references.ts,
 * `acrossDepartments`). The department that owns the record decides, as for its own fields: the
 * platform asks it over the record-status route (`POST /internal/records`) with the caller's token,
 * one call per department for every record a request names (up to 100 ids a call), never one per
 * record. A department that cannot be asked withholds the names, never releases them.
 */

type Context = { caller: Caller; callerToken: ForwardedCallerToken | null; departmentUrls: DepartmentUrls };

/** The most ids the record-status route takes in one call (record-status-routes.ts). */
const IDS_PER_CALL = 100;

type Answer = RecordSummary | null | GraphQLError;

function unavailable(department: string, error: unknown): GraphQLError {
  const why = error instanceof DepartmentUnavailableError || error instanceof DepartmentRefusedError ? error.message : `the ${department} department could not be asked`;
  return new GraphQLError(`Whether this record is in your view cannot be told right now (${why}); withheld, try again shortly.`, {
    extensions: { code: 'DEPARTMENT_UNAVAILABLE', department },
  });
}

async function askDepartments(context: Context, ids: readonly string[]): Promise<Answer[]> {
  const byDepartment = new Map<string, string[]>();
  for (const id of new Set(ids)) {
    const department = parseRecordId(id)?.domain;
    if (department) byDepartment.set(department, [...(byDepartment.get(department) ?? []), id]);
  }
  const answers = new Map<string, Answer>();
  await Promise.all(
    [...byDepartment].map(async ([department, mine]) => {
      try {
        if (!context.callerToken) throw new DepartmentUnavailableError(department, 'an anonymous request cannot ask a department about its records');
        for (let i = 0; i < mine.length; i += IDS_PER_CALL) {
          for (const record of await lookupRecords(department, context.departmentUrls, context.callerToken, mine.slice(i, i + IDS_PER_CALL))) answers.set(record.recordId, record);
        }
      } catch (error) {
        for (const id of mine) answers.set(id, unavailable(department, error));
      }
    }),
  );
  return ids.map((id) => answers.get(id) ?? null);
}

const loaders = new WeakMap<object, DataLoader<string, Answer>>();

/** Made per request (keyed by its context), like every loader: an answer is never shared between callers. */
function recordsLoader(context: Context): DataLoader<string, Answer> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((ids: readonly string[]) => askDepartments(context, ids));
    loaders.set(context, loader);
  }
  return loader;
}

/**
 * Where the record `recordId` of entity `uscc` stands for this request's caller: IN_VIEW while it is
 * in force; OUT_OF_VIEW once it has left public view; UNKNOWN when its department holds no such record
 * of that entity. Government sees every record. Throws DEPARTMENT_UNAVAILABLE when it cannot be told.
 */
export async function viewOfRecordElsewhere(context: Context, uscc: string, recordId: string): Promise<ReferenceView> {
  if (context.caller.kind === 'GOVERNMENT') return 'IN_VIEW';
  const answer = await recordsLoader(context).load(recordId);
  if (answer instanceof GraphQLError) throw answer;
  if (!answer || answer.uscc !== uscc) return 'UNKNOWN';
  return answer.state === 'IN_FORCE' ? 'IN_VIEW' : 'OUT_OF_VIEW';
}
