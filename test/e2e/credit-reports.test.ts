import { createPublicKey, createPrivateKey, createHash, verify } from 'node:crypto';
import { createServer as createTcpServer } from 'node:net';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { platform } from '../../subgraphs/platform/index.ts';
import { asCaller, grant, uniqueOrganisation } from '../support/access.ts';
import { graphql } from '../support/graphql.ts';
import { createTestEntity, insertRecords, marketPenalty } from '../support/records.ts';
import { headersFor, type TestCaller } from '../support/tokens.ts';

const ISSUE = /* GraphQL */ `
  mutation($input: CreditReportInput!) {
    issueCreditReport(input: $input) {
      number kind title uscc subjectName issuedAt recipient recipientKind purpose periodFrom periodTo digest signature document
      summary { licences penaltiesInForce listEntries objectionsOpen }
      sections { domain department coverage withheld records { category recordId reference description date inForce } }
    }
  }
`;
const VERIFY = `query($number: String!, $digest: String!) { verifyCreditReport(number: $number, digest: $digest) { number found valid kind issuedAt recipient recipientKind purpose } }`;
const ACCESS_LOG = `query($uscc: USCC!) { entity(uscc: $uscc) { accessLog(first: 50) { nodes { callerKind organisation domain fields } } } }`;

const today = chinaToday();
const subject = (uscc: string): TestCaller => ({ kind: 'SUBJECT', uscc });

function special(uscc: string, domains: string[], from = addMonths(today, -36)) {
  return { uscc, kind: 'SPECIAL', purpose: '招投标', from, to: today, domains };
}

describe('credit reports (信用报告)', () => {
  let penalised: string;
  let clean: string;
  let penaltyId: string;

  beforeAll(async () => {
    penalised = await createTestEntity('报告处罚');
    clean = await createTestEntity('报告无记录');
    [penaltyId] = await insertRecords('market', 'penalty', penalties, [marketPenalty(penalised, addMonths(today, -2))]);
  });

  it('issues a SPECIAL report per domain: records found, no record, and not covered for a domain not held', async () => {
    const withPenalty = await asCaller(subject(penalised), ISSUE, { input: special(penalised, ['MARKET', 'COURTS', 'CUSTOMS']) });
    expect(withPenalty.errors).toBeUndefined();
    const report = withPenalty.data.issueCreditReport;
    expect(report).toMatchObject({ kind: 'SPECIAL', uscc: penalised, subjectName: '测试报告处罚有限公司', recipient: 'the entity itself', recipientKind: 'SUBJECT', purpose: '招投标', periodTo: today });
    expect(report.number).toMatch(/^XYBG-\d{8}-[0-9A-Z]{8}$/);
    expect(report.sections.map((s: any) => [s.domain, s.coverage])).toEqual([
      ['MARKET', 'RECORDS_FOUND'],
      ['COURTS', 'NO_RECORD'],
      ['CUSTOMS', 'NOT_COVERED'],
    ]);
    expect(report.sections[0].records).toEqual([expect.objectContaining({ category: 'PENALTY', recordId: penaltyId, inForce: true })]);

    const without = await asCaller(subject(clean), ISSUE, { input: special(clean, ['MARKET', 'TAX', 'SOCIAL_INSURANCE']) });
    expect(without.errors).toBeUndefined();
    expect(without.data.issueCreditReport.sections.map((s: any) => [s.domain, s.coverage, s.records.length])).toEqual([
      ['MARKET', 'NO_RECORD', 0],
      ['TAX', 'NO_RECORD', 0],
      ['SOCIAL_INSURANCE', 'NOT_COVERED', 0],
    ]);
  });

  it('leaves out records outside the period chosen', async () => {
    const result = await asCaller(subject(penalised), ISSUE, { input: special(penalised, ['MARKET'], addMonths(today, -1)) });
    expect(result.data.issueCreditReport.sections[0]).toMatchObject({ coverage: 'NO_RECORD', records: [] });
  });

  it('refuses bad input with the field and the rule', async () => {
    const tooLong = await asCaller(subject(clean), ISSUE, { input: special(clean, ['MARKET'], addMonths(today, -61)) });
    expect(tooLong.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(tooLong.errors![0].message).toMatch(/^from .*at most 5 years/);
    const unknown = await asCaller(subject(clean), ISSUE, { input: special(clean, ['MARKETS']) });
    expect(unknown.errors![0].message).toMatch(/^domains: unknown domain "MARKETS"/);
    const noDomains = await asCaller(subject(clean), ISSUE, { input: special(clean, []) });
    expect(noDomains.errors![0].message).toMatch(/^domains: a SPECIAL report names/);
  });

  it('issues a PUBLIC_CREDIT report with its summary', async () => {
    const result = await asCaller({ kind: 'GOVERNMENT', department: 'PROCUREMENT' }, ISSUE, { input: { uscc: penalised, kind: 'PUBLIC_CREDIT', purpose: '政府采购资格审查' } });
    expect(result.errors).toBeUndefined();
    const report = result.data.issueCreditReport;
    expect(report).toMatchObject({ recipient: 'PROCUREMENT', recipientKind: 'GOVERNMENT', periodFrom: null });
    expect(report.summary).toEqual({ licences: 0, penaltiesInForce: 1, listEntries: 0, objectionsOpen: 0 });
    expect(report.sections.map((s: any) => s.domain)).toEqual(['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT']);
  });

  it('is verified by number and digest, refused when tampered with, and verifies offline with the published key', async () => {
    const issued = (await asCaller(subject(penalised), ISSUE, { input: special(penalised, ['MARKET']) })).data.issueCreditReport;

    const good = await graphql(VERIFY, { number: issued.number, digest: issued.digest });
    expect(good.data.verifyCreditReport).toEqual({
      number: issued.number, found: true, valid: true, kind: 'SPECIAL', issuedAt: issued.issuedAt, recipient: 'the entity itself', recipientKind: 'SUBJECT', purpose: '招投标',
    });
    // A copy with one fact changed has another digest.
    const document = JSON.parse(issued.document);
    document.sections[0].records = [];
    const tamperedDigest = createHash('sha256').update(canonicalize(document)!, 'utf8').digest('hex');
    expect(tamperedDigest).not.toBe(issued.digest);
    const tampered = await graphql(VERIFY, { number: issued.number, digest: tamperedDigest });
    expect(tampered.data.verifyCreditReport).toMatchObject({ found: true, valid: false });
    const unknown = await graphql(VERIFY, { number: 'XYBG-20000101-AAAAAAAA', digest: issued.digest });
    expect(unknown.data.verifyCreditReport).toMatchObject({ found: false, valid: false, issuedAt: null });

    // Offline: recompute the canonical bytes from the JSON, check the digest and the signature.
    const { data } = await graphql(`{ creditReportSigningKey { algorithm publicKeyJwk publicKeyPem } }`);
    const publicKey = createPublicKey({ key: JSON.parse(data.creditReportSigningKey.publicKeyJwk), format: 'jwk' });
    const canonical = canonicalize(JSON.parse(issued.document))!;
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(issued.digest);
    expect(verify(null, Buffer.from(canonical, 'utf8'), publicKey, Buffer.from(issued.signature, 'base64url'))).toBe(true);
    expect(verify(null, Buffer.from(canonicalize(document)!, 'utf8'), publicKey, Buffer.from(issued.signature, 'base64url'))).toBe(false);
    expect(createPublicKey(data.creditReportSigningKey.publicKeyPem).equals(publicKey)).toBe(true);
  });

  it('issues to an institution only under a live authorisation for every domain and the purpose it declares', async () => {
    const bank = uniqueOrganisation('REPORT');
    await grant(penalised, { organisation: bank, domains: ['MARKET', 'COURTS'], purposes: ['LOAN_APPROVAL'] });
    const input = { uscc: penalised, kind: 'SPECIAL', from: addMonths(today, -12), to: today, domains: ['MARKET', 'COURTS'] };

    const noReportPurpose = await asCaller({ kind: 'INSTITUTION', organisation: bank, purpose: 'CREDIT_REPORT' }, ISSUE, { input });
    expect(noReportPurpose.data?.issueCreditReport ?? null).toBeNull();
    expect(noReportPurpose.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE' });

    const otherDomain = await asCaller({ kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' }, ISSUE, { input: { ...input, domains: ['MARKET', 'TAX'] } });
    expect(otherDomain.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });

    await grant(penalised, { organisation: bank, domains: ['MARKET', 'COURTS'], purposes: ['CREDIT_REPORT'] });
    const allowed = await asCaller({ kind: 'INSTITUTION', organisation: bank, purpose: 'CREDIT_REPORT' }, ISSUE, { input });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.issueCreditReport).toMatchObject({ recipient: bank, recipientKind: 'INSTITUTION', purpose: 'CREDIT_REPORT' });

    // The issuance is in the entity's access log, under the bank's name.
    const log = await asCaller(subject(penalised), ACCESS_LOG, { uscc: penalised });
    expect(log.data.entity.accessLog.nodes).toContainEqual(expect.objectContaining({ callerKind: 'INSTITUTION', organisation: bank, domain: 'PLATFORM', fields: ['CreditReport.document'] }));
  });

  it('refuses strangers: another entity, an unauthorised institution, anonymous callers', async () => {
    const input = special(penalised, ['MARKET']);
    for (const caller of [subject(clean), { kind: 'INSTITUTION', organisation: uniqueOrganisation('NONE'), purpose: 'CREDIT_REPORT' } as TestCaller, { kind: 'ANONYMOUS' } as TestCaller]) {
      const result = await asCaller(caller, ISSUE, { input });
      expect(result.errors![0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('gives the full report to its recipient, the entity and government, and to nobody else', async () => {
    const bank = uniqueOrganisation('READER');
    await grant(penalised, { organisation: bank, domains: ['MARKET'], purposes: ['CREDIT_REPORT'] });
    const issued = (await asCaller({ kind: 'INSTITUTION', organisation: bank, purpose: 'CREDIT_REPORT' }, ISSUE, { input: { ...special(penalised, ['MARKET']), purpose: null } })).data.issueCreditReport;
    const READ = `query($number: String!) { creditReport(number: $number) { number digest } }`;
    for (const caller of [{ kind: 'INSTITUTION', organisation: bank } as TestCaller, subject(penalised), { kind: 'GOVERNMENT', department: 'TAX' } as TestCaller]) {
      const read = await asCaller(caller, READ, { number: issued.number });
      expect(read.errors).toBeUndefined();
      expect(read.data.creditReport.digest).toBe(issued.digest);
    }
    for (const caller of [{ kind: 'INSTITUTION', organisation: uniqueOrganisation('OTHER') } as TestCaller, subject(clean), { kind: 'ANONYMOUS' } as TestCaller]) {
      const result = await asCaller(caller, READ, { number: issued.number });
      expect(result.data.creditReport).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  describe('while a department is down', () => {
    let downPlatform: RunningSubgraph;
    let gateway: RunningGateway;

    beforeAll(async () => {
      const closed = createTcpServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as { port: number };
      await new Promise((resolve) => closed.close(resolve));
      const urls = inject('subgraphUrls');
      // A platform whose courts department is unreachable, behind a gateway of its own.
      downPlatform = await startSubgraph(platform, {
        databaseUrl: inject('databaseUrls').platform,
        port: 0,
        migrate: false,
        logger: createLogger('test'),
        gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
        platformUrl: urls.platform.replace(/\/graphql$/, ''),
        departmentUrls: { ...urls, courts: `http://127.0.0.1:${port}/graphql` },
      });
      const testIssuer = inject('testIssuer');
      gateway = await startGateway(
        {
          ...readGatewayOptions({}),
          port: 0,
          subgraphUrls: { ...urls, platform: downPlatform.url },
          callerSigningKey: createPrivateKey({ key: inject('callerKeys').privateJwk, format: 'jwk' }),
          auth: { issuers: [{ issuer: testIssuer.issuer, key: createPublicKey({ key: testIssuer.publicJwk, format: 'jwk' }) }], devIssuerPath: null },
        },
        createLogger('test'),
      );
    });
    afterAll(async () => {
      await gateway?.stop();
      await downPlatform?.stop();
    });

    it('issues no report that needs it, and says which', async () => {
      const result = await graphql(ISSUE, { input: special(clean, ['MARKET', 'COURTS']) }, { url: gateway.url, headers: await headersFor(subject(clean)) });
      expect(result.data?.issueCreditReport ?? null).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', departments: ['courts'] });
      expect(result.errors![0].message).toMatch(/^No report issued: .*the courts department could not be reached/);
      // A report that does not need it is still issued.
      const without = await graphql(ISSUE, { input: special(clean, ['MARKET']) }, { url: gateway.url, headers: await headersFor(subject(clean)) });
      expect(without.errors).toBeUndefined();
    });
  });
});

describe("a department's forwarded-query endpoint", () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Entity { tax { ratings { grade } } } } }`;

  async function ask(audience: string, via?: string) {
    const uscc = (await import('../support/demo.ts')).firstSubject((s) => s.kind === 'ENTERPRISE').uscc;
    const { callerHeader } = await import('../support/tokens.ts');
    const url = inject('subgraphUrls').tax.replace(/\/graphql$/, '/internal/forwarded-query');
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-credit-caller': await callerHeader({ kind: 'SUBJECT', uscc }, { audience, via }) },
      body: JSON.stringify({ query, variables: { r: [{ __typename: 'Entity', uscc }] } }),
    });
  }

  it('answers the platform, acting for a caller, with the releases for it to log', async () => {
    // The token the gateway signs for the platform to forward to tax's internal routes.
    const response = await ask('tax#internal', 'platform');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.releases).toEqual([expect.objectContaining({ fields: expect.arrayContaining(['TaxRecords.ratings']) })]);
  });

  it('refuses a caller token issued for another department, and no token at all', async () => {
    expect((await ask('market')).status).toBe(403);
    const anonymous = await fetch(inject('subgraphUrls').tax.replace(/\/graphql$/, '/internal/forwarded-query'), { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });
});
