import type { JWTPayload } from 'jose';
import type { Caller, CallerKind } from '../subgraphs/kit/identity/caller.ts';
import { ConfigurationError } from '../subgraphs/kit/runtime/config.ts';

/** The caller kinds a token can assert (anonymous needs no token). */
export const TOKEN_KINDS = ['INSTITUTION', 'GOVERNMENT', 'SUBJECT'] as const satisfies readonly CallerKind[];

/** @default the `aud` a token must name, when it names one (`AUTH_AUDIENCE`). */
export const DEFAULT_GATEWAY_AUDIENCE = 'credit-federation-gateway';

/** @default the longest a token may live from issue to expiry, unless its issuer says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** Ids, exact or with `*` for any run of characters (`BANK-DEMO-*`); compared case for case. */
export type IdPatterns = readonly string[];

/**
 * What one issuer is trusted to assert. An identity provider of a bank vouches for that bank's staff,
 * not for a government department or another bank, so each `AUTH_ISSUERS` entry says which kinds of
 * caller and which organisations or departments its tokens may name; anything else is a 401.
 */
export interface IssuerScope {
  /** @default every kind (declare it: the default keeps old configurations working) */
  kinds: readonly CallerKind[];
  /** For INSTITUTION tokens. @default any organisation */
  organisations: IdPatterns | null;
  /** For GOVERNMENT tokens, within the known departments. @default any known department */
  departments: IdPatterns | null;
  /** Refuse a token without `aud`. @default false: a token that names an audience must name the gateway's */
  requireAudience: boolean;
  /** @default DEFAULT_MAX_TOKEN_LIFETIME_SECONDS */
  maxLifetimeSeconds: number;
}

export const UNRESTRICTED_SCOPE: IssuerScope = Object.freeze({
  kinds: TOKEN_KINDS,
  organisations: null,
  departments: null,
  requireAudience: false,
  maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
});

function patternOf(text: string): RegExp {
  return new RegExp(`^${text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

export function matchesAny(patterns: IdPatterns, id: string): boolean {
  return patterns.some((p) => (p.includes('*') ? patternOf(p).test(id) : p === id));
}

const DURATION = /^(\d+)\s*(s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function parseDuration(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  const match = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  if (!match || Number(match[1]) <= 0) throw new ConfigurationError(`${where} must be a duration such as "1h", "30m" or a number of seconds, but got ${JSON.stringify(value)}`);
  return Number(match[1]) * UNIT_SECONDS[match[2] ?? 's'];
}

function parsePatterns(value: unknown, where: string): IdPatterns | null {
  if (value === undefined) return null;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 100)) {
    throw new ConfigurationError(`${where} must be a list of ids or patterns such as ["BANK-001", "BANK-DEMO-*"]`);
  }
  return list;
}

/** The scope part of one `AUTH_ISSUERS` entry: `kinds`, `organisations`, `departments`, `requireAudience`, `maxLifetime`. */
export function parseIssuerScope(entry: Record<string, unknown>, where: string, knownDepartments: readonly string[]): IssuerScope {
  let kinds: readonly CallerKind[] = TOKEN_KINDS;
  if (entry.kinds !== undefined) {
    if (!Array.isArray(entry.kinds) || entry.kinds.length === 0 || !entry.kinds.every((k) => (TOKEN_KINDS as readonly unknown[]).includes(k))) {
      throw new ConfigurationError(`${where}.kinds must be a list of ${TOKEN_KINDS.join(', ')}`);
    }
    kinds = entry.kinds as CallerKind[];
  }
  const departments = parsePatterns(entry.departments, `${where}.departments`);
  for (const d of departments ?? []) {
    if (!d.includes('*') && !knownDepartments.includes(d)) {
      throw new ConfigurationError(`${where}.departments names ${d}, which is not a known department (${knownDepartments.join(', ')}; GOVERNMENT_DEPARTMENTS adds named ones)`);
    }
  }
  if (entry.requireAudience !== undefined && typeof entry.requireAudience !== 'boolean') throw new ConfigurationError(`${where}.requireAudience must be true or false`);
  return {
    kinds,
    organisations: parsePatterns(entry.organisations, `${where}.organisations`),
    departments,
    requireAudience: entry.requireAudience === true,
    maxLifetimeSeconds: entry.maxLifetime === undefined ? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS : parseDuration(entry.maxLifetime, `${where}.maxLifetime`),
  };
}

/**
 * Why a verified token is outside what its issuer may assert, or null when it is inside: the audience,
 * the lifetime, the caller kind, the organisation or department (exactly, case for case).
 */
export function outsideScope(
  scope: IssuerScope,
  { issuer, payload, caller, audience, knownDepartments }: { issuer: string; payload: JWTPayload; caller: Caller; audience: string; knownDepartments: readonly string[] },
): string | null {
  const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (aud.length > 0 && !aud.includes(audience)) return `Token is for audience ${JSON.stringify(aud.join(', '))}, not this gateway (${audience})`;
  if (aud.length === 0 && scope.requireAudience) return `Token lacks the aud claim; issuer ${issuer} must address its tokens to ${audience}`;
  if (typeof payload.exp === 'number') {
    const lifetime = payload.exp - (typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000));
    if (lifetime > scope.maxLifetimeSeconds) return `Token lives ${lifetime} s from issue to expiry, longer than the ${scope.maxLifetimeSeconds} s issuer ${issuer} is trusted for`;
  }
  if (!scope.kinds.includes(caller.kind)) return `Issuer ${issuer} is not trusted for ${caller.kind} tokens (only ${scope.kinds.join(', ')})`;
  if (caller.kind === 'INSTITUTION' && scope.organisations && !matchesAny(scope.organisations, caller.organisation)) {
    return `Issuer ${issuer} is not trusted for organisation ${caller.organisation} (only ${scope.organisations.join(', ')})`;
  }
  if (caller.kind === 'GOVERNMENT') {
    if (!knownDepartments.includes(caller.department)) return `Department ${caller.department} is not a known government department (${knownDepartments.join(', ')})`;
    if (scope.departments && !matchesAny(scope.departments, caller.department)) {
      return `Issuer ${issuer} is not trusted for department ${caller.department} (only ${scope.departments.join(', ')})`;
    }
  }
  return null;
}
