import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { createKeepAliveFetch, type KeepAliveRequest } from '../subgraphs/kit/runtime/keep-alive-fetch.ts';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** The gateway's fetcher for RemoteGraphQLDataSource, which can also close its idle connections. */
export type SubgraphFetcher = Fetcher & { close(): void };

/**
 * How the gateway calls subgraphs: keep-alive connections, reused across requests (kit/keep-alive-fetch),
 * with a deadline so that a department that hangs costs the profile that department's field, not the
 * whole answer. Node's fetch also reused connections, but its per-call cost was 40 % of the gateway's
 * CPU time on a four-department profile (docs/performance.md).
 */
export function createSubgraphFetcher(timeoutMs: number): SubgraphFetcher {
  const keepAlive = createKeepAliveFetch();
  const fetcher = (url: string, init: Omit<KeepAliveRequest, 'timeoutMs'> = {}) => keepAlive(url, { ...init, timeoutMs });
  return Object.assign(fetcher as unknown as Fetcher, { close: () => keepAlive.close() });
}
