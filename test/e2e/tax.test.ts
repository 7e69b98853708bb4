import { describe, expect, inject, it } from 'vitest';
import type { DemoSubject } from '../../subgraphs/kit/demo/index.ts';
import type { DemoRows } from '../../subgraphs/kit/demo/loads.ts';
import { makeUscc } from '../../subgraphs/kit/identifiers/uscc.ts';
import { generateTaxRecords } from '../../subgraphs/tax/db/demo.ts';
import { taxArrears, taxCommitments, taxFilingYears, taxRatings, taxViolationCases, taxViolationPersons } from '../../subgraphs/tax/db/tables.ts';
import { demoSubjects, firstSubject } from '../support/demo.ts';
import { graphql, sqlStatements } from '../support/graphql.ts';
import { governmentHeaders } from '../support/tokens.ts';

type Row = Record<string, any>;

/** What the deterministic generator wrote for a subject, per tax table. */
function generated(subject: DemoSubject) {
  const rows: DemoRows = generateTaxRecords(subject, inject('demo').seed);
  const of = (table: unknown): Row[] => rows.find(([t]) => t === table)?.[1] ?? [];
  return {
    ratings: of(taxRatings),
    filings: of(taxFilingYears),
    arrears: of(taxArrears),
    cases: of(taxViolationCases),
    persons: of(taxViolationPersons),
    commitments: of(taxCommitments),
  };
}

// The published part of the tax profile: what anyone may see.
const PUBLIC_TAX = /* GraphQL */ `
  fragment PublicTax on Entity {
    uscc
    tax {
      aGradeYears
      arrears { id sourceDepartment sourceId taxType amountOwed currentArrears period announcedOn settledOn outstanding authority }
      violationCases {
        id sourceDepartment sourceId caseNumber kind facts basis amountInvolved handling fineAmount authority
        listedOn removedOn removalReason current
        responsiblePersons { role name }
      }
      commitments { id sourceDepartment sourceId kind content authority madeOn dueOn outcome verifiedOn }
    }
  }
`;

// Every tax field, AUTHORISED and INTERNAL ones included.
const FULL_TAX = /* GraphQL */ `
  fragment FullTax on Entity {
    uscc
    tax {
      ratings { id sourceDepartment sourceId year grade score evaluatedOn authority }
      aGradeYears
      arrears { id sourceDepartment sourceId taxType amountOwed currentArrears period announcedOn settledOn outstanding authority }
      violationCases {
        id sourceDepartment sourceId caseNumber kind facts basis amountInvolved handling fineAmount authority
        listedOn removedOn removalReason current
        responsiblePersons { role name idNumber }
      }
      filingHistory { id sourceDepartment sourceId year filingsMade onTimeFilings taxPaid latePayments lateFees asOf }
      commitments { id sourceDepartment sourceId kind content authority madeOn dueOn outcome verifiedOn }
    }
  }
`;

/** Profiles of many entities, 100 (the most one query may ask for) at a time. */
async function profiles(subjects: DemoSubject[], fragment: string, name: string, headers: Record<string, string> = {}): Promise<Row[]> {
  const found: Row[] = [];
  for (let from = 0; from < subjects.length; from += 100) {
    const usccs = subjects.slice(from, from + 100).map((s) => s.uscc);
    const result = await graphql(`query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...${name} } } ${fragment}`, { usccs }, { headers });
    expect(result.errors).toBeUndefined();
    found.push(...result.data.entities);
  }
  return found;
}

/** The demo subject with the most kinds of published tax record: a case with several people, arrears, a commitment. */
function richSubject(): DemoSubject {
  let best: DemoSubject | undefined;
  let bestScore = -1;
  for (const subject of demoSubjects()) {
    const records = generated(subject);
    const score =
      Math.sign(records.arrears.length) +
      Math.sign(records.cases.length) +
      Math.sign(records.commitments.length) +
      Math.min(records.persons.length, 3) / 3 +
      Math.sign(records.ratings.length);
    if (score > bestScore) [best, bestScore] = [subject, score];
  }
  return best!;
}

const byDateDesc = (field: string) => (a: Row, b: Row) => (a[field] < b[field] ? 1 : a[field] > b[field] ? -1 : 0);

describe('an entity profile from the tax bureaus, through the gateway', () => {
  it('returns the published tax records of an entity chosen for rich records', async () => {
    const subject = richSubject();
    const expected = generated(subject);
    expect(expected.cases.length).toBeGreaterThan(0);

    // As government, who sees removed cases too (to everyone else a removed case is history: disclosure-lifecycle.test.ts).
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { name ...PublicTax } } ${PUBLIC_TAX}`, { uscc: subject.uscc }, { headers: await governmentHeaders() });
    expect(result.errors).toBeUndefined();
    const { name, tax } = result.data.entity;
    expect(name).toBeTruthy();

    const aYears = expected.ratings.filter((r) => r.grade === 'A').map((r) => r.year).sort((a, b) => b - a);
    expect(tax.aGradeYears).toEqual(aYears);

    expect(tax.arrears.map((a: Row) => a.sourceId)).toEqual([...expected.arrears].sort(byDateDesc('announcedOn')).map((a) => a.sourceId));
    for (const arrears of tax.arrears) {
      const source = expected.arrears.find((a) => a.sourceId === arrears.sourceId)!;
      expect(arrears.id).toMatch(/^tax\.arrears\.\d+$/);
      expect(arrears.sourceDepartment).toMatch(/^国家税务总局.+税务局$/);
      expect(arrears).toMatchObject({ taxType: source.taxType, amountOwed: source.amountOwed, period: source.period, settledOn: source.settledOn });
      expect(arrears.outstanding).toBe(source.settledOn === null);
      expect(Number(arrears.currentArrears)).toBeLessThanOrEqual(Number(arrears.amountOwed));
    }

    expect(tax.violationCases).toHaveLength(expected.cases.length);
    for (const found of tax.violationCases) {
      const source = expected.cases.find((c) => c.sourceId === found.sourceId)!;
      expect(found.id).toMatch(/^tax\.violation-case\.\d+$/);
      expect(found.sourceDepartment).toMatch(/税务局稽查局$/);
      expect(found).toMatchObject({ kind: source.kind, amountInvolved: source.amountInvolved, listedOn: source.listedOn, removedOn: source.removedOn });
      expect(found.current).toBe(source.removedOn === null);
      const people = expected.persons.filter((p) => p.caseSourceId === source.sourceId).map((p) => ({ role: p.role, name: p.name }));
      expect(found.responsiblePersons).toEqual(people);
      expect(found.responsiblePersons.map((p: Row) => p.role)).toContain('LEGAL_REPRESENTATIVE');
    }

    expect(tax.commitments.map((c: Row) => c.sourceId).sort()).toEqual(expected.commitments.map((c) => c.sourceId).sort());
    for (const commitment of tax.commitments) {
      expect(commitment.id).toMatch(/^tax\.commitment\.\d+$/);
      expect(commitment.outcome === 'PENDING').toBe(commitment.verifiedOn === null);
    }
  });

  it('names the registered legal representative as the responsible person of a case', async () => {
    const subject = demoSubjects().find((s) => generated(s).cases.length > 0)!;
    const result = await graphql(
      `query($uscc: USCC!) { entity(uscc: $uscc) { legalRepresentative tax { violationCases { responsiblePersons { role name } } } } }`,
      { uscc: subject.uscc },
      { headers: await governmentHeaders() },
    );
    expect(result.errors).toBeUndefined();
    const { legalRepresentative, tax } = result.data.entity;
    const representative = tax.violationCases[0].responsiblePersons.find((p: Row) => p.role === 'LEGAL_REPRESENTATIVE');
    expect(representative.name).toBe(legalRepresentative);
  });

  it('reaches every published tax record type in the demo data', async () => {
    // As government: removed cases are history, which only government sees.
    const found = await profiles(demoSubjects(), PUBLIC_TAX, 'PublicTax', await governmentHeaders());
    const taxes = found.map((e) => e.tax);
    const cases = taxes.flatMap((t) => t.violationCases);
    const arrears = taxes.flatMap((t) => t.arrears);
    const commitments = taxes.flatMap((t) => t.commitments);

    expect(taxes.some((t) => t.aGradeYears.length >= 3)).toBe(true);
    expect(arrears.some((a) => a.outstanding)).toBe(true);
    expect(arrears.some((a) => !a.outstanding)).toBe(true);
    expect(cases.some((c) => c.current)).toBe(true);
    expect(cases.some((c) => !c.current && c.removalReason)).toBe(true);
    expect(cases.some((c) => c.responsiblePersons.length > 1)).toBe(true);
    expect(new Set(commitments.map((c) => c.outcome))).toEqual(new Set(['PENDING', 'KEPT', 'BROKEN']));
    expect(commitments.some((c) => c.kind === 'CREDIT_REPAIR')).toBe(true);
  });

  it('gives an entity the tax bureaus hold nothing on empty lists, not errors', async () => {
    const subject = firstSubject((s) => s.kind === 'GOVERNMENT_BODY');
    expect(generateTaxRecords(subject, inject('demo').seed).every(([, rows]) => rows.length === 0)).toBe(true);
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { ...PublicTax } } ${PUBLIC_TAX}`, { uscc: subject.uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.tax).toEqual({ aGradeYears: [], arrears: [], violationCases: [], commitments: [] });
  });

  it('never asks the tax bureaus about an entity market supervision does not know', async () => {
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { ...PublicTax } } ${PUBLIC_TAX}`, {
      uscc: makeUscc('9', '1', '210603', 'MA0000A1'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ entity: null });
    expect(await sqlStatements('tax', result.requestId)).toBe(0);
  });

  it('runs the same number of SQL statements for 100 entities as for 1', async () => {
    // Both sets hold an entity with a case, so both reach the responsible persons' table too.
    const rich = richSubject();
    const subjects = [rich, ...demoSubjects().filter((s) => s.uscc !== rich.uscc)].slice(0, 100);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...PublicTax } } ${PUBLIC_TAX}`;
    const one = await graphql(query, { usccs: [rich.uscc] });
    const hundred = await graphql(query, { usccs: subjects.map((s) => s.uscc) });
    expect(one.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();

    const countForOne = await sqlStatements('tax', one.requestId);
    expect(countForOne).toBeGreaterThan(0);
    expect(await sqlStatements('tax', hundred.requestId)).toBe(countForOne);
  });
});

// AUTHORISED and INTERNAL fields: ratings, filing history, responsible persons' ID numbers. These queries
// run as government, who may see them; what every other caller gets is the access matrix's to prove
// (test/e2e/access-matrix.test.ts).
describe('tax records released only with authorisation, through the gateway', () => {
  it('reaches every tax record type, ratings and filing history included', async () => {
    const found = await profiles(demoSubjects(), FULL_TAX, 'FullTax', await governmentHeaders());
    const taxes = found.map((e) => e.tax);
    const ratings = taxes.flatMap((t) => t.ratings);
    const filings = taxes.flatMap((t) => t.filingHistory);

    expect(new Set(ratings.map((r) => r.grade))).toEqual(new Set(['A', 'B', 'M', 'C', 'D']));
    for (const rating of ratings) expect(rating.id).toMatch(/^tax\.rating\.\d+$/);
    expect(filings.length).toBeGreaterThan(0);
    expect(filings.some((f) => f.latePayments > 0)).toBe(true);
    for (const filing of filings) {
      expect(filing.id).toMatch(/^tax\.filing-year\.\d+$/);
      expect(filing.onTimeFilings).toBeLessThanOrEqual(filing.filingsMade);
    }
    const people = taxes.flatMap((t) => t.violationCases.flatMap((c: Row) => c.responsiblePersons));
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) expect(person.idNumber).toMatch(/^\d{17}[\dX]$/);
    // aGradeYears is exactly the A rows of the ratings, which stay unpublished otherwise.
    for (const t of taxes) expect(t.aGradeYears).toEqual(t.ratings.filter((r: Row) => r.grade === 'A').map((r: Row) => r.year));
  });

  it('runs the same number of SQL statements for 100 entities as for 1, selecting every tax field', async () => {
    // Both sets hold an entity with a case, so both reach the responsible persons' table too.
    const rich = richSubject();
    const subjects = [rich, ...demoSubjects().filter((s) => s.uscc !== rich.uscc)].slice(0, 100);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...FullTax } } ${FULL_TAX}`;
    const headers = await governmentHeaders();
    const one = await graphql(query, { usccs: [rich.uscc] }, { headers });
    const hundred = await graphql(query, { usccs: subjects.map((s) => s.uscc) }, { headers });
    expect(one.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();

    const countForOne = await sqlStatements('tax', one.requestId);
    expect(countForOne).toBeGreaterThan(0);
    expect(await sqlStatements('tax', hundred.requestId)).toBe(countForOne);
  });

  it('gives an entity the tax bureaus hold nothing on empty ratings and filing history', async () => {
    const subject = firstSubject((s) => s.kind === 'GOVERNMENT_BODY');
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { tax { ratings { id } filingHistory { id } } } }`, { uscc: subject.uscc }, { headers: await governmentHeaders() });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.tax).toEqual({ ratings: [], filingHistory: [] });
  });
});
