import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import canonicalize from 'canonicalize';
import { generateEd25519KeyPair, parsePrivateKey, readOrCreateKeyPairFile, requireEd25519 } from '../../kit/identity/keys.ts';
import { ConfigurationError } from '../../kit/runtime/config.ts';

/**
 * The report's bytes as signed: its JSON in the JSON Canonicalization Scheme (RFC 8785), so anyone
 * can recompute them from the document, whatever order or spacing their JSON library writes.
 */
export function canonicalJson(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new Error('a report document must be JSON');
  return text;
}

/** SHA-256 of the canonical JSON, in lower-case hex: what verifyCreditReport compares. */
export function digestOf(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Ed25519 signature over the canonical JSON's UTF-8 bytes, base64url. */
export function signReport(canonical: string, key: KeyObject): string {
  return sign(null, Buffer.from(canonical, 'utf8'), key).toString('base64url');
}

/** What a third party does offline with the published public key. */
export function verifyReportSignature(canonical: string, signature: string, publicKey: KeyObject): boolean {
  return verify(null, Buffer.from(canonical, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
}

/** @default the development report-signing pair: git-ignored, created on first use */
export const DEV_REPORT_KEY_PATH = fileURLToPath(new URL('../../../.data/report-signing-key.json', import.meta.url));

export interface ReportSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * The platform's report-signing key: `REPORT_SIGNING_KEY` (Ed25519, JWK or PEM), or outside production
 * a development pair in `.data/`. In production a missing key stops the platform at start: it could
 * issue no report anyone can verify.
 */
export function readReportSigningKey(env: NodeJS.ProcessEnv = process.env): ReportSigningKey {
  const variable = 'REPORT_SIGNING_KEY';
  let privateKey: KeyObject;
  if (env[variable]) privateKey = requireEd25519(parsePrivateKey(env[variable], variable), variable);
  else if (env.NODE_ENV === 'production') {
    throw new ConfigurationError(`${variable} is not set: the platform signs credit reports with it. \`npm run token -- signing-key\` prints a new Ed25519 pair; publish the public half.`);
  } else privateKey = createPrivateKey({ key: readOrCreateKeyPairFile(DEV_REPORT_KEY_PATH, generateEd25519KeyPair).privateJwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

let cached: ReportSigningKey | undefined;

/** The key, read once per process (at the platform's start, so a bad value stops it there). */
export function reportSigningKey(): ReportSigningKey {
  cached ??= readReportSigningKey();
  return cached;
}
