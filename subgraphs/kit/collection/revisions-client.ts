import type { ForwardedCallerToken } from '../identity/caller-token.ts';
import { DEPARTMENT_TIMEOUT_MS, postToDepartment, type DepartmentUrls } from '../disclosure/record-status-client.ts';

/** Department endpoint: the resubmissions and withdrawals of some of its records within a time window. */
export const RECORD_REVISIONS_PATH = '/internal/record-revisions';

/** One record and the window asked about: instants as DATETIME(3) in UTC, 'YYYY-MM-DD HH:MM:SS.mmm'. */
export interface RevisionWindow {
  recordId: string;
  uscc: string;
  from: string;
  /** Null while the window is still open (an objection under review). */
  to: string | null;
}

/** What a department says about one revision of one of its records: never the values, only which fields. */
export interface RevisionSummary {
  recordId: string;
  uscc: string;
  /** DATETIME(3) in UTC, as the department stored it. */
  at: string;
  /** The submitting government department. */
  by: string;
  batchId: string;
  kind: 'RESUBMITTED' | 'WITHDRAWN';
  changedFields: string[];
}

/** The revisions of these records inside their windows, oldest first: one call to the department. */
export async function lookupRevisions(
  department: string,
  urls: DepartmentUrls,
  forwarded: ForwardedCallerToken,
  windows: readonly RevisionWindow[],
  timeoutMs = DEPARTMENT_TIMEOUT_MS,
): Promise<RevisionSummary[]> {
  const { revisions } = await postToDepartment<{ revisions: RevisionSummary[] }>(department, urls, RECORD_REVISIONS_PATH, forwarded, { windows }, timeoutMs);
  return revisions;
}
