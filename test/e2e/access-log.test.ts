import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { CALLER_HEADER } from '../../subgraphs/kit/identity/caller-token.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { market } from '../../subgraphs/market/index.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { requestCounts } from '../support/stats.ts';
import { callerHeader, GOVERNMENT, headersFor, type TestCaller } from '../support/tokens.ts';

// Entities from the middle of the demo set: other suites pick theirs from the ends.
const reporting = demoSubjects().filter((s) => s.kind === 'ENTERPRISE' && s.establishedOn < '2023-01-01');
const middle = Math.floor(reporting.length / 2);
const [entity, otherEntity] = [reporting[middle], reporting[middle + 1]];
const bank = uniqueOrganisation('LOGGED');
const asBank: TestCaller = { kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' };
const asEntity: TestCaller = { kind: 'SUBJECT', uscc: entity.uscc };

const ENTRY = 'at requestId callerKind organisation department purpose uscc domain fields';
const SEARCH = `query($uscc: USCC, $organisation: String, $requestId: String, $from: DateTime, $to: DateTime) {
  accessLog(uscc: $uscc, organisation: $organisation, requestId: $requestId, from: $from, to: $to, first: 100) { nodes { ${ENTRY} } }
}`;
const OWN_LOG = `query($uscc: USCC!) { entity(uscc: $uscc) { accessLog(first: 100) { nodes { ${ENTRY} } } } }`;

async function loggedFor(requestId: string) {
  const result = await asCaller(GOVERNMENT, SEARCH, { requestId });
  expect(result.errors).toBeUndefined();
  return result.data.accessLog.nodes;
}

describe('the access log (查询记录)', () => {
  let bankRequest = '';
  let bankRequestAt = 0;

  beforeAll(async () => {
    await grant(entity.uscc, { organisation: bank, domains: ['MARKET'], purposes: ['LOAN_APPROVAL'] });
    bankRequestAt = Date.now();
    const result = await asCaller(
      asBank,
      `query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber market { annualReports { year revenue netProfit } } tax { ratings { grade } } } }`,
      { uscc: entity.uscc },
    );
    bankRequest = result.requestId;
    // Released: the finances. Withheld: the ID number (INTERNAL) and the tax ratings (not granted).
    expect(result.data.entity.market.annualReports[0].revenue).not.toBeNull();
    expect(outcomeOf(result, ['entity', 'legalRepresentativeIdNumber'], null)).toBe('LEVEL');
    expect(outcomeOf(result, ['entity', 'tax', 'ratings'], null)).toBe('DOMAIN');
  });

  it('records exactly what was released, before the response left', async () => {
    expect(await loggedFor(bankRequest)).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        requestId: bankRequest,
        callerKind: 'INSTITUTION',
        organisation: bank,
        department: null,
        purpose: 'LOAN_APPROVAL',
        uscc: entity.uscc,
        domain: 'MARKET',
        fields: ['AnnualReport.netProfit', 'AnnualReport.revenue'],
      },
    ]);
    expect(await requestCounts('market', bankRequest)).toMatchObject({ accessLogWrites: 1 });
  });

  it('records a government release with its department, one row per department and entity', async () => {
    const result = await asCaller(
      { kind: 'GOVERNMENT', department: 'TAX' },
      `query($usccs: [USCC!]!) { entities(usccs: $usccs) { legalRepresentativeIdNumber tax { ratings { grade } } } }`,
      { usccs: [entity.uscc, otherEntity.uscc] },
    );
    expect(result.errors).toBeUndefined();
    const rows = await loggedFor(result.requestId);
    const summary = rows.map((r: { domain: string; uscc: string; fields: string[]; department: string; callerKind: string }) => [r.domain, r.uscc, r.fields.join(','), r.callerKind, r.department]);
    expect(summary.sort()).toEqual(
      [
        ['MARKET', entity.uscc, 'Entity.legalRepresentativeIdNumber', 'GOVERNMENT', 'TAX'],
        ['MARKET', otherEntity.uscc, 'Entity.legalRepresentativeIdNumber', 'GOVERNMENT', 'TAX'],
        ['TAX', entity.uscc, 'TaxRating.grade,TaxRecords.ratings', 'GOVERNMENT', 'TAX'],
        ['TAX', otherEntity.uscc, 'TaxRating.grade,TaxRecords.ratings', 'GOVERNMENT', 'TAX'],
      ].sort(),
    );
  });

  it('records nothing for a query of PUBLIC data only, whoever asks', async () => {
    const query = `query($uscc: USCC!) { entity(uscc: $uscc) { name status market { penalties { decisionNumber } annualReports { year } } tax { aGradeYears } } }`;
    for (const caller of [{ kind: 'ANONYMOUS' }, GOVERNMENT, asBank] as TestCaller[]) {
      const result = await asCaller(caller, query, { uscc: entity.uscc });
      expect(result.errors).toBeUndefined();
      expect(await loggedFor(result.requestId)).toEqual([]);
      expect(await requestCounts('market', result.requestId)).toMatchObject({ accessLogWrites: 0, authorisationLookups: 0 });
    }
  });

  it('is read by the entity itself through its profile', async () => {
    const result = await asCaller(asEntity, OWN_LOG, { uscc: entity.uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.accessLog.nodes).toContainEqual(
      expect.objectContaining({ requestId: bankRequest, organisation: bank, purpose: 'LOAN_APPROVAL', fields: ['AnnualReport.netProfit', 'AnnualReport.revenue'] }),
    );
  });

  it('is searched by government by entity, organisation and time', async () => {
    const from = new Date(bankRequestAt - 1000).toISOString();
    const byOrganisation = await asCaller(GOVERNMENT, SEARCH, { organisation: bank, from });
    expect(byOrganisation.data.accessLog.nodes.map((n: { requestId: string }) => n.requestId)).toEqual([bankRequest]);
    const byEntity = await asCaller(GOVERNMENT, SEARCH, { uscc: entity.uscc, from });
    expect(byEntity.data.accessLog.nodes.map((n: { requestId: string }) => n.requestId)).toContain(bankRequest);
    const before = await asCaller(GOVERNMENT, SEARCH, { organisation: bank, to: from });
    expect(before.data.accessLog.nodes).toEqual([]);
    const backwards = await asCaller(GOVERNMENT, SEARCH, { organisation: bank, from, to: from });
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['anonymous', { kind: 'ANONYMOUS' }, 'LEVEL'],
    ['another entity', { kind: 'SUBJECT', uscc: otherEntity.uscc }, 'LEVEL'],
    ['the institution it authorised', asBank, 'DOMAIN'],
  ] as [string, TestCaller, string][])('is not read by %s', async (_label, caller, reason) => {
    const own = await asCaller(caller, OWN_LOG, { uscc: entity.uscc });
    expect(outcomeOf(own, ['entity', 'accessLog'], own.data.entity.accessLog)).toBe(reason);
    const search = await asCaller(caller, SEARCH, { uscc: entity.uscc });
    expect(search.data.accessLog).toBeNull();
    expect(search.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
  });
});

describe('when the access log cannot be written', () => {
  // A market subgraph of its own whose platform is a port nothing listens on, and a gateway using it.
  let isolated: RunningSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    isolated = await startSubgraph(market, {
      databaseUrl: inject('databaseUrls').market,
      port: 0,
      migrate: false,
      logger: createLogger('test'),
      gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
      platformUrl: `http://127.0.0.1:${deadPort}`,
    });
    gateway = await startGateway(
      {
        ...readGatewayOptions({}),
        port: 0,
        subgraphUrls: { ...inject('subgraphUrls'), market: isolated.url },
        callerSigningKey: createPrivateKey({ key: inject('callerKeys').privateJwk, format: 'jwk' }),
        auth: { issuers: [{ issuer: inject('testIssuer').issuer, key: createPublicKey({ key: inject('testIssuer').publicJwk, format: 'jwk' }) }], devIssuerPath: null },
      },
      createLogger('test'),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await isolated?.stop();
  });

  const QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentativeIdNumber market { penalties { decisionNumber } annualReports { year revenue } } } }`;

  it('releases none of the protected data, says why, and still answers PUBLIC data', async () => {
    const headers = { [CALLER_HEADER]: await callerHeader({ kind: 'GOVERNMENT', department: 'MARKET' }, { audience: 'market' }) };
    for (const url of [isolated.url, undefined]) {
      // Straight to the department, and through a gateway: the client sees the same.
      const result = url
        ? await graphql(QUERY, { uscc: entity.uscc }, { url, headers })
        : await graphql(QUERY, { uscc: entity.uscc }, { url: gateway.url, headers: await headersFor(GOVERNMENT) });
      const { name, legalRepresentativeIdNumber, market: records } = result.data.entity;
      expect(name).toEqual(expect.any(String));
      expect(records.annualReports.length).toBeGreaterThan(0);
      expect(legalRepresentativeIdNumber).toBeNull();
      for (const report of records.annualReports) {
        expect(report.year).toEqual(expect.any(Number));
        expect(report.revenue).toBeNull();
      }
      expect(result.errors?.length).toBe(1 + records.annualReports.length);
      for (const error of result.errors!) expect(error.extensions?.code).toBe('ACCESS_LOG_UNAVAILABLE');
      expect(result.errors!.map((e) => e.path?.at(-1))).toContain('legalRepresentativeIdNumber');
    }
  });

  it('releases no AUTHORISED data to an institution when its grants cannot be checked', async () => {
    const result = await graphql(QUERY, { uscc: entity.uscc }, { url: gateway.url, headers: await headersFor(asBank) });
    expect(result.data.entity.market.annualReports[0].revenue).toBeNull();
    expect(result.errors?.find((e) => e.path?.at(-1) === 'revenue')?.extensions?.code).toBe('AUTHORISATION_UNAVAILABLE');
  });
});
