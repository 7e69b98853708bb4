import mysql from 'mysql2/promise';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { CALLER_HEADER, INTERNAL_CALLER_HEADER, internalAudienceOf } from '../../subgraphs/kit/identity/caller-token.ts';
import type { Purpose } from '../../subgraphs/kit/identity/purposes.ts';
import { listings } from '../../subgraphs/market/db/tables.ts';
import { latestPublishedTaxYear } from '../../subgraphs/platform/lists/listings.ts';
import { taxRatings } from '../../subgraphs/tax/db/tables.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { createTestEntity, insertRecords, marketListing, sourceId } from '../support/records.ts';
import { callerHeader, type TestCaller } from '../support/tokens.ts';

// A report that covers TAX holds an AUTHORISED field (the ratings). Tax releases it to an institution
// only after asking the platform for that institution's grants, inside the query the platform forwards
// for the report: these tests show that it can, that the release is logged once under the bank, and
// that the department still decides about the bank (no grant, another purpose, expired: FORBIDDEN).

const ISSUE = /* GraphQL */ `
  mutation($input: CreditReportInput!) {
    issueCreditReport(input: $input) {
      number recipient recipientKind purpose
      sections { domain coverage withheld records { category recordId description } }
    }
  }
`;
const ACCESS_LOG = `query($uscc: USCC!) { entity(uscc: $uscc) { accessLog(first: 100) { nodes { callerKind organisation department purpose domain fields requestId } } } }`;
const today = chinaToday();
const TAX_AUTHORITY = '国家税务总局丹东市振兴区税务局';
const bank = (organisation: string, purpose: Purpose = 'CREDIT_REPORT') => ({ kind: 'INSTITUTION', organisation, purpose }) as const satisfies TestCaller;

async function withRating(label: string, grade: 'A' | 'B' | 'M' | 'C' | 'D'): Promise<{ uscc: string; ratingId: string }> {
  const uscc = await createTestEntity(label);
  const [ratingId] = await insertRecords('tax', 'rating', taxRatings, [
    { uscc, sourceDepartment: TAX_AUTHORITY, sourceId: sourceId('rating'), year: Number(today.slice(0, 4)) - 1, grade, score: 72, evaluatedOn: addDays(today, -100), authority: TAX_AUTHORITY },
  ]);
  return { uscc, ratingId };
}

describe('a credit report covering TAX, issued to an authorised bank', () => {
  let uscc: string;
  let ratingId: string;
  const organisation = uniqueOrganisation('TAXREPORT');

  beforeAll(async () => {
    ({ uscc, ratingId } = await withRating('纳税评级报告', 'B'));
    await grant(uscc, { organisation, domains: ['MARKET', 'TAX'], purposes: ['CREDIT_REPORT'] });
  });

  it('holds the rating the bank is authorised to read, and withholds nothing', async () => {
    const result = await asCaller(bank(organisation), ISSUE, { input: { uscc, kind: 'PUBLIC_CREDIT', domains: ['TAX'] } });
    expect(result.errors).toBeUndefined();
    const report = result.data.issueCreditReport;
    expect(report).toMatchObject({ recipient: organisation, recipientKind: 'INSTITUTION', purpose: 'CREDIT_REPORT' });
    expect(report.sections).toEqual([
      {
        domain: 'TAX',
        coverage: 'RECORDS_FOUND',
        withheld: [],
        records: [{ category: 'RATING', recordId: ratingId, description: `${Number(today.slice(0, 4)) - 1}年度纳税信用级别：B` }],
      },
    ]);
  });

  it('covers every department for a bank authorised for all four, withholding nothing', async () => {
    const everything = uniqueOrganisation('ALLDOMAINS');
    await grant(uscc, { organisation: everything, domains: ['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT'], purposes: ['CREDIT_REPORT'] });
    const result = await asCaller(bank(everything), ISSUE, { input: { uscc, kind: 'PUBLIC_CREDIT' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.issueCreditReport.sections.map((s: any) => [s.domain, s.withheld])).toEqual([
      ['MARKET', []],
      ['TAX', []],
      ['COURTS', []],
      ['ENVIRONMENT', []],
    ]);
  });

  it('is issued as a SPECIAL report too (the ratings are asked for, though such a report lists violations only)', async () => {
    const result = await asCaller(bank(organisation), ISSUE, { input: { uscc, kind: 'SPECIAL', from: addDays(today, -365), to: today, domains: ['MARKET', 'TAX'] } });
    expect(result.errors).toBeUndefined();
    expect(result.data.issueCreditReport.sections.map((s: any) => [s.domain, s.coverage, s.withheld])).toEqual([
      ['MARKET', 'NO_RECORD', []],
      ['TAX', 'NO_RECORD', []],
    ]);
  });

  it('logs the release of the rating once, under the bank and its purpose, with the report', async () => {
    const entity = await withRating('纳税评级日志', 'C');
    const loggingBank = uniqueOrganisation('TAXLOG');
    await grant(entity.uscc, { organisation: loggingBank, domains: ['TAX'], purposes: ['CREDIT_REPORT'] });
    const issued = await asCaller(bank(loggingBank), ISSUE, { input: { uscc: entity.uscc, kind: 'PUBLIC_CREDIT', domains: ['TAX'] } });
    expect(issued.errors).toBeUndefined();

    const log = await asCaller({ kind: 'SUBJECT', uscc: entity.uscc }, ACCESS_LOG, { uscc: entity.uscc });
    const rows = log.data.entity.accessLog.nodes as { callerKind: string; organisation: string | null; department: string | null; purpose: string | null; domain: string; fields: string[]; requestId: string }[];
    const taxRows = rows.filter((r) => r.domain === 'TAX');
    expect(taxRows).toHaveLength(1);
    expect(taxRows[0]).toMatchObject({ callerKind: 'INSTITUTION', organisation: loggingBank, department: null, purpose: 'CREDIT_REPORT' });
    expect(taxRows[0].fields).toContain('TaxRecords.ratings');
    // Besides the entity's own grant, nothing was released to anyone else: not to the platform, not to government.
    const others = rows.filter((r) => r.callerKind !== 'SUBJECT');
    expect(others.every((r) => r.callerKind === 'INSTITUTION' && r.organisation === loggingBank)).toBe(true);
    expect(others.map((r) => r.domain).sort()).toEqual(['PLATFORM', 'TAX']);
    // The issuance and the release belong to the same request.
    expect(rows.find((r) => r.domain === 'PLATFORM')!.requestId).toBe(taxRows[0].requestId);
  });

  it('is refused to a bank whose authorisation covers TAX for another purpose, has ended, or does not exist', async () => {
    const otherPurpose = uniqueOrganisation('TAXPURPOSE');
    await grant(uscc, { organisation: otherPurpose, domains: ['MARKET', 'TAX'], purposes: ['LOAN_APPROVAL'] });
    const expired = await expiredGrant(uscc, 'TAXEXPIRED');
    for (const [who, reason] of [[otherPurpose, 'PURPOSE'], [expired, 'EXPIRED'], [uniqueOrganisation('TAXNONE'), 'NO_AUTHORISATION']]) {
      const result = await asCaller(bank(who), ISSUE, { input: { uscc, kind: 'PUBLIC_CREDIT', domains: ['TAX'] } });
      expect(result.data?.issueCreditReport ?? null).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason });
    }
  });
});

// The platform checks the bank's grants before it asks any department; the department decides again,
// for itself, with the grants of the bank named in the token: the platform's question does not stand in
// for the bank's authorisation. Asked here as the platform asks, with the tokens the gateway signs.
describe("tax's forwarded query for a bank's report decides about the bank", () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Entity { uscc tax { aGradeYears ratings { grade } } } } }`;
  let uscc: string;
  const granted = uniqueOrganisation('FWDGRANTED');
  const otherPurpose = uniqueOrganisation('FWDPURPOSE');
  const none = uniqueOrganisation('FWDNONE');
  let expired: string;

  beforeAll(async () => {
    ({ uscc } = await withRating('转发查询评级', 'M'));
    await grant(uscc, { organisation: granted, domains: ['TAX'], purposes: ['CREDIT_REPORT'] });
    await grant(uscc, { organisation: otherPurpose, domains: ['TAX'], purposes: ['LOAN_APPROVAL'] });
    expired = await expiredGrant(uscc, 'FWDEXPIRED');
  });

  /** Tax's forwarded-query route as the platform calls it for `caller`, with the token tax asks the platform back with (or none). */
  async function ask(caller: ReturnType<typeof bank>, { askBackAs = caller as ReturnType<typeof bank> | null } = {}) {
    const requestId = `test-forwarded-${Math.random().toString(36).slice(2)}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [CALLER_HEADER]: await callerHeader(caller, { audience: internalAudienceOf('tax'), via: 'platform', requestId }),
    };
    if (askBackAs) headers[INTERNAL_CALLER_HEADER] = await callerHeader(askBackAs, { audience: internalAudienceOf('platform'), via: 'tax', requestId });
    const response = await fetch(inject('subgraphUrls').tax.replace(/\/graphql$/, '/internal/forwarded-query'), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: { r: [{ __typename: 'Entity', uscc }] } }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data: any; errors?: { message: string; path: (string | number)[]; extensions: Record<string, unknown> }[]; releases: { uscc: string; fields: string[] }[] };
  }

  const ratingsError = (answer: Awaited<ReturnType<typeof ask>>) => answer.errors?.find((e) => e.path.join('.') === '_entities.0.tax.ratings');

  it('releases the ratings to the bank holding a live grant for TAX and its purpose, and hands the release back to be logged', async () => {
    const answer = await ask(bank(granted));
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities[0].tax.ratings).toEqual([{ grade: 'M' }]);
    expect(answer.releases).toEqual([{ uscc, fields: expect.arrayContaining(['TaxRecords.ratings']) }]);
  });

  it.each([
    ['another purpose', () => bank(otherPurpose), 'PURPOSE'],
    ['a name one character longer than the granted one', () => bank(`${granted}X`), 'NO_AUTHORISATION'],
    ['an ended grant', () => bank(expired), 'EXPIRED'],
    ['no grant', () => bank(none), 'NO_AUTHORISATION'],
    ['a grant for loan approval, asked for a report', () => bank(granted, 'LOAN_APPROVAL'), 'PURPOSE'],
  ])('withholds them from a bank with %s (FORBIDDEN, with the reason), and releases nothing to log', async (_label, caller, reason) => {
    const answer = await ask(caller());
    expect(answer.data._entities[0].tax.ratings).toBeNull();
    expect(answer.data._entities[0].tax.aGradeYears).toEqual([]);
    expect(ratingsError(answer)?.extensions).toMatchObject({ code: 'FORBIDDEN', reason, level: 'AUTHORISED' });
    expect(answer.releases).toEqual([]);
  });

  it('decides for the bank the report is for, not for whoever the token to the platform names', async () => {
    // A token to ask the platform back that names another (granted) bank still decides for this one.
    const answer = await ask(bank(none), { askBackAs: bank(granted) });
    expect(answer.data._entities[0].tax.ratings).toBeNull();
    expect(ratingsError(answer)?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(answer.releases).toEqual([]);
  });

  it('withholds them when the platform cannot be asked for the bank (no token to ask it back with)', async () => {
    // A bank of its own: tax reuses the grants it was given for a bank for a second (GRANTS_CACHE_MS).
    const unasked = uniqueOrganisation('FWDUNASKED');
    await grant(uscc, { organisation: unasked, domains: ['TAX'], purposes: ['CREDIT_REPORT'] });
    const answer = await ask(bank(unasked), { askBackAs: null });
    expect(answer.data._entities[0].tax.ratings).toBeNull();
    expect(ratingsError(answer)?.extensions).toMatchObject({ code: 'AUTHORISATION_UNAVAILABLE' });
    expect(answer.releases).toEqual([]);
  });
});

// The platform's other products that read the departments (the evaluation, listings and joint measures,
// commitments) read them through the gateway's @requires, on the caller's own request: each department
// gets its own token to the platform there, so nothing is forwarded and nothing is missing. Shown for
// an institution, authorised or not, beside the same request's AUTHORISED tax ratings.
describe('the evaluation, listings, joint measures and commitments, read by an institution', () => {
  const PRODUCTS = `query($uscc: USCC!) { entity(uscc: $uscc) {
    tax { aGradeYears ratings { grade } }
    creditEvaluation { grade score forcedBy basis { indicator { code } points records } }
    listings(current: true) { listType colour sourceRecordId }
    jointMeasures { measure { code } listing { sourceRecordId } }
    creditCommitments { id kind outcome }
  } }`;
  let uscc: string;
  const authorised = uniqueOrganisation('PRODUCTS');
  const year = latestPublishedTaxYear(today);

  beforeAll(async () => {
    uscc = await createTestEntity('平台产品');
    await insertRecords('tax', 'rating', taxRatings, [
      { uscc, sourceDepartment: TAX_AUTHORITY, sourceId: sourceId('rating'), year, grade: 'A', score: 95, evaluatedOn: `${year + 1}-04-20`, authority: TAX_AUTHORITY },
    ]);
    await insertRecords('market', 'listing', listings, [marketListing(uscc, addDays(today, -30))]);
    const made = await asCaller({ kind: 'SUBJECT', uscc }, `mutation($input: CreditCommitmentInput!) { makeCreditCommitment(input: $input) { id } }`, {
      input: { uscc, kind: 'DEFERRED_DOCUMENTS', content: '30日内补齐材料', department: 'ADMINISTRATIVE_APPROVAL', dueOn: addDays(today, 30) },
    });
    expect(made.errors).toBeUndefined();
    await grant(uscc, { organisation: authorised, domains: ['MARKET', 'TAX', 'COURTS', 'ENVIRONMENT'], purposes: ['LOAN_APPROVAL'] });
  });

  it('answers them in full, the same as to anyone, and decides the ratings about the bank', async () => {
    const anonymous = await asCaller({ kind: 'ANONYMOUS' }, PRODUCTS, { uscc });
    const granted = await asCaller(bank(authorised, 'LOAN_APPROVAL'), PRODUCTS, { uscc });
    const stranger = await asCaller(bank(uniqueOrganisation('PRODUCTSNONE'), 'LOAN_APPROVAL'), PRODUCTS, { uscc });

    const { tax: _anonymousTax, ...products } = anonymous.data.entity;
    expect(products.creditEvaluation.basis.map((b: any) => b.indicator.code).sort()).toEqual(['ABNORMAL_OPERATIONS', 'A_GRADE_TAXPAYER'].sort());
    expect(products.listings).toHaveLength(2);
    expect(products.creditCommitments).toHaveLength(1);
    for (const result of [granted, stranger]) {
      // Only the ratings may be refused; nothing is unavailable.
      expect((result.errors ?? []).map((e) => e.path?.join('.'))).toEqual(result === granted ? [] : ['entity.tax.ratings']);
      const { tax: _tax, ...same } = result.data.entity;
      expect(same).toEqual(products);
    }
    expect(granted.data.entity.tax.ratings).toEqual([{ grade: 'A' }]);
    expect(outcomeOf(stranger, ['entity', 'tax', 'ratings'], stranger.data.entity.tax.ratings)).toBe('NO_AUTHORISATION');
    expect(outcomeOf(anonymous, ['entity', 'tax', 'ratings'], anonymous.data.entity.tax.ratings)).toBe('LEVEL');
  });
});

/** An organisation whose grant over `uscc` (TAX and MARKET, for reports) ended yesterday: written as time would have left it. */
async function expiredGrant(uscc: string, label: string): Promise<string> {
  const organisation = uniqueOrganisation(label);
  const connection = await mysql.createConnection(inject('databaseUrls').platform);
  try {
    await connection.query(
      `INSERT INTO authorisations (uscc, organisation, domains, purposes, valid_until, form, granted_at) VALUES (?, ?, 'MARKET,TAX', 'CREDIT_REPORT', ?, 'ONLINE', ?)`,
      [uscc, organisation, addDays(today, -1), '2026-01-05 08:00:00.000'],
    );
  } finally {
    await connection.end();
  }
  return organisation;
}
