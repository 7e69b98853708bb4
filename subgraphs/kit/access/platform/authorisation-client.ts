import DataLoader from 'dataloader';
import { groupByKey, MAX_BATCH_SIZE } from '../../db/batch-loaders.ts';
import type { Grant } from '../authorisation-decision.ts';
import { CALLER_HEADER, type VerifiedCaller } from '../../identity/caller-token.ts';
import { REQUEST_ID_HEADER } from '../../runtime/http-server.ts';
import { keepAliveFetch } from '../../runtime/keep-alive-fetch.ts';

/** The platform endpoint that answers "which grants does this caller's organisation hold over these entities?". */
export const AUTHORISATIONS_PATH = '/internal/authorisations';

/** Asks the platform for the grants of the caller's organisation over `usccs`, forwarding the caller's token. */
export async function fetchGrants(platformUrl: string, verified: VerifiedCaller, usccs: readonly string[], timeoutMs: number): Promise<Grant[]> {
  const response = await keepAliveFetch(new URL(AUTHORISATIONS_PATH, platformUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: verified.internal?.platform ?? '', [REQUEST_ID_HEADER]: verified.requestId },
    body: JSON.stringify({ usccs }),
    timeoutMs,
  });
  if (!response.ok) throw new Error(`platform answered ${AUTHORISATIONS_PATH} with HTTP ${response.status}`);
  const body = (await response.json()) as { grants?: Grant[] };
  if (!Array.isArray(body.grants)) throw new Error(`platform answered ${AUTHORISATIONS_PATH} without a grants list`);
  return body.grants;
}

export interface AuthorisationLookup {
  /** The caller organisation's grants over one entity; rejects when the platform cannot be asked. */
  grantsOf(uscc: string): Promise<Grant[]>;
}

/**
 * Grants per entity, for one request, asked of the platform in as few calls as possible: one, in
 * practice. A DataLoader batches the entities met in one tick; but a profile meets entities at several
 * depths (an ID number on the entity, revenue three levels down), so the entities the request names
 * up front (the `_entities` representations, USCC variables) are all asked for in the first call.
 * Nothing is cached beyond the request, so a revocation counts from the next request on.
 */
export function createAuthorisationLookup(
  fetchGrantsFor: (usccs: readonly string[]) => Promise<Grant[]>,
  anticipated: readonly string[] = [],
): AuthorisationLookup {
  const pending = new Set(anticipated);
  // Grants of entities asked for ahead of need, by entity, as promises: a field met while that first
  // call is still in flight waits for it instead of starting another.
  const early = new Map<string, Promise<Grant[]>>();
  const loader = new DataLoader(
    async (keys: readonly string[]) => {
      // Within the platform's limit per call; an entity left out is simply asked for when met.
      const extra = [...pending].filter((uscc) => !keys.includes(uscc)).slice(0, Math.max(0, MAX_BATCH_SIZE - keys.length));
      pending.clear();
      const asked = [...keys, ...extra];
      const groups = fetchGrantsFor(asked).then((grants) => groupByKey(asked, grants, (grant) => grant.uscc));
      extra.forEach((uscc, i) => {
        const grants = groups.then((g) => g[keys.length + i]);
        grants.catch(() => undefined); // an entity never met must not become an unhandled rejection
        early.set(uscc, grants);
      });
      return (await groups).slice(0, keys.length);
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  );
  return { grantsOf: (uscc) => early.get(uscc) ?? loader.load(uscc) };
}
