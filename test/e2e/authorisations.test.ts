import mysql from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import type { Purpose } from '../../subgraphs/kit/identity/purposes.ts';
import { demoSubjects } from '../support/demo.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { requestCounts } from '../support/stats.ts';
import { GOVERNMENT, type TestCaller } from '../support/tokens.ts';

// Entities with annual reports (AUTHORISED finances) and tax ratings (AUTHORISED), picked from the back
// of the demo set so that other suites' picks from the front do not share them.
const reporting = demoSubjects()
  .filter((s) => s.kind === 'ENTERPRISE' && s.establishedOn < '2023-01-01')
  .reverse();
const [entity, otherEntity, thirdEntity, fourthEntity] = reporting;

const PROFILE = /* GraphQL */ `
  query($uscc: USCC!) { entity(uscc: $uscc) { name market { annualReports { year revenue } } tax { ratings { grade } } } }
`;

const institution = (organisation: string, purpose?: Purpose): TestCaller => ({ kind: 'INSTITUTION', organisation, purpose });

/** What `caller` gets of the entity's revenue (MARKET) and tax ratings (TAX): RELEASED or the reason. */
async function access(caller: TestCaller, uscc: string): Promise<{ market: string; tax: string }> {
  const result = await asCaller(caller, PROFILE, { uscc });
  const reports = result.data.entity.market.annualReports;
  expect(reports.length).toBeGreaterThan(0);
  return {
    market: outcomeOf(result, ['entity', 'market', 'annualReports', 0, 'revenue'], reports[0].revenue),
    tax: outcomeOf(result, ['entity', 'tax', 'ratings'], result.data.entity.tax.ratings),
  };
}

const LIST = `query($uscc: USCC!) { entity(uscc: $uscc) { authorisations { id organisation domains purposes validUntil status form evidenceReference recordedBy revokedAt } } }`;

async function grantsListed(caller: TestCaller, uscc: string) {
  return asCaller(caller, LIST, { uscc });
}

const REVOKE = `mutation($uscc: USCC!, $id: ID!) { revokeAuthorisation(uscc: $uscc, id: $id) { id status revokedAt } }`;
const GRANT = `mutation($input: GrantAuthorisationInput!) { grantAuthorisation(input: $input) { id } }`;

describe('an entity authorises an institution (授权查询)', () => {
  const bank = uniqueOrganisation('GRANTED');

  it('releases its AUTHORISED data to that institution, for that purpose and domain only', async () => {
    const id = await grant(entity.uscc, { organisation: bank, domains: ['MARKET'], purposes: ['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT'] });
    expect(id).toMatch(/^platform\.authorisation\.\d+$/);

    expect(await access(institution(bank, 'LOAN_APPROVAL'), entity.uscc)).toEqual({ market: 'RELEASED', tax: 'DOMAIN' });
    expect(await access(institution(bank, 'POST_LOAN_MANAGEMENT'), entity.uscc)).toEqual({ market: 'RELEASED', tax: 'DOMAIN' });
    expect(await access(institution(bank, 'GUARANTEE_REVIEW'), entity.uscc)).toEqual({ market: 'PURPOSE', tax: 'DOMAIN' });
    expect(await access(institution(bank), entity.uscc)).toEqual({ market: 'PURPOSE', tax: 'DOMAIN' });
    // The same institution about another entity, and another institution about this one: no grant.
    expect(await access(institution(bank, 'LOAN_APPROVAL'), otherEntity.uscc)).toEqual({ market: 'NO_AUTHORISATION', tax: 'NO_AUTHORISATION' });
    expect(await access(institution(uniqueOrganisation('OTHER'), 'LOAN_APPROVAL'), entity.uscc)).toEqual({ market: 'NO_AUTHORISATION', tax: 'NO_AUTHORISATION' });
  });

  it('lists its grants to itself and to government, and to nobody else', async () => {
    const listedBank = uniqueOrganisation('LISTED');
    const id = await grant(otherEntity.uscc, { organisation: listedBank, domains: ['TAX', 'MARKET'], purposes: ['CREDIT_REPORT'] });
    for (const caller of [{ kind: 'SUBJECT', uscc: otherEntity.uscc } as TestCaller, GOVERNMENT]) {
      const result = await grantsListed(caller, otherEntity.uscc);
      expect(result.errors).toBeUndefined();
      expect(result.data.entity.authorisations).toContainEqual({
        id,
        organisation: listedBank,
        domains: ['TAX', 'MARKET'],
        purposes: ['CREDIT_REPORT'],
        validUntil: expect.any(String),
        status: 'LIVE',
        form: 'ONLINE',
        evidenceReference: null,
        recordedBy: null,
        revokedAt: null,
      });
    }
    const denied: [TestCaller, string][] = [
      [{ kind: 'ANONYMOUS' }, 'LEVEL'],
      [{ kind: 'SUBJECT', uscc: entity.uscc }, 'LEVEL'],
      // Even the institution it authorised: no grant covers the platform's own records.
      [institution(listedBank, 'CREDIT_REPORT'), 'DOMAIN'],
    ];
    for (const [caller, reason] of denied) {
      const result = await grantsListed(caller, otherEntity.uscc);
      expect(outcomeOf(result, ['entity', 'authorisations'], result.data.entity.authorisations)).toBe(reason);
    }
  });

  it('is refused for the institution once revoked, within 5 seconds (here: at once)', async () => {
    const revokedBank = uniqueOrganisation('REVOKED');
    const id = await grant(thirdEntity.uscc, { organisation: revokedBank });
    const caller = institution(revokedBank, 'LOAN_APPROVAL');
    expect((await access(caller, thirdEntity.uscc)).market).toBe('RELEASED');

    const revoked = await asCaller({ kind: 'SUBJECT', uscc: thirdEntity.uscc }, REVOKE, { uscc: thirdEntity.uscc, id });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeAuthorisation).toMatchObject({ id, status: 'REVOKED', revokedAt: expect.stringMatching(/^\d{4}-/) });
    const revokedAt = Date.now();

    let outcome = '';
    while (Date.now() - revokedAt < 5000) {
      outcome = (await access(caller, thirdEntity.uscc)).market;
      if (outcome !== 'RELEASED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(outcome).toBe('REVOKED');
    expect(Date.now() - revokedAt).toBeLessThan(5000);

    // Revoking again changes nothing.
    const again = await asCaller({ kind: 'SUBJECT', uscc: thirdEntity.uscc }, REVOKE, { uscc: thirdEntity.uscc, id });
    expect(again.data.revokeAuthorisation.revokedAt).toBe(revoked.data.revokeAuthorisation.revokedAt);
  });

  describe('an expired grant', () => {
    const expiredBank = uniqueOrganisation('EXPIRED');
    const connection = mysql.createConnection(inject('databaseUrls').platform);
    afterAll(async () => (await connection).end());

    it('releases nothing, and says it expired', async () => {
      // Grants cannot be made with a past end date, so this one is written as time would have left it.
      await (await connection).query(
        `INSERT INTO authorisations (uscc, organisation, domains, purposes, valid_until, form, granted_at) VALUES (?, ?, 'MARKET,TAX', 'LOAN_APPROVAL', ?, 'ONLINE', ?)`,
        [fourthEntity.uscc, expiredBank, addDays(chinaToday(), -1), '2026-01-05 08:00:00.000'],
      );
      expect(await access(institution(expiredBank, 'LOAN_APPROVAL'), fourthEntity.uscc)).toEqual({ market: 'EXPIRED', tax: 'EXPIRED' });
      const listed = await grantsListed({ kind: 'SUBJECT', uscc: fourthEntity.uscc }, fourthEntity.uscc);
      expect(listed.data.entity.authorisations.find((a: { organisation: string }) => a.organisation === expiredBank).status).toBe('EXPIRED');
    });
  });

  it('can be revoked by government, but not by another entity', async () => {
    const bankToRevoke = uniqueOrganisation('GOVREVOKE');
    const id = await grant(entity.uscc, { organisation: bankToRevoke });
    const stranger = await asCaller({ kind: 'SUBJECT', uscc: otherEntity.uscc }, REVOKE, { uscc: entity.uscc, id });
    expect(stranger.data.revokeAuthorisation).toBeNull();
    expect(stranger.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    // Naming its own code with another entity's grant finds nothing to revoke.
    const misnamed = await asCaller({ kind: 'SUBJECT', uscc: otherEntity.uscc }, REVOKE, { uscc: otherEntity.uscc, id });
    expect(misnamed.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const byGovernment = await asCaller(GOVERNMENT, REVOKE, { uscc: entity.uscc, id });
    expect(byGovernment.errors).toBeUndefined();
    expect(byGovernment.data.revokeAuthorisation.status).toBe('REVOKED');
  });
});

describe('granting takes only good input, from the entity itself', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    uscc: entity.uscc,
    organisation: 'BANK-001',
    domains: ['MARKET'],
    purposes: ['LOAN_APPROVAL'],
    validUntil: addDays(chinaToday(), 30),
    ...overrides,
  });
  const asEntity: TestCaller = { kind: 'SUBJECT', uscc: entity.uscc };

  it.each([
    ['an end date in the past', { validUntil: '2020-01-31' }, /validUntil 2020-01-31 is in the past/],
    ['an unknown domain', { domains: ['CUSTOMS'] }, /unknown domain "CUSTOMS"; an authorisation can cover MARKET/],
    ['the platform’s own records', { domains: ['PLATFORM'] }, /PLATFORM cannot be authorised/],
    ['no domain', { domains: [] }, /at least one/],
    ['no purpose', { purposes: [] }, /at least one purpose/],
    ['a malformed organisation', { organisation: 'bank 001; drop' }, /organisation "bank 001; drop"/],
  ])('refuses %s with BAD_USER_INPUT and says why', async (_label, overrides, message) => {
    const result = await asCaller(asEntity, GRANT, { input: input(overrides) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(message);
  });

  it('refuses an unknown purpose before anything runs', async () => {
    const result = await asCaller(asEntity, GRANT, { input: input({ purposes: ['MARKETING'] }) });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/MARKETING/);
  });

  it.each([
    ['another entity', { kind: 'SUBJECT', uscc: otherEntity.uscc }, /you are entity/],
    ['government (which records paper authorisations instead)', GOVERNMENT, /recordPaperAuthorisation/],
    ['an institution', institution('BANK-001', 'LOAN_APPROVAL'), /may be called by only entity .* itself or government; you are institution BANK-001/],
    ['an anonymous caller', { kind: 'ANONYMOUS' }, /sign in/],
  ] as [string, TestCaller, RegExp][])('refuses a grant of the entity’s data by %s with FORBIDDEN', async (_label, caller, message) => {
    const result = await asCaller(caller, GRANT, { input: input() });
    expect(result.data?.grantAuthorisation ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0].message).toMatch(message);
  });
});

describe('a paper authorisation (授权书) recorded by government', () => {
  const PAPER = `mutation($input: PaperAuthorisationInput!) { recordPaperAuthorisation(input: $input) { id form evidenceReference recordedBy status } }`;
  const paperBank = uniqueOrganisation('PAPER');
  const input = (overrides: Record<string, unknown> = {}) => ({
    uscc: otherEntity.uscc,
    organisation: paperBank,
    domains: ['MARKET', 'TAX'],
    purposes: ['GUARANTEE_REVIEW'],
    validUntil: addDays(chinaToday(), 60),
    evidenceReference: '丹东授字〔2026〕第0042号',
    ...overrides,
  });

  it('authorises like an online grant, and keeps its evidence reference', async () => {
    const result = await asCaller({ kind: 'GOVERNMENT', department: 'PLATFORM' }, PAPER, { input: input() });
    expect(result.errors).toBeUndefined();
    expect(result.data.recordPaperAuthorisation).toMatchObject({ form: 'PAPER', evidenceReference: '丹东授字〔2026〕第0042号', recordedBy: 'PLATFORM', status: 'LIVE' });
    expect(await access(institution(paperBank, 'GUARANTEE_REVIEW'), otherEntity.uscc)).toEqual({ market: 'RELEASED', tax: 'RELEASED' });
  });

  it('is government’s to record: the entity and institutions are refused', async () => {
    for (const caller of [{ kind: 'SUBJECT', uscc: otherEntity.uscc }, institution(paperBank, 'GUARANTEE_REVIEW')] as TestCaller[]) {
      const result = await asCaller(caller, PAPER, { input: input() });
      expect(result.data?.recordPaperAuthorisation ?? null).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    }
  });

  it('needs the document’s reference', async () => {
    const result = await asCaller(GOVERNMENT, PAPER, { input: input({ evidenceReference: '  ' }) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/evidenceReference/);
  });
});

describe('authorisation checks are batched', () => {
  it('cost each department one grants lookup and one access-log write for a 100-entity profile', async () => {
    const bank = uniqueOrganisation('BATCH');
    const subjects = demoSubjects().slice(0, 100);
    for (const s of subjects.filter((s) => s.kind === 'ENTERPRISE').slice(0, 5)) await grant(s.uscc, { organisation: bank, domains: ['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT'].filter((d) => inject('subgraphUrls')[d.toLowerCase()]) });
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc legalRepresentativeIdNumber market { annualReports { revenue netProfit } inspections { notes } } tax { ratings { grade } filingHistory { year } } } }`;
    const result = await asCaller(institution(bank, 'LOAN_APPROVAL'), query, { usccs: subjects.map((s) => s.uscc) });
    expect(result.data.entities).toHaveLength(100);
    const released = result.data.entities.filter((e: { market: { annualReports: { revenue: string | null }[] } }) => e.market.annualReports.some((r) => r.revenue !== null));
    expect(released.length).toBeGreaterThan(0);
    for (const subgraph of ['market', 'tax']) {
      expect(await requestCounts(subgraph, result.requestId), subgraph).toMatchObject({ authorisationLookups: 1, accessLogWrites: 1 });
    }
  });
});
