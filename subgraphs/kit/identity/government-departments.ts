import { DEPARTMENTS } from '../../departments.ts';
import { ConfigurationError } from '../runtime/config.ts';

/**
 * Government callers that are not a department of this federation but are known to it: the apps that
 * must check an entity before they act (政府采购, 招投标, 行政审批) and the credit lead (发展改革).
 * @default what `GOVERNMENT_DEPARTMENTS` replaces
 */
export const DEFAULT_NAMED_DEPARTMENTS: readonly string[] = ['PROCUREMENT', 'BIDDING', 'ADMINISTRATIVE_APPROVAL', 'DEVELOPMENT_AND_REFORM'];

const NAME = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * Every government department a token may name: each federation department's domain (MARKET, TAX, …,
 * PLATFORM) and the named ones (`GOVERNMENT_DEPARTMENTS`, comma-separated upper-case names; default
 * DEFAULT_NAMED_DEPARTMENTS). A token naming any other is refused: a department that does not exist
 * has no need of anything.
 */
export function readGovernmentDepartments(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const text = env.GOVERNMENT_DEPARTMENTS;
  const named = text === undefined || text.trim() === '' ? DEFAULT_NAMED_DEPARTMENTS : text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of named) {
    if (!NAME.test(name)) throw new ConfigurationError(`GOVERNMENT_DEPARTMENTS: ${JSON.stringify(name)} is not a department name (upper case letters, digits and _)`);
  }
  return [...new Set([...DEPARTMENTS.map((d) => d.domain), ...named])];
}
