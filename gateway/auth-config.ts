import type { KeyObject } from 'node:crypto';
import { ConfigurationError } from '../subgraphs/kit/runtime/config.ts';
import { parsePublicKey } from '../subgraphs/kit/identity/keys.ts';
import { devIssuerPath, isDevIssuerEnabled } from './dev-issuer.ts';

/** An issuer of client tokens the gateway trusts: by a fixed public key, or by its JWKS URL. */
export type TrustedIssuer = { issuer: string; key: KeyObject } | { issuer: string; jwksUrl: URL };

export interface AuthOptions {
  /** From `AUTH_ISSUERS`. @default [] */
  issuers: TrustedIssuer[];
  /** The development issuer's key file, or null when it is not trusted (production, `AUTH_DEV_ISSUER=off`). */
  devIssuerPath: string | null;
}

const EXAMPLE = `[{"issuer":"https://sso.bank.example","jwksUrl":"https://sso.bank.example/jwks.json"},{"issuer":"gov-sso","publicKey":"-----BEGIN PUBLIC KEY-----…"}]`;

function parseIssuer(entry: unknown, index: number): TrustedIssuer {
  const where = `AUTH_ISSUERS[${index}]`;
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
 * `AUTH_ISSUERS`: a JSON list of trusted issuers, e.g. ${EXAMPLE}; `AUTH_DEV_ISSUER=off` and
 * `NODE_ENV=production` turn the development issuer off; `AUTH_DEV_ISSUER_FILE` moves its key file.
 */
export function readAuthOptions(env: NodeJS.ProcessEnv = process.env): AuthOptions {
  let issuers: TrustedIssuer[] = [];
  if (env.AUTH_ISSUERS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.AUTH_ISSUERS);
    } catch {
      throw new ConfigurationError(`AUTH_ISSUERS must be a JSON list such as ${EXAMPLE}`);
    }
    if (!Array.isArray(parsed)) throw new ConfigurationError(`AUTH_ISSUERS must be a JSON list such as ${EXAMPLE}`);
    issuers = parsed.map(parseIssuer);
  }
  return { issuers, devIssuerPath: isDevIssuerEnabled(env) ? devIssuerPath(env) : null };
}
