import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { ACCESS_LOG_PATH } from '../../subgraphs/kit/access/platform/access-log-client.ts';
import { AUTHORISATIONS_PATH } from '../../subgraphs/kit/access/platform/authorisation-client.ts';
import { CALLER_HEADER, CALLER_TOKEN_ISSUER } from '../../subgraphs/kit/identity/caller-token.ts';
import { generateEd25519KeyPair } from '../../subgraphs/kit/identity/keys.ts';
import type { GraphQLObjectType } from 'graphql';
import { buildSchemaOf, type SubgraphDefinition } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { entityProfileFields, occurrences, selectionOf } from '../support/profile-tree.ts';
import { callerHeader, gatewayHeaders } from '../support/tokens.ts';

// Reaching a department without the gateway, or with a caller header the gateway did not sign for it
// just now, yields PUBLIC data and nothing more: such a request is anonymous.

const subject = firstSubject((s) => s.kind === 'ENTERPRISE' && s.risk === 'SERIOUS');
const GOVERNMENT = { kind: 'GOVERNMENT', department: 'MARKET' } as const;
const marketUrl = () => inject('subgraphUrls').market;
const ROOT_QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber market { annualReports { year revenue } } } }`;

function expectPublicOnly(result: GraphQLResult): void {
  expect(result.status).toBe(200);
  const entity = result.data.entity;
  expect(entity.name).toEqual(expect.any(String));
  expect(entity.legalRepresentativeIdNumber).toBeNull();
  expect(entity.market.annualReports.length).toBeGreaterThan(0);
  for (const report of entity.market.annualReports) expect(report.revenue).toBeNull();
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors!) expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
}

async function expiredHeader(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ kind: 'GOVERNMENT', department: 'MARKET', rid: 'old-request' })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(CALLER_TOKEN_ISSUER)
    .setAudience('market')
    .setIssuedAt(now - 600)
    .setExpirationTime(now - 540)
    .sign(createPrivateKey({ key: inject('callerKeys').privateJwk, format: 'jwk' }));
}

describe('a request sent straight to a subgraph', () => {
  it('with the gateway’s signature for that subgraph gets what its caller may see (the control)', async () => {
    const result = await graphql(ROOT_QUERY, { uscc: subject.uscc }, { url: marketUrl(), headers: await gatewayHeaders(GOVERNMENT, 'market') });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.legalRepresentativeIdNumber).toMatch(/^\d{17}[\dX]$/);
    expect(result.data.entity.market.annualReports[0].revenue).toMatch(/^-?\d+\.\d{2}$/);
  });

  it.each([
    ['no caller header', async () => ({})],
    ['a forged caller header', async () => ({ [CALLER_HEADER]: 'eyJhbGciOiJub25lIn0.eyJraW5kIjoiR09WRVJOTUVOVCJ9.' })],
    ['a header signed with another key', async () => ({ [CALLER_HEADER]: await callerHeader(GOVERNMENT, { audience: 'market', privateJwk: generateEd25519KeyPair().privateJwk as JsonWebKey }) })],
    ['an expired header', async () => ({ [CALLER_HEADER]: await expiredHeader() })],
    ['a header signed for another subgraph', async () => ({ [CALLER_HEADER]: await callerHeader(GOVERNMENT, { audience: 'tax' }) })],
    ['a client bearer token instead of the gateway’s header', async () => ({ authorization: `Bearer ${await callerHeader(GOVERNMENT, { audience: 'market' })}` })],
  ])('with %s is anonymous: PUBLIC data only', async (_label, headers) => {
    expectPublicOnly(await graphql(ROOT_QUERY, { uscc: subject.uscc }, { url: marketUrl(), headers: await headers() }));
  });
});

/**
 * Entity fields that @require other departments' fields (the platform's listings): only the gateway
 * supplies those inputs, so they are asked through it (test/e2e/joint-measures.test.ts), not here.
 */
function requiringFields(subgraph: SubgraphDefinition): Set<string> {
  const entity = buildSchemaOf(subgraph).getType('Entity') as GraphQLObjectType | undefined;
  const fields = Object.values(entity?.getFields() ?? {});
  return new Set(fields.filter((f) => f.astNode?.directives?.some((d) => d.name.value === 'requires')).map((f) => f.name));
}

describe('an _entities request for protected fields sent straight to each subgraph', () => {
  const fields = entityProfileFields();
  for (const subgraph of SUBGRAPHS) {
    const needsGateway = requiringFields(subgraph);
    const own = fields.filter((f) => f.domain === subgraph.name.toUpperCase() && !needsGateway.has(f.name));
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Entity { ${selectionOf(own)} } } }`;
    const representations = [{ __typename: 'Entity', uscc: subject.uscc }];
    const url = () => inject('subgraphUrls')[subgraph.name];

    it(`releases nothing above PUBLIC from ${subgraph.name} without the gateway’s signature`, async () => {
      const result = await graphql(query, { representations }, { url: url() });
      const found = occurrences(result.data._entities[0], own, ['_entities', 0]);
      const leaked = found.filter((o) => o.field.level !== 'PUBLIC' && o.value !== null && o.value !== undefined);
      expect(leaked.map((o) => o.path.join('.'))).toEqual([]);
      const denied = found.filter((o) => o.field.level !== 'PUBLIC' && !o.guard);
      expect(denied.length).toBeGreaterThan(0);
      for (const error of result.errors ?? []) expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    });

    it(`releases ${subgraph.name}'s protected fields through _entities to a signed government caller (the control)`, async () => {
      const headers = await gatewayHeaders(GOVERNMENT, subgraph.name);
      const result = await graphql(query, { representations }, { url: url(), headers });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities[0]).not.toBeNull();
    });
  }
});

describe('the platform’s internal endpoints', () => {
  const platformBase = () => inject('subgraphUrls').platform.replace(/\/graphql$/, '');

  it.each([AUTHORISATIONS_PATH, ACCESS_LOG_PATH])('%s answers nothing without a caller header from the gateway', async (path) => {
    for (const headers of [{}, { [CALLER_HEADER]: 'forged' }] as Record<string, string>[]) {
      const response = await fetch(`${platformBase()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ usccs: [subject.uscc], releases: [{ uscc: subject.uscc, fields: ['AnnualReport.revenue'] }] }),
      });
      expect(response.status).toBe(401);
    }
  });

  it.each([AUTHORISATIONS_PATH, ACCESS_LOG_PATH])('%s refuses a header the gateway signed for a department (or the platform’s GraphQL): only its own internal audience', async (path) => {
    for (const audience of ['market', 'platform', 'market#internal']) {
      const token = await callerHeader({ kind: 'INSTITUTION', organisation: 'BANK-DEMO-001', purpose: 'LOAN_APPROVAL' }, { audience, via: 'market' });
      const response = await fetch(`${platformBase()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: token },
        body: JSON.stringify({ usccs: [subject.uscc], releases: [{ uscc: subject.uscc, fields: ['AnnualReport.revenue'] }] }),
      });
      expect(response.status).toBe(403);
    }
  });

  it(`${AUTHORISATIONS_PATH} answers only for the forwarded caller’s own organisation`, async () => {
    const ask = async (organisation: string) => {
      const token = await callerHeader({ kind: 'INSTITUTION', organisation, purpose: 'LOAN_APPROVAL' }, { audience: 'platform#internal', via: 'market' });
      const response = await fetch(`${platformBase()}${AUTHORISATIONS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: token },
        body: JSON.stringify({ usccs: [subject.uscc, firstSubject(() => true).uscc] }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { grants: { organisation: string }[] }).grants;
    };
    // Demo subject 0 has authorised the demo bank; nobody has authorised a bank that does not exist.
    const demoBank = await ask('BANK-DEMO-001');
    expect(demoBank.length).toBeGreaterThan(0);
    for (const grant of demoBank) expect(grant.organisation).toBe('BANK-DEMO-001');
    expect(await ask('BANK-NOBODY')).toEqual([]);
  });
});
