import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { EntityRelease } from '../access/platform/backend.ts';
import { internalAudienceOf, type VerifiedCaller } from '../identity/caller-token.ts';
import { PLATFORM_AUDIENCE } from '../disclosure/record-status-routes.ts';
import { readJsonBody, sendJson, type Route } from '../runtime/http-server.ts';
import { FORWARDED_QUERY_PATH } from './client.ts';

const BODY_LIMIT = 64 * 1024;
const MAX_QUERY_LENGTH = 16 * 1024;

export interface ForwardedQueryRouteOptions {
  /** This department's subgraph name: the route takes only tokens for its internal audience. */
  service: string;
  verifyForwardedCaller(req: IncomingMessage): Promise<VerifiedCaller | null>;
  /** Runs the operation as `verified`, collecting its releases instead of writing them (the platform logs them). */
  execute(
    verified: VerifiedCaller,
    request: { query: string; variables: Record<string, unknown> },
  ): Promise<{ data?: unknown; errors?: readonly GraphQLFormattedError[]; releases: EntityRelease[] }>;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/**
 * FORWARDED_QUERY_PATH on a department. Only the platform may call it, with the token the gateway
 * signed for the platform on this caller's behalf (the same rule as the record-status routes): a
 * department that received a caller's token cannot use it to read another department's data.
 */
export function forwardedQueryRoute({ service, verifyForwardedCaller, execute }: ForwardedQueryRouteOptions): Record<string, Route> {
  return {
    [FORWARDED_QUERY_PATH]: async (req: IncomingMessage, res: ServerResponse) => {
      const verified = await verifyForwardedCaller(req);
      if (!verified) return refuse(res, 401, 'a valid x-credit-caller token from the gateway is required');
      if (verified.audience !== internalAudienceOf(service) || verified.via !== PLATFORM_AUDIENCE) {
        return refuse(res, 403, `only the platform queries a department for a caller: the caller token must be the one the gateway issued for it, not for ${verified.audience}`);
      }
      const body = (await readJsonBody(req, BODY_LIMIT)) as { query?: unknown; variables?: unknown } | undefined;
      const query = body?.query;
      const variables = body?.variables ?? {};
      if (typeof query !== 'string' || query.length === 0 || query.length > MAX_QUERY_LENGTH || typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
        return refuse(res, 400, `expected { query: a GraphQL operation of at most ${MAX_QUERY_LENGTH} characters, variables: an object }`);
      }
      const answer = await execute(verified, { query, variables: variables as Record<string, unknown> });
      sendJson(res, 200, answer);
    },
  };
}
