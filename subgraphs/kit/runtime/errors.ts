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
]);

/**
 * Apollo's `formatError`: outside development an unexpected error (a driver failure, a bug) becomes
 * "Unexpected error." with the request id, and its detail, SQL included, goes only to the log.
 */
export function createErrorFormatter(logger: Logger, env: NodeJS.ProcessEnv = process.env) {
  const development = isDevelopment(env);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    const requestId = currentRequestScope()?.requestId;
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
