import { existsSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { DEV_ISSUER, devIssuerPath, isDevIssuerEnabled, loadDevIssuer } from '../gateway/dev-issuer.ts';
import { generateEd25519KeyPair } from '../subgraphs/kit/identity/keys.ts';
import { validateUscc } from '../subgraphs/kit/identifiers/uscc.ts';

// `npm run -s token -- <kind> …` prints a development token for any caller, signed by the development
// issuer the gateway trusts outside production (its key pair lives in .data/dev-issuer.json):
//   npm run -s token -- institution --organisation BANK-DEMO-001 [--expires 1h]
//   npm run -s token -- government --department MARKET
//   npm run -s token -- subject --uscc 91350100M000100Y43
// `npm run -s token -- signing-key` prints a new Ed25519 pair for GATEWAY_SIGNING_KEY / GATEWAY_PUBLIC_KEY.

const USAGE = `usage:
  npm run -s token -- institution --organisation <id> [--expires 1h] [--sub <user>]
  npm run -s token -- government --department <MARKET|TAX|COURTS|ENVIRONMENT|PLATFORM|name> [--expires 1h] [--sub <user>]
  npm run -s token -- subject --uscc <unified social credit code> [--expires 1h]
  npm run -s token -- signing-key [--private-file <path> --public-file <path>]`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) fail(`--${name} needs a value`);
  return value;
}

const [kind, ...args] = process.argv.slice(2);

if (kind === 'signing-key') {
  const privateFile = option(args, 'private-file');
  const publicFile = option(args, 'public-file');
  if (privateFile && publicFile) {
    // For GATEWAY_SIGNING_KEY_FILE and GATEWAY_PUBLIC_KEY_FILE (compose's keys job): kept if present,
    // so a restart does not change the pair under running services.
    if (!existsSync(privateFile) || !existsSync(publicFile)) {
      const { privateJwk, publicJwk } = generateEd25519KeyPair();
      writeFileSync(privateFile, JSON.stringify(privateJwk), { mode: 0o600 });
      writeFileSync(publicFile, JSON.stringify(publicJwk), { mode: 0o644 });
      console.log(`wrote a new caller-signing pair: ${privateFile} (gateway only), ${publicFile} (every subgraph)`);
    } else console.log(`keeping the caller-signing pair in ${privateFile} and ${publicFile}`);
    process.exit(0);
  }
  const { privateJwk, publicJwk } = generateEd25519KeyPair();
  console.log(`GATEWAY_SIGNING_KEY='${JSON.stringify(privateJwk)}'`);
  console.log(`GATEWAY_PUBLIC_KEY='${JSON.stringify(publicJwk)}'`);
  process.exit(0);
}

const claims: JWTPayload = {};
let sub: string;
switch (kind) {
  case 'institution': {
    const organisation = option(args, 'organisation') ?? fail('an institution token needs --organisation (e.g. BANK-DEMO-001)');
    Object.assign(claims, { kind: 'INSTITUTION', organisation });
    sub = `${organisation}/dev-user`;
    break;
  }
  case 'government': {
    const department = option(args, 'department') ?? fail('a government token needs --department (e.g. MARKET)');
    Object.assign(claims, { kind: 'GOVERNMENT', department });
    sub = `${department}/dev-user`;
    break;
  }
  case 'subject': {
    const uscc = option(args, 'uscc') ?? fail('a subject token needs --uscc');
    const problem = validateUscc(uscc);
    if (problem) fail(problem.message);
    Object.assign(claims, { kind: 'SUBJECT', uscc });
    sub = uscc;
    break;
  }
  default:
    fail(kind ? `unknown caller kind ${JSON.stringify(kind)}` : 'name a caller kind');
}

const expires = option(args, 'expires') ?? '1h';
if (!/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days)$/.test(expires)) fail(`--expires ${JSON.stringify(expires)}: write a duration such as 30m, 1h or 7d`);
if (!isDevIssuerEnabled()) {
  fail('the development issuer is off here (NODE_ENV=production or AUTH_DEV_ISSUER=off): tokens come from a configured issuer (AUTH_ISSUERS)');
}

const issuer = loadDevIssuer(devIssuerPath());
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'EdDSA' })
  .setIssuer(DEV_ISSUER)
  .setSubject(option(args, 'sub') ?? sub)
  .setIssuedAt()
  .setExpirationTime(expires)
  .sign(createPrivateKey({ key: issuer.privateJwk, format: 'jwk' }));
console.log(token);
