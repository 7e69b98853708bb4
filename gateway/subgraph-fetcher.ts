import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { createKeepAliveFetch, type KeepAliveRequest } from '../subgraphs/kit/runtime/keep-alive-fetch.ts';
import { collapseInFlight, type InFlightCounts } from './in-flight-requests.ts';
import { withinBudget } from './limits/request-budget.ts';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** The gateway's fetcher for RemoteGraphQLDataSource, which can also close its idle connections. */
export type SubgraphFetcher = Fetcher & {
  close(): void;
  /** Calls sent upstream and calls collapsed into one already in flight (in-flight-requests.ts). */
  readonly inFlight: InFlightCounts;
};

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  /** Collapse identical anonymous requests in flight at once (in-flight-requests.ts). @default true */
  collapseInFlight?: boolean;
}

/**
 * How the gateway calls subgraphs: keep-alive connections, reused across requests (kit/keep-alive-fetch),
 * with a deadline so that a department that hangs costs the profile that department's field, not the
 * whole answer. Node's fetch also reused connections, but its per-call cost was 40 % of the gateway's
 * CPU time on a four-department profile (docs/performance.md).
 */
export function createSubgraphFetcher({ timeoutMs, collapseInFlight: collapse = true }: SubgraphFetcherOptions): SubgraphFetcher {
  const keepAlive = createKeepAliveFetch();
  const withDeadline = (url: string, init: Omit<KeepAliveRequest, 'timeoutMs'> = {}) => keepAlive(url, { ...init, timeoutMs });
  const counts: InFlightCounts = { sent: 0, joined: 0 };
  const counted = (url: string, init?: KeepAliveRequest) => {
    counts.sent += 1;
    return withDeadline(url, init);
  };
  const fetcher = collapse ? collapseInFlight(withDeadline) : Object.assign(counted, { counts });
  return Object.assign(withinBudget(fetcher) as unknown as Fetcher, { close: () => keepAlive.close(), inFlight: fetcher.counts });
}
