import { DEPARTMENTS } from '../../departments.ts';
import { ConfigurationError } from '../runtime/config.ts';

/**
 * Which government departments read which domains' INTERNAL data (部门内部共享, by catalogue): every
 * department its own domain always; other domains' as the sharing list says. The data owner decides:
 * each department's subgraph applies this to its own INTERNAL fields.
 */
export type InternalSharing = ReadonlyMap<string, readonly string[]>;

/**
 * @default every member department of the federation (MARKET, TAX, COURTS, ENVIRONMENT, PLATFORM) reads
 * every domain's INTERNAL data, as before this list existed; any other department (a named one such as
 * PROCUREMENT) its own domain only, which is none of the federation's.
 */
export function defaultInternalSharing(): InternalSharing {
  return new Map(DEPARTMENTS.map((d) => [d.domain, ['*']]));
}

const EXAMPLE = '{"MARKET":["*"],"TAX":["MARKET"],"PROCUREMENT":["COURTS"]}';

/** `INTERNAL_SHARING`: JSON, department → the other domains (or "*") whose INTERNAL data it reads; replaces the default. */
export function readInternalSharing(env: NodeJS.ProcessEnv = process.env): InternalSharing {
  const text = env.INTERNAL_SHARING;
  if (!text) return defaultInternalSharing();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`INTERNAL_SHARING must be JSON such as ${EXAMPLE}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigurationError(`INTERNAL_SHARING must be a JSON object such as ${EXAMPLE}`);
  const domains = new Set(DEPARTMENTS.map((d) => d.domain));
  const sharing = new Map<string, string[]>();
  for (const [department, list] of Object.entries(parsed)) {
    if (!Array.isArray(list) || !list.every((d) => d === '*' || domains.has(d))) {
      throw new ConfigurationError(`INTERNAL_SHARING.${department} must be a list of domains (${[...domains].join(', ')}) or ["*"]`);
    }
    sharing.set(department, list);
  }
  return sharing;
}

/** Whether government department `department` reads `domain`'s INTERNAL data: exactly, case for case. */
export function sharesInternal(sharing: InternalSharing, department: string, domain: string): boolean {
  if (department === domain) return true;
  const shared = sharing.get(department);
  return shared !== undefined && (shared.includes('*') || shared.includes(domain));
}
