import { createPrivateKey } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { inject } from 'vitest';
import type { Caller } from '../../subgraphs/kit/identity/caller.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER, internalAudienceOf, signCallerToken } from '../../subgraphs/kit/identity/caller-token.ts';
import type { Purpose } from '../../subgraphs/kit/identity/purposes.ts';

/** A caller as a test names it; an institution's purpose goes in X-Credit-Purpose, not in its token. */
export type TestCaller =
  | { kind: 'ANONYMOUS' }
  | { kind: 'INSTITUTION'; organisation: string; purpose?: Purpose }
  | { kind: 'GOVERNMENT'; department: string }
  | { kind: 'SUBJECT'; uscc: string };

export interface ClientTokenOptions {
  /** @default '10m' */
  expiresIn?: string | number;
  /** @default the test issuer */
  issuer?: string;
  /** @default the test issuer's private key */
  privateJwk?: JsonWebKey;
  /** @default 'test-user' */
  sub?: string | null;
}

/** A client bearer token with exactly these claims (plus iss, sub, iat, exp), signed by the test issuer. */
export async function clientToken(claims: JWTPayload, options: ClientTokenOptions = {}): Promise<string> {
  const issuer = inject('testIssuer');
  const key = createPrivateKey({ key: (options.privateJwk ?? issuer.privateJwk) as import('node:crypto').JsonWebKey, format: 'jwk' });
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(options.issuer ?? issuer.issuer)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m');
  if (options.sub !== null) jwt.setSubject(options.sub ?? 'test-user');
  return jwt.sign(key);
}

function claimsOf(caller: Exclude<TestCaller, { kind: 'ANONYMOUS' }>): JWTPayload {
  switch (caller.kind) {
    case 'INSTITUTION':
      return { kind: caller.kind, organisation: caller.organisation };
    case 'GOVERNMENT':
      return { kind: caller.kind, department: caller.department };
    case 'SUBJECT':
      return { kind: caller.kind, uscc: caller.uscc };
  }
}

/** The headers a client sends to be this caller at the gateway. */
export async function headersFor(caller: TestCaller): Promise<Record<string, string>> {
  if (caller.kind === 'ANONYMOUS') return {};
  const headers: Record<string, string> = { authorization: `Bearer ${await clientToken(claimsOf(caller))}` };
  if (caller.kind === 'INSTITUTION' && caller.purpose) headers['x-credit-purpose'] = caller.purpose;
  return headers;
}

export const GOVERNMENT: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };

/** Headers of a government caller: sees every level. */
export function governmentHeaders(): Promise<Record<string, string>> {
  return headersFor(GOVERNMENT);
}

/**
 * An `x-credit-caller` header as the gateway would sign it (or, with another key or lifetime, as it
 * would not), for requests sent to a subgraph directly.
 */
export async function callerHeader(
  caller: Exclude<Caller, { kind: 'ANONYMOUS' }>,
  { audience, requestId = 'test-direct', privateJwk = inject('callerKeys').privateJwk, lifetimeSeconds, via }: { audience: string; requestId?: string; privateJwk?: JsonWebKey; lifetimeSeconds?: number; via?: string },
): Promise<string> {
  const key = createPrivateKey({ key: privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  return signCallerToken(caller, { audience, requestId, key, lifetimeSeconds, via });
}

/**
 * The headers the gateway sends a department for `caller`: the caller header for that department and
 * the token it forwards to the platform's internal routes (grants, the access log).
 */
export async function gatewayHeaders(caller: Exclude<Caller, { kind: 'ANONYMOUS' }>, subgraph: string, requestId?: string): Promise<Record<string, string>> {
  return {
    [CALLER_HEADER]: await callerHeader(caller, { audience: subgraph, requestId }),
    [INTERNAL_CALLER_HEADER]: await callerHeader(caller, { audience: internalAudienceOf('platform'), via: subgraph, requestId }),
  };
}
