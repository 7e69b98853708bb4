import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { readAuthOptions } from '../../gateway/auth-config.ts';
import { generateEd25519KeyPair } from '../../subgraphs/kit/identity/keys.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { startOwnGateway } from '../support/own-gateway.ts';
import { clientToken } from '../support/tokens.ts';

// Each trusted issuer vouches only for what it is declared for: a bank's identity provider for that
// bank's staff, not for government or another bank; tokens for another audience, or that live too
// long, are refused; a government token must name a department that exists.

const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
const BANK_ISSUER = 'https://sso.bank-a.example';
const bankKeys = generateEd25519KeyPair();

describe('scoped issuers (AUTH_ISSUERS)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const configured = readAuthOptions({
      AUTH_DEV_ISSUER: 'off',
      AUTH_ISSUERS: JSON.stringify([
        { issuer: BANK_ISSUER, publicKey: bankKeys.publicJwk, kinds: ['INSTITUTION'], organisations: ['BANK-A', 'BANK-A-BRANCH-*'], maxLifetime: '1h' },
      ]),
    });
    gateway = await startOwnGateway({ auth: configured });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const asBank = async (claims: Record<string, unknown>, expiresIn: string | number = '10m'): Promise<GraphQLResult> =>
    graphql('query($uscc: USCC!) { entity(uscc: $uscc) { name } }', { uscc: subject.uscc }, {
      url: gateway.url,
      headers: { authorization: `Bearer ${await clientToken(claims, { issuer: BANK_ISSUER, privateJwk: bankKeys.privateJwk, expiresIn })}` },
    });
  const expectRefused = (result: GraphQLResult, why: RegExp) => {
    expect(result.status).toBe(401);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0].message).toMatch(why);
  };

  it('accepts the bank’s own organisation, and its branches by pattern', async () => {
    for (const organisation of ['BANK-A', 'BANK-A-BRANCH-7']) {
      const result = await asBank({ kind: 'INSTITUTION', organisation });
      expect(result.errors).toBeUndefined();
      expect(result.data.entity.name).toEqual(expect.any(String));
    }
  });

  it('refuses a GOVERNMENT token from the bank’s issuer', async () => {
    expectRefused(await asBank({ kind: 'GOVERNMENT', department: 'MARKET' }), /not trusted for GOVERNMENT tokens/);
  });

  it('refuses another bank’s organisation, and case or spacing variants of its own', async () => {
    for (const organisation of ['BANK-B', 'bank-a', 'BANK-A ', 'BANK-AX']) {
      expectRefused(await asBank({ kind: 'INSTITUTION', organisation }), /not trusted for organisation/);
    }
  });

  it('refuses a token for another audience, and one that lives longer than the issuer may issue', async () => {
    expectRefused(await asBank({ kind: 'INSTITUTION', organisation: 'BANK-A', aud: 'https://another-service.example' }), /audience/);
    expect((await asBank({ kind: 'INSTITUTION', organisation: 'BANK-A', aud: 'credit-federation-gateway' })).errors).toBeUndefined();
    expectRefused(await asBank({ kind: 'INSTITUTION', organisation: 'BANK-A' }, '36500d'), /longer than the 3600 s/);
  });
});

describe('government departments are a known list', () => {
  it('refuses a department that does not exist, and accepts a configured named one', async () => {
    const unknown = await graphql('{ __typename }', {}, { headers: { authorization: `Bearer ${await clientToken({ kind: 'GOVERNMENT', department: 'NO_SUCH_DEPARTMENT' })}` } });
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0].message).toMatch(/NO_SUCH_DEPARTMENT is not a known government department/);
    const named = await graphql('{ __typename }', {}, { headers: { authorization: `Bearer ${await clientToken({ kind: 'GOVERNMENT', department: 'PROCUREMENT' })}` } });
    expect(named.status).toBe(200);
  });
});
