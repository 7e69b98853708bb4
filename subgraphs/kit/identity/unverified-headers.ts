import type { Logger } from '../runtime/logger.ts';

/**
 * Caller headers a subgraph received and could not verify: counted, and logged at most once a
 * minute. A subgraph holding the wrong gateway key treats every caller as anonymous; without this it
 * would do so silently (the symptom of a key rotated at the gateway and not yet here).
 */
export interface UnverifiedHeaders {
  /** Headers received that no key of this subgraph verifies (bad signature, unknown `kid`, expired, another audience). */
  readonly count: number;
  /** The last `kid` seen that this subgraph holds no key for, if any. */
  readonly unknownKid: string | null;
  record(kid: string | undefined, known: boolean): void;
  /** A header verified: the keys held match what the gateway signs with. */
  verified(): void;
  /**
   * Why this subgraph cannot serve callers, if within the last interval headers named only keys it does
   * not hold and none verified: every caller would be anonymous (readiness says so).
   */
  keyMismatch(): string | null;
}

export function createUnverifiedHeaders(logger: Logger, subgraph: string, intervalMs = 60_000): UnverifiedHeaders {
  let count = 0;
  let unknownKid: string | null = null;
  let lastLogged = 0;
  let sinceLogged = 0;
  let lastUnknownAt = 0;
  let lastVerifiedAt = 0;
  return {
    verified() {
      lastVerifiedAt = Date.now();
    },
    keyMismatch() {
      const now = Date.now();
      if (now - lastUnknownAt > intervalMs || lastVerifiedAt > lastUnknownAt - intervalMs) return null;
      return `caller headers name key ${unknownKid}, which this subgraph does not hold (GATEWAY_PUBLIC_KEYS)`;
    },
    get count() {
      return count;
    },
    get unknownKid() {
      return unknownKid;
    },
    record(kid, known) {
      count += 1;
      sinceLogged += 1;
      if (kid && !known) {
        unknownKid = kid;
        lastUnknownAt = Date.now();
      }
      const now = Date.now();
      if (now - lastLogged < intervalMs) return;
      logger.warn({ unverified: sinceLogged, kid: kid ?? null, knownKid: known }, `${subgraph}: caller headers that do not verify (treated as anonymous)${kid && !known ? `; no key with kid ${kid}: set GATEWAY_PUBLIC_KEYS` : ''}`);
      lastLogged = now;
      sinceLogged = 0;
    },
  };
}
