import { performance } from 'node:perf_hooks';
import { countSubgraphFetchError, observeSubgraphFetch } from '../subgraphs/kit/runtime/metrics.ts';
import { CORRELATION_ID_HEADER, correlationIdOf } from '../subgraphs/kit/runtime/request-log.ts';
import { currentRequestScope } from '../subgraphs/kit/runtime/request-scope.ts';

/** Notes a call to a department in the request's log line and passes the correlation id on to it. */
export function noteDepartmentCall(department: string, headers: { set(name: string, value: string): void }): void {
  const scope = currentRequestScope();
  scope?.log?.departments.add(department);
  const correlationId = correlationIdOf(scope);
  if (correlationId) headers.set(CORRELATION_ID_HEADER, correlationId);
}

/** Why a call to a department failed, for `credit_subgraph_fetch_errors_total`. */
export function countDepartmentFailure(department: string, error: Error, status: number | undefined): void {
  const reason =
    error.name === 'TimeoutError' || error.name === 'AbortError' ? 'timeout' : status === undefined ? 'unreachable' : status >= 500 ? 'http_5xx' : 'http_4xx';
  countSubgraphFetchError(department, reason);
}

/** Times one call to a department for `credit_subgraph_fetch_duration_seconds`, by how it ended. */
export async function timedDepartmentCall<T extends { errors?: readonly unknown[] }>(department: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome: 'ok' | 'error' | 'unavailable' = 'error';
  try {
    const response = await call();
    outcome = response.errors?.length ? 'error' : 'ok';
    return response;
  } catch (error) {
    outcome = (error as { extensions?: { code?: unknown } }).extensions?.code === 'DEPARTMENT_UNAVAILABLE' ? 'unavailable' : 'error';
    throw error;
  } finally {
    observeSubgraphFetch(department, outcome, (performance.now() - started) / 1000);
  }
}
