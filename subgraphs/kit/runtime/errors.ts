import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDevelopment } from './config.ts';
import type { Logger } from './logger.ts';
import { currentRequestScope } from './request-scope.ts';

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Codes a client may see with their own message; anything else is an accident and is masked. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'DEPARTMENT_UNAVAILABLE',
  // The access layer fails closed and says so: data withheld because grants could not be checked or
  // the release could not be logged.
  'AUTHORISATION_UNAVAILABLE',
  'ACCESS_LOG_UNAVAILABLE',
  'AUTHENTICATION_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // The edge's refusals (kit/limits, gateway rate limits): each says which limit and its value.
  'OPERATION_TOO_COMPLEX',
  'RESPONSE_TOO_LARGE',
  'RATE_LIMITED',
  // Seen by no one (the client is gone); not an accident worth a log line per statement.
  'REQUEST_ABANDONED',
]);

/** mysql2's codes for a server that cannot be reached or will not take the connection. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR', 'ER_SERVER_SHUTDOWN']);

/** Whether an error (or what drizzle wrapped in it) says the database could not be reached. */
function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, fatal, cause } = error as { code?: unknown; fatal?: unknown; cause?: unknown };
  if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  if (fatal === true && typeof code === 'string') return true;
  return isDatabaseUnreachable(cause, depth + 1);
}

/**
 * Apollo's `formatError`: outside development an unexpected error (a driver failure, a bug) becomes
 * "Unexpected error." with the request id, and its detail, SQL included, goes only to the log.
 */
export function createErrorFormatter(logger: Logger, env: NodeJS.ProcessEnv = process.env, { department }: { department?: string } = {}) {
  const development = isDevelopment(env);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    // Apollo's own refusals of a malformed request (a persisted query's version or hash) carry a 4xx
    // but no code: the client's mistake, said as it is, not an "Unexpected error".
    const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    const requestId = currentRequestScope()?.requestId;
    if (department && isDatabaseUnreachable(unwrapResolverError(error))) {
      logger.warn({ err: unwrapResolverError(error), requestId }, `${department}: database unreachable`);
      return {
        message: `The ${department} department's database could not be reached; its records are missing from this response.`,
        path: formatted.path,
        extensions: { code: 'DEPARTMENT_UNAVAILABLE', department, requestId },
      };
    }
    logger.error({ err: unwrapResolverError(error), requestId, path: formatted.path }, 'unexpected error');
    if (development) return formatted;
    return {
      message: 'Unexpected error.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}
