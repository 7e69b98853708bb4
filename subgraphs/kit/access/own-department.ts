import { GraphQLError } from 'graphql';
import { describeCaller, type Caller } from '../identity/caller.ts';

/**
 * Writing a department's records (归集) is for government of that department alone: the data owner
 * writes its own data. The access rules have already refused everyone but government (`@access`
 * INTERNAL, reason LEVEL); this refuses government of another department, reason DOMAIN. Identities
 * compared exactly.
 */
export function requireOwnDepartment(caller: Caller, domain: string, what: string): void {
  if (caller.kind === 'GOVERNMENT' && caller.department === domain) return;
  const reason = caller.kind === 'GOVERNMENT' ? 'DOMAIN' : 'LEVEL';
  throw new GraphQLError(`${what} may be made by government of ${domain} only; you are ${describeCaller(caller)}`, {
    extensions: { code: 'FORBIDDEN', reason, level: 'INTERNAL' },
  });
}

/** The platform's government (信用平台) oversees every department's collection. */
export const PLATFORM_DEPARTMENT = 'PLATFORM';

/**
 * Reading a department's collection figures and held records: government of that department, or of
 * the platform. Same reasons as requireOwnDepartment.
 */
export function requireOwnDepartmentOrPlatform(caller: Caller, domain: string, what: string): void {
  if (caller.kind === 'GOVERNMENT' && caller.department === PLATFORM_DEPARTMENT) return;
  if (caller.kind === 'GOVERNMENT' && caller.department === domain) return;
  const reason = caller.kind === 'GOVERNMENT' ? 'DOMAIN' : 'LEVEL';
  throw new GraphQLError(`${what} may be read by government of ${domain} or of the platform only; you are ${describeCaller(caller)}`, {
    extensions: { code: 'FORBIDDEN', reason, level: 'INTERNAL' },
  });
}
