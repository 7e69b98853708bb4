import { CALLER_HEADER, type ForwardedCallerToken } from '../identity/caller-token.ts';
import type { RecordState } from './visibility.ts';
import { REQUEST_ID_HEADER } from '../runtime/http-server.ts';

/** Department endpoint: which of these record ids exist here, whose they are and where they stand. */
export const RECORDS_PATH = '/internal/records';
/** Department endpoint: what the platform's objection and repair processes decided about one record. */
export const RECORD_STATUS_PATH = '/internal/record-status';

export const RECORD_STATUS_CHANGES = ['DISPUTED', 'OBJECTION_REJECTED', 'CORRECTED', 'REVOKED', 'REPAIRED'] as const;
export type RecordStatusChange = (typeof RECORD_STATUS_CHANGES)[number];

export interface RecordStatusChangeRequest {
  recordId: string;
  change: RecordStatusChange;
  /** The platform's case behind the change: platform.objection.7, platform.credit-repair.3. */
  reference: string;
  /** For CORRECTED: what was corrected, shown with the record. */
  note?: string | null;
}

/** What a department says about one of its records. */
export interface RecordSummary {
  recordId: string;
  uscc: string;
  /** Its GraphQL type, e.g. Penalty. */
  type: string;
  state: RecordState;
  disputed: boolean;
  repairable: boolean;
}

/** Where each department's subgraph answers, by subgraph name (`<NAME>_URL`, as the gateway reads them). */
export type DepartmentUrls = Readonly<Record<string, string>>;

/** The department could not be asked: not reachable, too slow, or failing. Nothing was changed on its side that we know of. */
export class DepartmentUnavailableError extends Error {
  override name = 'DepartmentUnavailableError';
  constructor(readonly department: string, message: string) {
    super(message);
  }
}

/** The department answered and refused: the request itself was wrong (no such record, a conflicting case, not allowed). */
export class DepartmentRefusedError extends Error {
  override name = 'DepartmentRefusedError';
  constructor(readonly department: string, readonly status: number, message: string) {
    super(message);
  }
}

/** @default how long the platform waits for a department: under the gateway's 5 s per subgraph. */
export const DEPARTMENT_TIMEOUT_MS = 3000;

/**
 * One call to a department's internal route with the caller's token the gateway signed for it (via
 * the platform): unavailable and refused told apart, as the two errors above.
 */
export async function postToDepartment<T>(department: string, urls: DepartmentUrls, path: string, forwarded: ForwardedCallerToken, body: unknown, timeoutMs: number): Promise<T> {
  const base = urls[department];
  if (!base) throw new DepartmentUnavailableError(department, `no address is configured for the ${department} department (${department.toUpperCase()}_URL)`);
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: forwarded.internal?.[department] ?? '', [REQUEST_ID_HEADER]: forwarded.requestId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const why = (error as Error).name === 'TimeoutError' ? `did not answer within ${timeoutMs} ms` : 'could not be reached';
    throw new DepartmentUnavailableError(department, `the ${department} department ${why}`);
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new DepartmentUnavailableError(department, `the ${department} department failed (HTTP ${response.status})`);
  }
  const answer = (await response.json().catch(() => ({}))) as { error?: string } & T;
  if (!response.ok) throw new DepartmentRefusedError(department, response.status, answer.error ?? `HTTP ${response.status}`);
  return answer;
}

/** The records among `recordIds` that `department` holds (one call, with the caller's forwarded token). */
export async function lookupRecords(
  department: string,
  urls: DepartmentUrls,
  forwarded: ForwardedCallerToken,
  recordIds: readonly string[],
  timeoutMs = DEPARTMENT_TIMEOUT_MS,
): Promise<RecordSummary[]> {
  const { records } = await postToDepartment<{ records: RecordSummary[] }>(department, urls, RECORDS_PATH, forwarded, { recordIds }, timeoutMs);
  return records;
}

/** Tells `department` what was decided about one of its records; resolves once the department has stored it. */
export async function changeRecordStatus(
  department: string,
  urls: DepartmentUrls,
  forwarded: ForwardedCallerToken,
  change: RecordStatusChangeRequest,
  timeoutMs = DEPARTMENT_TIMEOUT_MS,
): Promise<RecordSummary> {
  const { record } = await postToDepartment<{ record: RecordSummary }>(department, urls, RECORD_STATUS_PATH, forwarded, change, timeoutMs);
  return record;
}
