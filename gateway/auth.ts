import { createPublicKey, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, type Caller } from '../subgraphs/kit/identity/caller.ts';
import { isPurpose, PURPOSES, type Purpose } from '../subgraphs/kit/identity/purposes.ts';
import { validateUscc } from '../subgraphs/kit/identifiers/uscc.ts';
import type { AuthOptions } from './auth-config.ts';
import { loadDevIssuer } from './dev-issuer.ts';
import { readGovernmentDepartments } from '../subgraphs/kit/identity/government-departments.ts';
import { DEFAULT_GATEWAY_AUDIENCE, outsideScope, UNRESTRICTED_SCOPE, type IssuerScope } from './issuer-scope.ts';

/** The header in which an institution declares what this request is for. */
export const PURPOSE_HEADER = 'x-credit-purpose';

/** Signatures only, never a shared secret (HS*) or `none`: an issuer's public key is all we hold. */
const ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

/** Clock skew allowed between an issuer and this gateway. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface Authenticator {
  /** The caller a request carries: ANONYMOUS without a token; throws a 401/400 GraphQLError for a bad one. */
  authenticate(req: IncomingMessage): Promise<Caller>;
  /** The issuers trusted, for messages and the start-up log. */
  issuers: string[];
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]) },
    },
  });
}

function badPurpose(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

function claimString(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.trim() !== '' && value.length <= 100 ? value : undefined;
}

/** The caller a verified token describes; a token that does not say enough is refused, never downgraded. */
function callerOf(payload: JWTPayload, purpose: Purpose | null): Caller {
  const kind = payload.kind;
  switch (kind) {
    case 'INSTITUTION': {
      const organisation = claimString(payload, 'organisation');
      if (!organisation) throw unauthenticated('Token of kind INSTITUTION lacks the organisation claim (the institution id, e.g. BANK-001)');
      return { kind, organisation, purpose };
    }
    case 'GOVERNMENT': {
      const department = claimString(payload, 'department');
      if (!department) throw unauthenticated('Token of kind GOVERNMENT lacks the department claim (e.g. MARKET, TAX)');
      return { kind, department };
    }
    case 'SUBJECT': {
      const uscc = payload.uscc;
      if (typeof uscc !== 'string') throw unauthenticated('Token of kind SUBJECT lacks the uscc claim (the entity’s unified social credit code)');
      const problem = validateUscc(uscc);
      if (problem) throw unauthenticated(`Token of kind SUBJECT has a malformed uscc claim: ${problem.message}`);
      return { kind, uscc };
    }
    default:
      throw unauthenticated(`Token claim kind must be INSTITUTION, GOVERNMENT or SUBJECT, but got ${JSON.stringify(kind ?? null)}`);
  }
}

function purposeOf(req: IncomingMessage): Purpose | null {
  const header = req.headers[PURPOSE_HEADER];
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  if (!isPurpose(value)) throw badPurpose(`X-Credit-Purpose must be one of ${PURPOSES.join(', ')}, but got ${JSON.stringify(value)}`);
  return value;
}

/** Why jose refused a token, in a sentence for the client. */
function refusal(error: unknown, issuer: string): GraphQLError {
  if (error instanceof errors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? ` at ${new Date(error.payload.exp * 1000).toISOString()}` : '';
    return unauthenticated(`Token expired${exp}; get a new one from ${issuer}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated(`Token signature does not verify against the keys of issuer ${issuer}`);
  if (error instanceof errors.JWKSNoMatchingKey) return unauthenticated(`No key of issuer ${issuer} matches the token (kid/alg)`);
  if (error instanceof errors.JOSEAlgNotAllowed) return unauthenticated(`Token algorithm is not accepted; use one of ${ALGORITHMS.join(', ')}`);
  if (error instanceof errors.JWTClaimValidationFailed) return unauthenticated(`Token claim ${error.claim} is not acceptable: ${error.message}`);
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof Error && error.name === 'TypeError')) {
    return new GraphQLError(`Tokens of issuer ${issuer} cannot be verified right now (its keys could not be fetched); try again shortly`, {
      extensions: { code: 'AUTHENTICATION_UNAVAILABLE', http: { status: 503 } },
    });
  }
  return unauthenticated(`Token could not be verified: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Verifies client tokens at the gateway: the one place callers authenticate. Issuer keys are set up
 * once, here; a JWKS is fetched on first use and cached by jose (refetched when a new `kid` appears).
 */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const keys = new Map<string, KeyObject | JWTVerifyGetKey>();
  const scopes = new Map<string, IssuerScope>();
  for (const trusted of options.issuers) {
    keys.set(trusted.issuer, 'key' in trusted ? trusted.key : createRemoteJWKSet(trusted.jwksUrl, { timeoutDuration: 3000 }));
    scopes.set(trusted.issuer, trusted.scope ?? UNRESTRICTED_SCOPE);
  }
  if (options.devIssuerPath) {
    const dev = loadDevIssuer(options.devIssuerPath);
    keys.set(dev.issuer, createPublicKey({ key: dev.publicJwk, format: 'jwk' }));
    scopes.set(dev.issuer, UNRESTRICTED_SCOPE);
  }
  const audience = options.audience ?? DEFAULT_GATEWAY_AUDIENCE;
  const knownDepartments = options.knownDepartments ?? readGovernmentDepartments({});
  const trusted = [...keys.keys()];

  return {
    issuers: trusted,
    async authenticate(req) {
      const authorization = req.headers.authorization;
      if (authorization === undefined) {
        purposeOf(req);
        return ANONYMOUS;
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated("Authorization header must be 'Bearer <token>'");
      const token = match[1];

      let unverified: JWTPayload;
      try {
        unverified = decodeJwt(token);
      } catch {
        throw unauthenticated('Token is malformed: not a JSON Web Token (three base64url parts)');
      }
      const issuer = unverified.iss;
      if (typeof issuer !== 'string') throw unauthenticated('Token lacks the iss claim, so no issuer can vouch for it');
      const key = keys.get(issuer);
      if (!key) {
        throw unauthenticated(`Token issuer ${JSON.stringify(issuer)} is not trusted by this gateway (trusted: ${trusted.join(', ') || 'none'})`);
      }

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, {
          issuer,
          algorithms: ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } catch (error) {
        throw refusal(error, issuer);
      }
      const caller = callerOf(payload, purposeOf(req));
      const why = outsideScope(scopes.get(issuer) ?? UNRESTRICTED_SCOPE, { issuer, payload, caller, audience, knownDepartments });
      if (why) throw unauthenticated(why);
      return caller;
    },
  };
}
