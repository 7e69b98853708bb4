import { CALLER_HEADER } from '../subgraphs/kit/identity/caller-token.ts';
import type { KeepAliveRequest, KeepAliveResponse } from '../subgraphs/kit/runtime/keep-alive-fetch.ts';

type Fetch = (url: string, init?: KeepAliveRequest) => Promise<KeepAliveResponse>;

/** What collapsing did, for the tests and the benchmark: calls sent upstream, and calls that joined one already in flight. */
export interface InFlightCounts {
  sent: number;
  joined: number;
}

export interface CollapsingFetch extends Fetch {
  readonly counts: InFlightCounts;
}

// Apollo's RemoteGraphQLDataSource posts `JSON.stringify({ query, variables, … })`, query first; a
// fetch that is not visibly a query (a mutation, anything unexpected) is never collapsed.
const isQuery = (body: string) => body.startsWith('{"query":"query') || body.startsWith('{"query":"{');

/**
 * Headers that differ per request without changing the answer: the request id (each request keeps
 * its own for the logs; a collapsed one is answered under the first one's) and trace context.
 */
const PER_REQUEST_HEADERS: ReadonlySet<string> = new Set(['x-request-id', 'x-correlation-id', 'traceparent', 'tracestate']);

/**
 * Collapses identical subgraph requests that are in flight at the same moment into one: a hot entity
 * (a listed company in the news, a big bidder on tender day) asked by many at once costs each
 * department one answer, not one per request. Identical means same URL, same body (document and
 * variables) and same headers, the request id aside.
 *
 * Only requests without a caller header are collapsed, that is anonymous ones, which a department
 * answers with PUBLIC data only and logs nothing for. A signed caller header names its request (`rid`),
 * so two requests never carry the same one anyway; and a release above PUBLIC must be written to the
 * access log once per request that received it, which one shared upstream call would not do. So
 * requests of different callers, and of one caller above PUBLIC, always go upstream each on their own.
 *
 * Nothing is kept once the answer is in: this is not a cache, and a request that starts after the
 * answer arrived asks again.
 */
export function collapseInFlight(fetch: Fetch): CollapsingFetch {
  const inFlight = new Map<string, Promise<KeepAliveResponse>>();
  const counts: InFlightCounts = { sent: 0, joined: 0 };
  const collapsing = (url: string, init: KeepAliveRequest = {}) => {
    const key = keyOf(url, init);
    if (key === undefined) {
      counts.sent += 1;
      return fetch(url, init);
    }
    const pending = inFlight.get(key);
    if (pending) {
      counts.joined += 1;
      // Each joiner reads its own copy of the answer (the body is read once per response object).
      return pending.then((response) => response.clone());
    }
    counts.sent += 1;
    // Shared by whoever joins: one client going away must not abandon the others' call.
    const call = fetch(url, { ...init, signal: undefined });
    inFlight.set(key, call);
    const forget = () => void inFlight.delete(key);
    call.then(forget, forget);
    return call;
  };
  return Object.assign(collapsing, { counts });
}

/** The identity of a collapsible request, or undefined when it must go upstream on its own. */
function keyOf(url: string, init: KeepAliveRequest): string | undefined {
  const { method = 'GET', headers = {}, body } = init;
  if (method !== 'POST' || typeof body !== 'string' || !isQuery(body)) return undefined;
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  if (names.includes(CALLER_HEADER)) return undefined;
  const kept = Object.entries(headers)
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .sort();
  return `${url}\n${kept.join('\n')}\n${body}`;
}
