import { RECORD_HOLDING_DEPARTMENTS } from '../../departments.ts';
import { GraphQLError } from 'graphql';
import type { Caller } from '../../kit/identity/caller.ts';
import { describeCaller } from '../../kit/identity/caller.ts';
import type { ForwardedCallerToken } from '../../kit/identity/caller-token.ts';
import { badUserInput } from '../../kit/runtime/errors.ts';
import { parseRecordId } from '../../kit/disclosure/record-id.ts';
import {
  changeRecordStatus,
  DepartmentRefusedError,
  DepartmentUnavailableError,
  lookupRecords,
  type DepartmentUrls,
  type RecordStatusChangeRequest,
  type RecordSummary,
} from '../../kit/disclosure/record-status-client.ts';

// A case's dealings with the record's source department: finding it from the record id, asking it
// about the record, telling it what was decided, and who of government may decide.

const MAX_REASON = 2000;
export const MAX_LIST = 500;

/** The source department (subgraph name, lower case) of a record id; a clear error for anything else. */
export async function sourceDepartmentOf(recordId: string): Promise<string> {
  const parsed = parseRecordId(recordId);
  const known = RECORD_HOLDING_DEPARTMENTS;
  if (!parsed) throw badUserInput(`recordId ${JSON.stringify(recordId)}: expected a record id such as market.penalty.42`);
  if (!known.includes(parsed.domain)) {
    throw badUserInput(`recordId ${recordId}: no department ${JSON.stringify(parsed.domain)} holds records; record ids start with ${known.join(', ')}`);
  }
  return parsed.domain;
}

/** A department filter as given (MARKET, market): upper case, and one that holds records. */
export async function checkedDepartment(department: string | null | undefined): Promise<string | undefined> {
  if (!department) return undefined;
  const upper = department.trim().toUpperCase();
  const known = RECORD_HOLDING_DEPARTMENTS.map((d) => d.toUpperCase());
  if (!known.includes(upper)) throw badUserInput(`department ${JSON.stringify(department)}: expected one of ${known.join(', ')}`);
  return upper;
}

export function checkedReason(reason: string, what = 'reason'): string {
  const trimmed = reason.trim();
  if (!trimmed || trimmed.length > MAX_REASON) throw badUserInput(`${what} must say why, in 1 to ${MAX_REASON} characters`);
  return trimmed;
}

export function checkedFirst(first: number | null | undefined): number {
  const n = first ?? 100;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIST) throw badUserInput(`first must be between 1 and ${MAX_LIST}, got ${n}`);
  return n;
}

/** The caller must be government of the record's source department: no other department decides on its records. */
export function requireSourceDepartment(caller: Caller, department: string, what: string): void {
  if (caller.kind === 'GOVERNMENT' && caller.department === department) return;
  throw new GraphQLError(`${what} is decided by government of ${department}, the record's source department; you are ${describeCaller(caller)}`, {
    extensions: { code: 'FORBIDDEN', reason: 'DOMAIN' },
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** A department's failure as the client sees it: unavailable (try again), or the department's refusal. */
function asClientError(error: unknown): unknown {
  if (error instanceof DepartmentUnavailableError) {
    return new GraphQLError(`${error.message}; nothing was changed, try again shortly`, {
      extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: error.department },
    });
  }
  if (error instanceof DepartmentRefusedError) {
    if (error.status === 404) return notFound(error.message);
    if (error.status === 403) return new GraphQLError(error.message, { extensions: { code: 'FORBIDDEN', reason: 'DOMAIN' } });
    if (error.status === 409) return badUserInput(error.message);
  }
  return error;
}

export interface DepartmentContext {
  callerToken: ForwardedCallerToken | null;
  departmentUrls: DepartmentUrls;
}

function signedIn(callerToken: ForwardedCallerToken | null): ForwardedCallerToken {
  // The access rules let only signed-in callers this far; a request without a caller token is a bug.
  if (!callerToken) throw new Error('a record case without a signed-in caller');
  return callerToken;
}

/** The record, as its source department describes it to this caller; null if it holds no such record. */
export async function lookupRecord(department: string, recordId: string, { callerToken, departmentUrls }: DepartmentContext): Promise<RecordSummary | null> {
  try {
    const [record] = await lookupRecords(department, departmentUrls, signedIn(callerToken), [recordId]);
    return record ?? null;
  } catch (error) {
    throw asClientError(error);
  }
}

/** Tells the source department what was decided; throws (and so rolls back the caller's transaction) if it cannot. */
export async function notifyDepartment(department: string, change: RecordStatusChangeRequest, { callerToken, departmentUrls }: DepartmentContext): Promise<RecordSummary> {
  try {
    return await changeRecordStatus(department, departmentUrls, signedIn(callerToken), change);
  } catch (error) {
    throw asClientError(error);
  }
}

/** Who filed, as stored: the institution's organisation, the government department, the entity's code. */
export function filerOf(caller: Exclude<Caller, { kind: 'ANONYMOUS' }>): string {
  return caller.kind === 'INSTITUTION' ? caller.organisation : caller.kind === 'GOVERNMENT' ? caller.department : caller.uscc;
}
