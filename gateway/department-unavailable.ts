import { GraphQLError } from 'graphql';

/**
 * Why a department's part of a profile is missing. One department being down, slow or failing is not
 * an outage: the gateway answers with the other departments' data, that department's field null,
 * and this error naming it, so a bank or a licensing officer knows what they are not seeing.
 */
export function departmentUnavailable(subgraph: string, cause: unknown, status?: number, timeoutMs?: number): GraphQLError {
  const why =
    cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
      ? `did not answer within ${timeoutMs} ms`
      : status !== undefined
        ? `answered with HTTP ${status}`
        : 'could not be reached';
  return new GraphQLError(`The ${subgraph} department ${why}; its records are missing from this response.`, {
    extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: subgraph },
  });
}

/** A 4xx answer is about the request, not the department's health, and keeps its own error. */
export function isDepartmentFailure(status: number | undefined): boolean {
  return status === undefined || status >= 500;
}
