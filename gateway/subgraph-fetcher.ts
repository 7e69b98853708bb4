import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * How the gateway calls subgraphs: Node's own fetch, which keeps connections alive and reuses them,
 * with a deadline so that a department that hangs costs the profile that department's field, not
 * the whole answer.
 */
export function createSubgraphFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}
