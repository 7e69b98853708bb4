import type { AccessBackend } from './platform/backend.ts';
import { createAuthorisationLookup } from './platform/authorisation-client.ts';
import type { Grant } from './authorisation-decision.ts';
import { ANONYMOUS } from '../identity/caller.ts';
import type { VerifiedCaller } from '../identity/caller-token.ts';
import { Releases } from './releases.ts';
import { currentRequestScope } from '../runtime/request-scope.ts';
import { validateUscc } from '../identifiers/uscc.ts';
import { defaultInternalSharing, sharesInternal, type InternalSharing } from './internal-sharing.ts';

const DEFAULT_SHARING = defaultInternalSharing();

/**
 * What the access rules keep about one request: the grants they consult and the releases they log.
 * Made per request, never shared. Who is asking is the context's `caller`, not repeated here.
 */
export interface RequestAccess {
  requestId: string;
  /** This subgraph's domain, upper case (MARKET): what a grant must cover. */
  domain: string;
  releases: Releases;
  /** The caller organisation's grants over one entity (an empty list for callers other than institutions). */
  grantsOf(uscc: string): Promise<Grant[]>;
  /** Writes `releases` to the access log. */
  recordReleases(): Promise<void>;
  /** Whether a government department reads this domain's INTERNAL data (internal-sharing.ts). */
  sharesInternalWith(department: string): boolean;
}

export interface RequestAccessOptions {
  verified: VerifiedCaller | null;
  requestId: string;
  domain: string;
  backend: AccessBackend;
  /** Entities the request names up front, asked for in the first (and usually only) grants call. */
  anticipated?: readonly string[];
  /** @default defaultInternalSharing() */
  sharing?: InternalSharing;
}

export function createRequestAccess({ verified, requestId, domain, backend, anticipated = [], sharing = DEFAULT_SHARING }: RequestAccessOptions): RequestAccess {
  const caller = verified?.caller ?? ANONYMOUS;
  const releases = new Releases();
  const lookup =
    verified && caller.kind === 'INSTITUTION'
      ? createAuthorisationLookup((usccs) => backend.grantsFor(verified, usccs), anticipated)
      : undefined;
  return {
    requestId: verified?.requestId ?? requestId,
    domain,
    releases,
    grantsOf: (uscc) => (lookup ? lookup.grantsOf(uscc) : Promise.resolve([])),
    sharesInternalWith: (department) => sharesInternal(sharing, department, domain),
    async recordReleases() {
      // Only a verified caller can be released anything above PUBLIC; without one there is nothing to sign for.
      if (!verified) throw new Error('releases without a verified caller');
      const rows = releases.byEntity();
      if (rows.length === 0) return;
      const scope = currentRequestScope();
      if (scope) scope.accessLogWrites = (scope.accessLogWrites ?? 0) + 1;
      await backend.recordReleases(verified, domain, rows);
    },
  };
}

const isUscc = (value: unknown): value is string => typeof value === 'string' && value.length === 18 && validateUscc(value) === null;

/**
 * The unified codes a GraphQL request names in its variables: the `_entities` representations the
 * gateway sends, and USCC variables of root fields. Only a hint for batching; access never depends on it.
 */
export function usccsNamedIn(body: unknown): string[] {
  const variables = (body as { variables?: unknown } | undefined)?.variables;
  if (!variables || typeof variables !== 'object') return [];
  const found = new Set<string>();
  for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (isUscc(item)) found.add(item);
      else if (name === 'representations' && item && typeof item === 'object' && isUscc((item as { uscc?: unknown }).uscc)) {
        found.add((item as { uscc: string }).uscc);
      }
    }
  }
  return [...found];
}
