import type { GraphQLFormattedError } from 'graphql';
import type { EntityRelease } from '../access/platform/backend.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER, type ForwardedCallerToken } from '../identity/caller-token.ts';
import { DepartmentRefusedError, DepartmentUnavailableError, DEPARTMENT_TIMEOUT_MS, type DepartmentUrls } from '../disclosure/record-status-client.ts';
import { REQUEST_ID_HEADER } from '../runtime/http-server.ts';

/**
 * Department endpoint: runs one GraphQL operation against the department's own guarded schema as the
 * caller the platform forwards (a credit report gathers records this way). The department's access
 * rules decide every field, exactly as for a request through the gateway; the releases above PUBLIC
 * come back with the answer, for the platform to log against this department before the report leaves.
 */
export const FORWARDED_QUERY_PATH = '/internal/forwarded-query';

export interface ForwardedQueryAnswer<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLFormattedError[];
  /** What was released above PUBLIC, per entity: the department's share of the access log. */
  releases: EntityRelease[];
}

/**
 * Asks `department` (by subgraph name) one operation with the caller's forwarded token. A department
 * that cannot be reached, is too slow or fails is a DepartmentUnavailableError naming it.
 */
export async function queryDepartment<T = Record<string, unknown>>(
  department: string,
  urls: DepartmentUrls,
  forwarded: ForwardedCallerToken,
  request: { query: string; variables?: Record<string, unknown> },
  timeoutMs = DEPARTMENT_TIMEOUT_MS,
): Promise<ForwardedQueryAnswer<T>> {
  const base = urls[department];
  if (!base) throw new DepartmentUnavailableError(department, `no address is configured for the ${department} department (${department.toUpperCase()}_URL)`);
  let response: Response;
  try {
    response = await fetch(new URL(FORWARDED_QUERY_PATH, base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: forwarded.internal?.[department] ?? '',
        // The department's way back to the platform for this caller's grants: without it an
        // institution's AUTHORISED fields cannot be decided there (withheld, AUTHORISATION_UNAVAILABLE).
        ...(forwarded.askBack?.[department] ? { [INTERNAL_CALLER_HEADER]: forwarded.askBack[department] } : {}),
        [REQUEST_ID_HEADER]: forwarded.requestId,
      },
      body: JSON.stringify(request),
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
  const answer = (await response.json().catch(() => ({}))) as { error?: string } & Partial<ForwardedQueryAnswer<T>>;
  if (!response.ok) throw new DepartmentRefusedError(department, response.status, answer.error ?? `HTTP ${response.status}`);
  return { data: answer.data, errors: answer.errors, releases: Array.isArray(answer.releases) ? answer.releases : [] };
}
