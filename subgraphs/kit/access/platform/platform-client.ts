import type { AccessBackend } from './backend.ts';
import { postAccessLog } from './access-log-client.ts';
import { fetchGrants } from './authorisation-client.ts';
import { createGrantsCache, DEFAULT_GRANTS_CACHE_MS } from './grants-cache.ts';
import { currentRequestScope } from '../../runtime/request-scope.ts';

/**
 * @default where departments find the platform subgraph (`PLATFORM_URL`): its GraphQL URL, the same
 * variable the gateway reads for it; the internal endpoints are absolute paths on that host.
 */
export const DEFAULT_PLATFORM_URL = 'http://127.0.0.1:4105/graphql';

/** @default how long a department waits for the platform: under the gateway's 5 s per subgraph. */
export const PLATFORM_TIMEOUT_MS = 3000;

export interface PlatformClientOptions {
  /** @default PLATFORM_TIMEOUT_MS */
  timeoutMs?: number;
  /** How long grants are reused (grants-cache.ts, `GRANTS_CACHE_MS`); 0: asked for on every request. @default DEFAULT_GRANTS_CACHE_MS */
  grantsCacheMs?: number;
}

/** A department's access backend: the platform subgraph over HTTP, its grants reused for up to `grantsCacheMs`. */
export function createPlatformClient(platformUrl: string = DEFAULT_PLATFORM_URL, { timeoutMs = PLATFORM_TIMEOUT_MS, grantsCacheMs = DEFAULT_GRANTS_CACHE_MS }: PlatformClientOptions = {}): AccessBackend {
  const cache = createGrantsCache(grantsCacheMs);
  return {
    grantsFor(verified, usccs) {
      if (verified.caller.kind !== 'INSTITUTION') return Promise.resolve([]);
      // Asked with this request's token: the platform answers for its organisation, the cache's key.
      const { organisation } = verified.caller;
      return cache.grantsFor(organisation, usccs, (missing) => {
        // Counted where the platform is actually called: grants reused from the cache cost no call.
        const scope = currentRequestScope();
        if (scope) scope.authorisationLookups = (scope.authorisationLookups ?? 0) + 1;
        // Kept under this organisation: only its own grants, whatever caller the token to the platform named.
        return fetchGrants(platformUrl, verified, missing, timeoutMs).then((grants) => grants.filter((g) => g.organisation === organisation));
      });
    },
    recordReleases: (verified, _domain, releases) => postAccessLog(platformUrl, verified, releases, timeoutMs),
  };
}
