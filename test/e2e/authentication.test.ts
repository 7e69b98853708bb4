import { execFile } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportJWK, SignJWT } from 'jose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readAuthOptions } from '../../gateway/auth-config.ts';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { CALLER_HEADER } from '../../subgraphs/kit/identity/caller-token.ts';
import { generateEd25519KeyPair } from '../../subgraphs/kit/identity/keys.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { callerHeader, clientToken, headersFor } from '../support/tokens.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const subject = firstSubject((s) => s.kind === 'ENTERPRISE' && s.risk !== 'CLEAN');
// An INTERNAL field and a PUBLIC one of market supervision: what each caller gets shows who it was taken for.
const PROBE = `query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber } }`;

async function probe(headers: Record<string, string>, url?: string): Promise<GraphQLResult> {
  return graphql(PROBE, { uscc: subject.uscc }, { headers, url });
}

function expectUnauthenticated(result: GraphQLResult, message: RegExp): void {
  expect(result.status).toBe(401);
  expect(result.data).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(result.errors![0].message).toMatch(message);
}

function expectGovernmentView(result: GraphQLResult): void {
  expect(result.errors).toBeUndefined();
  expect(result.data.entity.legalRepresentativeIdNumber).toMatch(/^\d{17}[\dX]$/);
}

function expectAnonymousView(result: GraphQLResult): void {
  expect(result.status).toBe(200);
  expect(result.data.entity.name).toEqual(expect.any(String));
  expect(result.data.entity.legalRepresentativeIdNumber).toBeNull();
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const government = { kind: 'GOVERNMENT', department: 'MARKET' };

describe('callers authenticate at the gateway with bearer tokens', () => {
  it('treats a request without a token as anonymous: PUBLIC data, FORBIDDEN beyond', async () => {
    expectAnonymousView(await probe({}));
  });

  it('accepts a token from a configured issuer and releases what its caller may see', async () => {
    expectGovernmentView(await probe(await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' })));
  });

  it('refuses a malformed token with 401 rather than answering anonymously', async () => {
    expectUnauthenticated(await probe(bearer('not-a-token')), /malformed/);
    expectUnauthenticated(await probe({ authorization: 'Basic dXNlcjpwYXNz' }), /Bearer <token>/);
  });

  it('sends WWW-Authenticate with the 401', async () => {
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses an expired token with 401, saying when it expired', async () => {
    const expired = await clientToken(government, { expiresIn: Math.floor(Date.now() / 1000) - 120 });
    expectUnauthenticated(await probe(bearer(expired)), /expired at \d{4}-/);
  });

  it('refuses a token whose signature does not verify (a foreign key) with 401', async () => {
    const foreign = await clientToken(government, { privateJwk: generateEd25519KeyPair().privateJwk as JsonWebKey });
    expectUnauthenticated(await probe(bearer(foreign)), /signature does not verify/);
  });

  it('refuses a token from an issuer it does not trust with 401', async () => {
    const stranger = await clientToken(government, { issuer: 'https://sso.elsewhere.example' });
    expectUnauthenticated(await probe(bearer(stranger)), /not trusted/);
  });

  it('refuses a token signed with a shared secret (HS256) with 401', async () => {
    const secret = new TextEncoder().encode('a shared secret anyone with the config could sign with');
    const hs = await new SignJWT(government).setProtectedHeader({ alg: 'HS256' }).setIssuer(inject('testIssuer').issuer).setSubject('x').setExpirationTime('5m').sign(secret);
    expectUnauthenticated(await probe(bearer(hs)), /algorithm|not accepted|verif/i);
  });

  it.each([
    ['no kind', { department: 'MARKET' }, /kind must be INSTITUTION, GOVERNMENT or SUBJECT/],
    ['an unknown kind', { kind: 'ROOT' }, /kind must be/],
    ['an institution without its organisation', { kind: 'INSTITUTION' }, /organisation claim/],
    ['government without its department', { kind: 'GOVERNMENT' }, /department claim/],
    ['a subject without its code', { kind: 'SUBJECT' }, /uscc claim/],
    ['a subject with a malformed code', { kind: 'SUBJECT', uscc: '91350100M000100Y44' }, /check character/],
  ])('refuses a token with %s with 401, naming the claim', async (_label, claims, message) => {
    expectUnauthenticated(await probe(bearer(await clientToken(claims))), message);
  });

  it('refuses a token without sub or exp with 401', async () => {
    expectUnauthenticated(await probe(bearer(await clientToken(government, { sub: null }))), /sub/);
    const key = createPrivateKey({ key: inject('testIssuer').privateJwk, format: 'jwk' });
    const forever = await new SignJWT(government).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(inject('testIssuer').issuer).setSubject('x').sign(key);
    expectUnauthenticated(await probe(bearer(forever)), /exp/);
  });

  it('refuses an undeclared purpose value with 400 and lists the allowed ones', async () => {
    for (const headers of [{ 'x-credit-purpose': 'MARKETING' }, { ...(await headersFor({ kind: 'INSTITUTION', organisation: 'BANK-001' })), 'x-credit-purpose': 'loan' }]) {
      const result = await probe(headers);
      expect(result.status).toBe(400);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
      expect(result.errors?.[0].message).toContain('LOAN_APPROVAL, POST_LOAN_MANAGEMENT, GUARANTEE_REVIEW, CREDIT_REPORT');
    }
  });
});

describe('the gateway alone tells departments who is asking', () => {
  it('ignores an x-credit-caller header sent by the client, even one the gateway itself signed', async () => {
    // A genuine government header for market, captured and replayed by a client: the gateway drops it.
    const stolen = await callerHeader({ kind: 'GOVERNMENT', department: 'MARKET' }, { audience: 'market' });
    expectAnonymousView(await probe({ [CALLER_HEADER]: stolen }));
    const institution = await probe({ ...(await headersFor({ kind: 'INSTITUTION', organisation: 'BANK-001', purpose: 'LOAN_APPROVAL' })), [CALLER_HEADER]: stolen });
    expect(institution.data.entity.legalRepresentativeIdNumber).toBeNull();
    expect(institution.errors?.[0].message).toContain('you are institution BANK-001');
  });
});

describe('development tokens (npm run token)', () => {
  const exec = promisify(execFile);

  async function devToken(...args: string[]): Promise<string> {
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, AUTH_DEV_ISSUER_FILE: inject('devIssuerFile'), NODE_ENV: 'test' },
    });
    return stdout.trim();
  }

  it('prints a token for each caller kind that the gateway accepts', async () => {
    expectGovernmentView(await probe(bearer(await devToken('government', '--department', 'MARKET'))));

    const self = await probe(bearer(await devToken('subject', '--uscc', subject.uscc)));
    expect(self.data.entity.legalRepresentativeIdNumber).toBeNull();
    expect(self.errors?.[0].message).toContain(`you are entity ${subject.uscc}`);

    const bank = await probe({ ...bearer(await devToken('institution', '--organisation', 'BANK-DEV-001', '--expires', '5m')), 'x-credit-purpose': 'LOAN_APPROVAL' });
    expect(bank.errors?.[0].message).toContain('you are institution BANK-DEV-001 (purpose LOAN_APPROVAL)');
  });

  it('refuses to make a token where the development issuer is off', async () => {
    await expect(
      exec(process.execPath, ['--import', 'tsx', 'scripts/token.ts', 'government', '--department', 'MARKET'], {
        cwd: ROOT,
        env: { ...process.env, AUTH_DEV_ISSUER_FILE: inject('devIssuerFile'), AUTH_DEV_ISSUER: 'off' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('development issuer is off') });
  });

  it('is not trusted in production', () => {
    expect(readAuthOptions({ NODE_ENV: 'production' }).devIssuerPath).toBeNull();
    expect(readAuthOptions({ AUTH_DEV_ISSUER: 'off' }).devIssuerPath).toBeNull();
    expect(readAuthOptions({}).devIssuerPath).not.toBeNull();
  });
});

describe('an issuer configured by its JWKS URL', () => {
  const gateways: RunningGateway[] = [];
  let jwksServer: Server;
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    jwksServer?.close();
  });

  it('verifies tokens against the published keys, and refuses a key it does not publish', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/.well-known/jwks.json`;
    const issuer = 'https://sso.province.example';
    const auth = readAuthOptions({ AUTH_ISSUERS: JSON.stringify([{ issuer, jwksUrl }]), AUTH_DEV_ISSUER: 'off' });
    const gateway = await startGateway(
      {
        ...readGatewayOptions({}),
        port: 0,
        subgraphUrls: inject('subgraphUrls'),
        callerSigningKey: createPrivateKey({ key: inject('callerKeys').privateJwk, format: 'jwk' }),
        auth,
      },
      createLogger('test'),
    );
    gateways.push(gateway);

    const sign = (kid: string) =>
      new SignJWT(government).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(issuer).setSubject('officer-7').setExpirationTime('5m').sign(privateKey);
    expectGovernmentView(await probe(bearer(await sign('key-1')), gateway.url));
    expectUnauthenticated(await probe(bearer(await sign('key-2')), gateway.url), /No key of issuer/);
    // The test issuer is not configured on this gateway.
    expectUnauthenticated(await probe(await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' }), gateway.url), /not trusted/);
  });
});
