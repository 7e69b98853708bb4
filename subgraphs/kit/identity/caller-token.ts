import type { KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { keyIdOf } from './keys.ts';
import { countCallerHeaderFailure } from '../runtime/metrics.ts';
import type { Caller } from './caller.ts';
import { isPurpose } from './purposes.ts';
import { validateUscc } from '../identifiers/uscc.ts';

/**
 * The header in which the gateway tells a subgraph who is asking. The gateway signs it (EdDSA) for one
 * subgraph (`aud`) and one request (`rid`), valid for seconds; a subgraph trusts nothing else about
 * the caller, so a client that reaches a subgraph directly, or forges the header, is anonymous.
 */
export const CALLER_HEADER = 'x-credit-caller';

export const CALLER_TOKEN_ISSUER = 'credit-federation-gateway';

/**
 * Tokens for another service's internal routes, which the receiving department forwards unread: one
 * for the platform's grants and access log (`aud` platform#internal, `via` the department), and on a
 * platform mutation (or a query reading an objection's resubmissions) one per department for its
 * internal routes (`aud` market#internal, `via` platform). When the platform issues an institution's
 * credit report it also gets, per department, one for its own internal routes (`aud`
 * platform#internal, `via` that department): it hands each to the department it asks as the caller,
 * which asks the platform back for that institution's grants with it. Space-separated. A header
 * signed for a department's GraphQL is never accepted there.
 */
export const INTERNAL_CALLER_HEADER = 'x-credit-caller-internal';

/** The audience of a service's internal routes: not its GraphQL endpoint's, so neither stands in for the other. */
export function internalAudienceOf(service: string): string {
  return `${service}#internal`;
}

/**
 * @default lifetime of a caller token: a request's fetches, timeouts included (the gateway waits 5 s
 * per department), and no longer, so a header seen once is soon worth nothing.
 */
export const CALLER_TOKEN_LIFETIME_SECONDS = 10;

/** The most a subgraph accepts, whatever `exp` says: a token older than this is not from this request. */
const MAX_TOKEN_AGE_SECONDS = 15;

/** Hosts' clocks differ a little; a token issued "in the future" by a second or two is still good. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface CallerTokenOptions {
  /** The subgraph the token is for. */
  audience: string;
  requestId: string;
  key: KeyObject;
  /** @default CALLER_TOKEN_LIFETIME_SECONDS */
  lifetimeSeconds?: number;
  /** For an internal audience: the service the gateway hands the token to, which forwards it. */
  via?: string;
}

function claimsOf(caller: Exclude<Caller, { kind: 'ANONYMOUS' }>): JWTPayload {
  switch (caller.kind) {
    case 'INSTITUTION':
      return { kind: caller.kind, organisation: caller.organisation, purpose: caller.purpose };
    case 'GOVERNMENT':
      return { kind: caller.kind, department: caller.department };
    case 'SUBJECT':
      return { kind: caller.kind, uscc: caller.uscc };
  }
}

export async function signCallerToken(
  caller: Exclude<Caller, { kind: 'ANONYMOUS' }>,
  { audience, requestId, key, lifetimeSeconds = CALLER_TOKEN_LIFETIME_SECONDS, via }: CallerTokenOptions,
): Promise<string> {
  return new SignJWT({ ...claimsOf(caller), rid: requestId, ...(via ? { via } : {}) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'credit-caller+jwt', kid: keyIdOf(key) })
    .setIssuer(CALLER_TOKEN_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`)
    .sign(key);
}

/**
 * The gateway's caller token as a subgraph received it, to forward on the same request (to the
 * platform, or from the platform to a department), so the receiver answers for this caller only.
 * It names no caller itself: a request's caller is read from the context's `caller` alone.
 */
export interface ForwardedCallerToken {
  /** The gateway's request id, signed: what the access log records. */
  requestId: string;
  /** The token itself. */
  token: string;
  /** Tokens for other services' internal routes, by service name, as the gateway sent them (unverified here: their recipient verifies). */
  internal?: Record<string, string>;
  /**
   * Tokens for this service's own internal routes, by the service each was signed to pass through
   * (its `via`): the platform hands one to each department it asks as the caller, so that department
   * can ask the platform back on this request (an institution's grants). Unverified here, as `internal`.
   */
  askBack?: Record<string, string>;
}

/**
 * The internal tokens of an `x-credit-caller-internal` header received by `self`: `internal`, by the
 * service whose internal routes they are for; `askBack`, those for `self`'s own internal routes, by the
 * service they are to be handed to (their `via`).
 */
export function internalTokensOf(header: string | undefined, self?: string): { internal: Record<string, string>; askBack: Record<string, string> } {
  const internal: Record<string, string> = {};
  const askBack: Record<string, string> = {};
  for (const token of (header ?? '').split(/\s+/).slice(0, 16)) {
    if (!token) continue;
    try {
      const { aud, via } = decodeJwt(token);
      const audience = Array.isArray(aud) ? aud[0] : aud;
      if (typeof audience !== 'string' || !audience.endsWith('#internal')) continue;
      const service = audience.slice(0, -'#internal'.length);
      if (service !== self) internal[service] = token;
      else if (typeof via === 'string' && via !== self) askBack[via] = token;
    } catch {
      // not a token: nothing to forward
    }
  }
  return { internal, askBack };
}

export interface VerifiedCaller extends ForwardedCallerToken {
  caller: Caller;
  /** The subgraph the token was issued for. */
  audience: string;
  /** For a token of an internal audience: the service that forwarded it (it was handed to that one). */
  via?: string;
}

function nonEmpty(value: unknown, max = 100): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function callerFromClaims(claims: JWTPayload): Caller | null {
  switch (claims.kind) {
    case 'INSTITUTION':
      if (!nonEmpty(claims.organisation)) return null;
      if (claims.purpose !== null && !isPurpose(claims.purpose)) return null;
      return { kind: 'INSTITUTION', organisation: claims.organisation, purpose: claims.purpose };
    case 'GOVERNMENT':
      return nonEmpty(claims.department) ? { kind: 'GOVERNMENT', department: claims.department } : null;
    case 'SUBJECT':
      return typeof claims.uscc === 'string' && validateUscc(claims.uscc) === null ? { kind: 'SUBJECT', uscc: claims.uscc } : null;
    default:
      return null;
  }
}

/**
 * The key among the gateway's public keys that the token names by `kid`; a token without one (signed
 * before keys had ids) is tried with the only key, if there is only one.
 */
function keyFor(token: string, keys: KeyObject | readonly KeyObject[]): KeyObject | undefined {
  const list = Array.isArray(keys) ? keys : [keys as KeyObject];
  const { kid } = decodeProtectedHeader(token);
  if (kid === undefined) return list.length === 1 ? list[0] : undefined;
  return list.find((k) => keyIdOf(k) === kid);
}

/**
 * The caller a token vouches for, or null for anything else: no token, a forged or foreign signature,
 * an expired token, one for another subgraph. Null means anonymous, never an error: a subgraph reached
 * without the gateway still answers PUBLIC data.
 *
 * `audience` undefined accepts a token for any subgraph: the platform's internal endpoints take the
 * token a department forwards, whose audience is that department.
 */
export async function verifyCallerToken(
  token: string | undefined,
  { key: keys, audience }: { key: KeyObject | readonly KeyObject[] | undefined; audience: string | undefined },
): Promise<VerifiedCaller | null> {
  if (!token || !keys) return null;
  try {
    const key = keyFor(token, keys);
    if (!key) return null;
    const { payload } = await jwtVerify(token, key, {
      issuer: CALLER_TOKEN_ISSUER,
      audience,
      algorithms: ['EdDSA', 'Ed25519'],
      requiredClaims: ['iat', 'exp', 'aud', 'kind', 'rid'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const caller = callerFromClaims(payload);
    const tokenAudience = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (!caller || !nonEmpty(payload.rid, 200) || !nonEmpty(tokenAudience)) {
      countCallerHeaderFailure(audience ?? 'any', 'CLAIMS');
      return null;
    }
    // An internal token names who forwards it; the route believes that, not what the forwarder says.
    const via = nonEmpty(payload.via) ? payload.via : undefined;
    if (tokenAudience.endsWith('#internal') && !via) {
      countCallerHeaderFailure(audience ?? 'any', 'CLAIMS');
      return null;
    }
    return { caller, requestId: payload.rid, audience: tokenAudience, token, ...(via ? { via } : {}) };
  } catch (error) {
    countCallerHeaderFailure(audience ?? 'any', String((error as { code?: unknown }).code ?? 'INVALID'));
    return null;
  }
}
