import type { AccessBackend } from './backend.ts';
import { postAccessLog } from './access-log-client.ts';
import { fetchGrants } from './authorisation-client.ts';

/**
 * @default where departments find the platform subgraph (`PLATFORM_URL`): its GraphQL URL, the same
 * variable the gateway reads for it; the internal endpoints are absolute paths on that host.
 */
export const DEFAULT_PLATFORM_URL = 'http://127.0.0.1:4105/graphql';

/** @default how long a department waits for the platform: under the gateway's 5 s per subgraph. */
export const PLATFORM_TIMEOUT_MS = 3000;

/** A department's access backend: the platform subgraph over HTTP. */
export function createPlatformClient(platformUrl: string = DEFAULT_PLATFORM_URL, timeoutMs = PLATFORM_TIMEOUT_MS): AccessBackend {
  return {
    grantsFor: (verified, usccs) => fetchGrants(platformUrl, verified, usccs, timeoutMs),
    recordReleases: (verified, _domain, releases) => postAccessLog(platformUrl, verified, releases, timeoutMs),
  };
}
