import type { KeyObject } from 'node:crypto';
import { ConfigurationError } from '../subgraphs/kit/runtime/config.ts';
import { parsePublicKey } from '../subgraphs/kit/identity/keys.ts';
import { devIssuerPath, isDevIssuerEnabled } from './dev-issuer.ts';
import { readGovernmentDepartments } from '../subgraphs/kit/identity/government-departments.ts';
import { DEFAULT_GATEWAY_AUDIENCE, parseIssuerScope, type IssuerScope } from './issuer-scope.ts';

/**
 * An issuer of client tokens the gateway trusts: by a fixed public key, or by its JWKS URL, and for
 * what (`scope`: caller kinds, organisations, departments, audience, lifetime; issuer-scope.ts).
 */
export type TrustedIssuer = ({ issuer: string; key: KeyObject } | { issuer: string; jwksUrl: URL }) & { scope?: IssuerScope };

export interface AuthOptions {
  /** From `AUTH_ISSUERS`. @default [] */
  issuers: TrustedIssuer[];
  /** The development issuer's key file, or null when it is not trusted (production, `AUTH_DEV_ISSUER=off`). */
  devIssuerPath: string | null;
  /** The `aud` a token must name when it names one (`AUTH_AUDIENCE`). @default DEFAULT_GATEWAY_AUDIENCE */
  audience?: string;
  /** The departments a GOVERNMENT token may name (`GOVERNMENT_DEPARTMENTS`). @default readGovernmentDepartments({}) */
  knownDepartments?: readonly string[];
}

const EXAMPLE = `[{"issuer":"https://sso.bank.example","jwksUrl":"https://sso.bank.example/jwks.json","kinds":["INSTITUTION"],"organisations":["BANK-001"]},{"issuer":"gov-sso","publicKey":"-----BEGIN PUBLIC KEY-----…","kinds":["GOVERNMENT"],"departments":["MARKET","TAX"]}]`;

function parseIssuer(entry: unknown, index: number, knownDepartments: readonly string[]): TrustedIssuer {
  const where = `AUTH_ISSUERS[${index}]`;
  if (!entry || typeof entry !== 'object') throw new ConfigurationError(`${where} must be an object such as ${EXAMPLE}`);
  const scope = parseIssuerScope(entry as Record<string, unknown>, where, knownDepartments);
  return { ...parseIssuerKey(entry, where), scope };
}

function parseIssuerKey(entry: unknown, where: string): TrustedIssuer {
  const { issuer, jwksUrl, publicKey } = (entry ?? {}) as { issuer?: unknown; jwksUrl?: unknown; publicKey?: unknown };
  if (typeof issuer !== 'string' || issuer === '') throw new ConfigurationError(`${where} needs an "issuer" (the tokens' iss claim)`);
  if (typeof jwksUrl === 'string') {
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new ConfigurationError(`${where}.jwksUrl must be a URL, but got: ${JSON.stringify(jwksUrl)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigurationError(`${where}.jwksUrl must be an http(s) URL`);
    return { issuer, jwksUrl: url };
  }
  if (typeof publicKey === 'string') return { issuer, key: parsePublicKey(publicKey, `${where}.publicKey`) };
  if (publicKey && typeof publicKey === 'object') return { issuer, key: parsePublicKey(JSON.stringify(publicKey), `${where}.publicKey`) };
  throw new ConfigurationError(`${where} (${issuer}) needs a "jwksUrl" or a "publicKey" (PEM or JWK)`);
}

/**
 * `AUTH_ISSUERS`: a JSON list of trusted issuers and their scopes, e.g. ${EXAMPLE}; `AUTH_AUDIENCE`;
 * `GOVERNMENT_DEPARTMENTS`; `AUTH_DEV_ISSUER=off` and
 * `NODE_ENV=production` turn the development issuer off; `AUTH_DEV_ISSUER_FILE` moves its key file.
 */
export function readAuthOptions(env: NodeJS.ProcessEnv = process.env): AuthOptions {
  const knownDepartments = readGovernmentDepartments(env);
  let issuers: TrustedIssuer[] = [];
  if (env.AUTH_ISSUERS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.AUTH_ISSUERS);
    } catch {
      throw new ConfigurationError(`AUTH_ISSUERS must be a JSON list such as ${EXAMPLE}`);
    }
    if (!Array.isArray(parsed)) throw new ConfigurationError(`AUTH_ISSUERS must be a JSON list such as ${EXAMPLE}`);
    issuers = parsed.map((entry, i) => parseIssuer(entry, i, knownDepartments));
  }
  return { issuers, devIssuerPath: isDevIssuerEnabled(env) ? devIssuerPath(env) : null, audience: env.AUTH_AUDIENCE || DEFAULT_GATEWAY_AUDIENCE, knownDepartments };
}
