import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../runtime/logger.ts';
import { countAccessLogWriteFailure } from '../runtime/metrics.ts';
import type { RequestAccess } from './request-access.ts';
import type { ResponsePath } from './releases.ts';

export const ACCESS_LOG_UNAVAILABLE = 'ACCESS_LOG_UNAVAILABLE';

function withheldError(path: ResponsePath): GraphQLFormattedError {
  return {
    message: 'The access log (查询记录) could not record this release, so the data is withheld; try again shortly.',
    path: [...path],
    extensions: { code: ACCESS_LOG_UNAVAILABLE },
  };
}

function setNull(data: Record<string, unknown>, path: ResponsePath): void {
  let node: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node !== null && typeof node === 'object') (node as Record<string | number, unknown>)[path[path.length - 1]] = null;
}

/**
 * Writes the request's releases of AUTHORISED and INTERNAL data to the access log before the response
 * leaves: every release above PUBLIC is logged first. A release that cannot be recorded is
 * not made: its fields become null with an ACCESS_LOG_UNAVAILABLE error, while PUBLIC data still answers.
 */
export function accessLogPlugin(logger: Logger): ApolloServerPlugin<{ access: RequestAccess }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }: GraphQLRequestContext<{ access: RequestAccess }>) {
          const { access } = contextValue;
          if (!access || access.releases.isEmpty) return;
          try {
            await access.recordReleases();
            return;
          } catch (error) {
            logger.error({ err: error, requestId: access.requestId }, 'access log write failed; withholding the protected data');
            countAccessLogWriteFailure(access.domain);
          }
          const paths = access.releases.outermostPaths();
          if (response.body?.kind === 'single') {
            const result = response.body.singleResult;
            if (result.data) for (const path of paths) setNull(result.data as Record<string, unknown>, path);
            result.errors = [...(result.errors ?? []), ...paths.map(withheldError)];
          } else {
            // Incremental delivery cannot be taken back piece by piece: withhold the whole answer.
            response.body = { kind: 'single', singleResult: { errors: paths.map(withheldError) } };
          }
        },
      };
    },
  };
}
