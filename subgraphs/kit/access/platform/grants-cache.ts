import type { Grant } from '../authorisation-decision.ts';
import { ConfigurationError } from '../../runtime/config.ts';

/**
 * @default how long a department reuses the grants the platform gave it for one organisation and
 * entity (`GRANTS_CACHE_MS`): a revocation, a new grant or an expiry takes effect within this long.
 */
export const DEFAULT_GRANTS_CACHE_MS = 1000;

/** The longest lifetime accepted: past a minute a revocation would no longer be "within seconds". */
const MAX_GRANTS_CACHE_MS = 60_000;

/** Reads `GRANTS_CACHE_MS` once, at start: 0 turns the cache off (every request asks the platform). */
export function readGrantsCacheMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.GRANTS_CACHE_MS;
  if (value === undefined || value === '') return DEFAULT_GRANTS_CACHE_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_GRANTS_CACHE_MS) {
    throw new ConfigurationError(`GRANTS_CACHE_MS must be a whole number of milliseconds from 0 (no cache) to ${MAX_GRANTS_CACHE_MS}, but got: ${JSON.stringify(value)}`);
  }
  return ms;
}

interface Entry {
  grants: Promise<Grant[]>;
  /** From when the platform was asked, not when it answered: the answer is no fresher than the question. */
  expires: number;
}

/**
 * The grants of one organisation over one entity, kept for `lifetimeMs` in this department's process:
 * the same entity asked for by the same bank within that time costs no platform call, and requests
 * arriving together for a hot entity share one call. Keyed by organisation, since the platform answers
 * a forwarded token only for its own organisation; an entity without grants is kept too (as none), so
 * a new grant also takes up to `lifetimeMs` to be seen. Failures are not kept. Bounded: past
 * `maxEntries` the oldest go first.
 *
 * The decision itself (purpose, domain, expiry day) is still made per request from these grants; only
 * the platform's answer is reused.
 */
export function createGrantsCache(lifetimeMs: number, { maxEntries = 10_000, now = () => Date.now() } = {}) {
  const entries = new Map<string, Entry>();
  const keyOf = (organisation: string, uscc: string) => `${organisation}\u0000${uscc}`;
  return {
    /** The grants over `usccs`; those not kept are asked for with `ask`, in one call, for this organisation. */
    async grantsFor(organisation: string, usccs: readonly string[], ask: (usccs: readonly string[]) => Promise<Grant[]>): Promise<Grant[]> {
      if (lifetimeMs === 0) return ask(usccs);
      const at = now();
      const kept: Promise<Grant[]>[] = [];
      const missing: string[] = [];
      for (const uscc of usccs) {
        const entry = entries.get(keyOf(organisation, uscc));
        if (entry && entry.expires > at) kept.push(entry.grants);
        else missing.push(uscc);
      }
      if (missing.length > 0) {
        const asked = ask(missing);
        const expires = at + lifetimeMs;
        missing.forEach((uscc) => {
          const key = keyOf(organisation, uscc);
          const grants = asked.then((all) => all.filter((g) => g.uscc === uscc));
          entries.delete(key);
          entries.set(key, { grants, expires });
          // A failed call is not an answer: forget it, so the next request asks again.
          grants.catch(() => {
            if (entries.get(key)?.grants === grants) entries.delete(key);
          });
        });
        while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        kept.push(asked);
      }
      return (await Promise.all(kept)).flat();
    },
  };
}
