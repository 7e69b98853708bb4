import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../runtime/config.ts';

/** An Ed25519 key pair as JSON Web Keys: what `.data/*.json` files and `*_KEY` variables hold. */
export interface KeyPairJwk {
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

export function generateEd25519KeyPair(): KeyPairJwk {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: publicKey.export({ format: 'jwk' }) };
}

/**
 * A key given in configuration: a JWK (JSON) or PEM text. Node's KeyObject knows its own type (Ed25519,
 * EC, RSA), which jose checks against the token's `alg`, so configuration needs no separate algorithm.
 */
function parseKey(text: string, variable: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const key = { key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' as const };
      return kind === 'private' ? createPrivateKey(key) : createPublicKey(key);
    }
    return kind === 'private' ? createPrivateKey(trimmed) : createPublicKey(trimmed);
  } catch (error) {
    const what = kind === 'private' ? 'a private key' : 'a public key';
    throw new ConfigurationError(`${variable} must be ${what} as a JWK (JSON) or PEM text: ${(error as Error).message}`);
  }
}

export function parsePrivateKey(text: string, variable: string): KeyObject {
  return parseKey(text, variable, 'private');
}

export function parsePublicKey(text: string, variable: string): KeyObject {
  return parseKey(text, variable, 'public');
}

/** The gateway's caller-signing key must be Ed25519: subgraphs verify with EdDSA only. */
export function requireEd25519(key: KeyObject, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigurationError(`${variable} must be an Ed25519 key (EdDSA), but got a ${key.asymmetricKeyType} key`);
  }
  return key;
}

/**
 * A development key pair kept in a git-ignored file, created on first use. Two processes starting at
 * once may both create one; the exclusive write lets the first win and the second read the winner's.
 */
export function readOrCreateKeyPairFile<T extends KeyPairJwk>(path: string, create: () => T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${JSON.stringify(create(), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** @default the development key pair the gateway signs caller headers with: git-ignored, created on first use */
export const DEV_SIGNING_KEY_PATH = fileURLToPath(new URL('../../../.data/gateway-signing-key.json', import.meta.url));

/** Development only: the gateway's caller-signing pair from `.data/`, so a laptop needs no key set up. */
export function loadDevSigningKeyPair(path: string = DEV_SIGNING_KEY_PATH): KeyPairJwk {
  return readOrCreateKeyPairFile(path, generateEd25519KeyPair);
}

function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * The gateway's caller-signing key: `GATEWAY_SIGNING_KEY`, or outside production the development pair.
 * In production a missing key stops the gateway: it could not tell any department who is asking.
 */
export function readCallerSigningKey(env: NodeJS.ProcessEnv = process.env): KeyObject {
  const variable = 'GATEWAY_SIGNING_KEY';
  if (env[variable]) return requireEd25519(parsePrivateKey(env[variable], variable), variable);
  if (isProduction(env)) {
    throw new ConfigurationError(`${variable} is not set: the gateway signs the caller header with it. \`npm run token -- signing-key\` prints a new Ed25519 pair (${variable} for the gateway, GATEWAY_PUBLIC_KEY for every subgraph).`);
  }
  return createPrivateKey({ key: loadDevSigningKeyPair().privateJwk, format: 'jwk' });
}

/** A subgraph's copy of the gateway's public key: `GATEWAY_PUBLIC_KEY`, or outside production the development pair's. */
export function readGatewayPublicKey(env: NodeJS.ProcessEnv = process.env): KeyObject {
  const variable = 'GATEWAY_PUBLIC_KEY';
  if (env[variable]) return requireEd25519(parsePublicKey(env[variable], variable), variable);
  if (isProduction(env)) {
    throw new ConfigurationError(`${variable} is not set: without the gateway's public key every request would be anonymous. Give it the public half of the gateway's GATEWAY_SIGNING_KEY.`);
  }
  return createPublicKey({ key: loadDevSigningKeyPair().publicJwk, format: 'jwk' });
}

const kids = new WeakMap<KeyObject, string>();

/**
 * A key's id: its RFC 7638 JWK thumbprint (SHA-256, base64url) of the public half, so the gateway and
 * every subgraph derive the same `kid` from the key itself, with nothing more to configure.
 */
export function keyIdOf(key: KeyObject): string {
  const known = kids.get(key);
  if (known) return known;
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const members = jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  const kid = createHash('sha256').update(JSON.stringify(members)).digest('base64url');
  kids.set(key, kid);
  return kid;
}

/**
 * The gateway's public keys a subgraph accepts: `GATEWAY_PUBLIC_KEYS`, a JSON list of JWKs or a JWKS
 * (`{"keys": [...]}`), during a rotation the new key and the old; otherwise `GATEWAY_PUBLIC_KEY` alone.
 */
export function readGatewayPublicKeys(env: NodeJS.ProcessEnv = process.env): KeyObject[] {
  const variable = 'GATEWAY_PUBLIC_KEYS';
  const text = env[variable];
  if (!text) return [readGatewayPublicKey(env)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${variable} must be a JSON list of Ed25519 public JWKs, or a JWKS {"keys": [...]}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(list) || list.length === 0) throw new ConfigurationError(`${variable} must hold at least one key: a JSON list of public JWKs, or {"keys": [...]}`);
  return list.map((jwk, i) => requireEd25519(parsePublicKey(JSON.stringify(jwk), `${variable}[${i}]`), `${variable}[${i}]`));
}
