import { fileURLToPath } from 'node:url';
import { generateEd25519KeyPair, readOrCreateKeyPairFile, type KeyPairJwk } from '../subgraphs/kit/identity/keys.ts';

/** The `iss` of development tokens (`npm run token`). */
export const DEV_ISSUER = 'urn:credit-federation:dev-issuer';

/** @default where the development issuer keeps its key pair: git-ignored, created on first use */
export const DEFAULT_DEV_ISSUER_PATH = fileURLToPath(new URL('../.data/dev-issuer.json', import.meta.url));

export interface DevIssuer extends KeyPairJwk {
  issuer: string;
}

/**
 * Whether the gateway trusts the development issuer: everywhere but production, unless switched off
 * (`AUTH_DEV_ISSUER=off`). Its private key sits in a file on this machine, so whoever can read the
 * file can sign in as anyone: fine for a laptop, never for a deployment.
 */
export function isDevIssuerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' && env.AUTH_DEV_ISSUER !== 'off';
}

export function devIssuerPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUTH_DEV_ISSUER_FILE || DEFAULT_DEV_ISSUER_PATH;
}

/** The development issuer's key pair, created on first use. */
export function loadDevIssuer(path: string = DEFAULT_DEV_ISSUER_PATH): DevIssuer {
  return readOrCreateKeyPairFile(path, () => ({ issuer: DEV_ISSUER, ...generateEd25519KeyPair() }));
}
