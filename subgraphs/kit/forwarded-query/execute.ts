import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { AccessBackend, EntityRelease } from '../access/platform/backend.ts';
import type { VerifiedCaller } from '../identity/caller-token.ts';

/**
 * Runs a forwarded operation through the department's own Apollo server (its access rules, its
 * formatting of errors) with a context whose access log is a collector: the releases are returned, not
 * written, because the platform that asked logs them with the document they go into. Grants are still
 * asked of the platform with the caller's token, as for any request.
 */
export async function executeForwarded<TContext extends Record<string, any>>(
  apollo: ApolloServer<TContext>,
  verified: VerifiedCaller,
  request: { query: string; variables: Record<string, unknown> },
  contextWith: (backend: AccessBackend) => TContext,
  backend: AccessBackend,
  around: <T>(requestId: string, run: () => Promise<T>) => Promise<T>,
): Promise<{ data?: unknown; errors?: readonly GraphQLFormattedError[]; releases: EntityRelease[] }> {
  const releases: EntityRelease[] = [];
  const collecting: AccessBackend = {
    grantsFor: (caller, usccs) => backend.grantsFor(caller, usccs),
    recordReleases: async (_caller, _domain, rows) => {
      releases.push(...rows);
    },
  };
  const response = await around(verified.requestId, () => apollo.executeOperation(request, { contextValue: contextWith(collecting) }));
  if (response.body.kind !== 'single') throw new Error('a forwarded query must not use incremental delivery');
  const { data, errors } = response.body.singleResult;
  return { data, errors, releases };
}
