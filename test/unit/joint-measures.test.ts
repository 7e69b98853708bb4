import { describe, expect, it } from 'vitest';
import { catalogueProblems, LIST_TYPE_CATALOGUE, MEASURE_CATALOGUE } from '../../subgraphs/platform/db/catalogue.ts';
import { decideEligibility } from '../../subgraphs/platform/lists/eligibility.ts';
import { latestPublishedTaxYear, listingsOf, missingDepartments, type ListingInputs } from '../../subgraphs/platform/lists/listings.ts';
import { appliesIn, catalogueOf, measuresInForce, regionNameOf, withListType, type Catalogue } from '../../subgraphs/platform/lists/measures.ts';

// The pure parts of listings, joint measures and eligibility; the end-to-end suite covers them through
// the gateway on the real database (test/e2e/joint-measures.test.ts).

const USCC = '91210603MA0000001X';
const TODAY = '2026-11-22';

function catalogue(): Catalogue {
  return catalogueOf(
    LIST_TYPE_CATALOGUE.map((l) => ({ ...l })),
    MEASURE_CATALOGUE.map((m) => ({
      code: m.code,
      name: m.name,
      kind: m.kind,
      effect: m.effect,
      content: m.content,
      triggerListTypes: m.triggers.join(','),
      contexts: m.contexts.join(','),
      basis: m.basis,
      scope: m.region === undefined ? 'NATIONAL' : 'LOCAL',
      region: m.region ?? null,
    })),
  );
}

const published = (id: string, overrides: Partial<{ listedOn: string; removedOn: string | null; current: boolean }> = {}) => ({
  id,
  sourceDepartment: '丹东市振兴区市场监督管理局',
  reason: '通过登记的住所无法联系',
  authority: '丹东市振兴区市场监督管理局',
  listedOn: '2025-03-01',
  removedOn: null,
  removalReason: null,
  current: true,
  disputed: false,
  ...overrides,
});

function clean(): ListingInputs {
  return {
    uscc: USCC,
    market: { abnormalOperations: [], seriousViolations: [] },
    tax: { aGradeYears: [], violationCases: [] },
    courts: { dishonestDebtorEntries: [], consumptionRestrictions: [] },
    environment: { creditEvaluations: [], blacklistEntries: [] },
  };
}

function debtor(id: string, current: boolean) {
  return {
    id,
    sourceDepartment: '丹东市振兴区人民法院',
    caseNumber: '（2025）辽0603执12号',
    court: '丹东市振兴区人民法院',
    conduct: '有履行能力而拒不履行生效法律文书确定义务',
    publishedOn: '2025-06-01',
    removedOn: current ? null : '2026-01-10',
    removalReason: current ? null : '已全部履行',
    current,
    disputed: false,
  };
}

describe('listings composed from the departments’ list fields', () => {
  it('gives every entry its list type, department, source record and dates, current ones first', () => {
    const inputs = clean();
    inputs.market!.abnormalOperations.push(published('market.listing.1', { listedOn: '2024-01-01', removedOn: '2024-06-01', current: false }));
    inputs.market!.seriousViolations.push(published('market.listing.2'));
    inputs.courts!.dishonestDebtorEntries.push(debtor('courts.dishonest-debtor.3', true));
    const listings = listingsOf(inputs, TODAY);

    expect(listings.map((l) => [l.listType, l.department, l.sourceRecordId, l.current])).toEqual([
      ['DISHONEST_JUDGMENT_DEBTOR', 'COURTS', 'courts.dishonest-debtor.3', true],
      ['SERIOUS_VIOLATION', 'MARKET', 'market.listing.2', true],
      ['ABNORMAL_OPERATIONS', 'MARKET', 'market.listing.1', false],
    ]);
    expect(listings[0]).toMatchObject({ listedOn: '2025-06-01', reference: '（2025）辽0603执12号', authority: '丹东市振兴区人民法院' });
    expect(listings[2]).toMatchObject({ removedOn: '2024-06-01' });
  });

  it('keeps only the A grade of the last published tax year current (ratings come out each April)', () => {
    expect(latestPublishedTaxYear('2026-04-30')).toBe(2024);
    expect(latestPublishedTaxYear('2026-05-01')).toBe(2025);
    const inputs = clean();
    inputs.tax!.aGradeYears = [2025, 2023];
    const listings = listingsOf(inputs, TODAY);
    expect(listings.map((l) => [l.listType, l.year, l.current])).toEqual([
      ['A_GRADE_TAXPAYER', 2025, true],
      ['A_GRADE_TAXPAYER', 2023, false],
    ]);
    expect(listings[1].removalReason).toContain('2025');
    // Rated A in 2023 only: the 2025 rating, whatever it was, has replaced it.
    inputs.tax!.aGradeYears = [2023];
    expect(listingsOf(inputs, TODAY).filter((l) => l.current)).toEqual([]);
  });

  it('lets the newest environmental credit grade stand, older ones superseded when the next was published', () => {
    const inputs = clean();
    const evaluation = (year: number, response: 'ENCOURAGE' | 'WARN' | 'PUNISH' | null) => ({
      id: `environment.credit-evaluation.${year}`,
      sourceDepartment: '丹东市生态环境局',
      year,
      gradeLabel: 'x',
      response,
      evaluatedBy: '丹东市生态环境局',
      publishedOn: `${year + 1}-05-10`,
    });
    inputs.environment!.creditEvaluations.push(evaluation(2024, 'WARN'), evaluation(2025, 'ENCOURAGE'), evaluation(2023, null));
    const listings = listingsOf(inputs, TODAY);
    expect(listings.map((l) => [l.listType, l.year, l.current, l.removedOn])).toEqual([
      ['ENVIRONMENTAL_CREDIT_GOOD', 2025, true, null],
      ['ENVIRONMENTAL_CREDIT_WARNING', 2024, false, '2026-05-10'],
    ]);
  });

  it('names the departments whose records are missing, null or absent', () => {
    const inputs = clean();
    expect(missingDepartments(inputs)).toEqual([]);
    inputs.tax = null;
    delete inputs.environment;
    expect(missingDepartments(inputs)).toEqual(['tax', 'environment']);
  });
});

describe('joint measures from current listings', () => {
  it('triggers the catalogue’s measures from current entries only', () => {
    const inputs = clean();
    inputs.courts!.dishonestDebtorEntries.push(debtor('courts.dishonest-debtor.1', true), debtor('courts.dishonest-debtor.2', false));
    const listings = listingsOf(inputs, TODAY).map((l) => withListType(l, catalogue()));
    const inForce = measuresInForce(listings, catalogue(), '410902');
    expect(new Set(inForce.map((m) => m.listing.sourceRecordId))).toEqual(new Set(['courts.dishonest-debtor.1']));
    expect(inForce.map((m) => m.measure.code)).toEqual(
      expect.arrayContaining(['NAT-PROCUREMENT-BAN', 'NAT-BIDDING-BAN', 'NAT-HIGH-CONSUMPTION', 'NAT-NO-HONOURS', 'NAT-CAPITAL-MARKET-LIMIT']),
    );
    expect(inForce.every((m) => m.basis === m.measure.basis && m.basis.length > 0)).toBe(true);
  });

  it('applies a local supplement only inside its region', () => {
    const dandong = catalogue().measures.find((m) => m.code === 'DD-PRIORITY-SUPPORT')!;
    expect(appliesIn(dandong, '210603')).toBe(true);
    expect(appliesIn(dandong, '210000')).toBe(false);
    expect(appliesIn(dandong, '410902')).toBe(false);
    expect(regionNameOf('2106')).toBe('丹东市');
    expect(regionNameOf('21')).toBe('辽宁省');
  });

  it('keeps a catalogue whose measures name known list types and contexts, and notices one that does not', () => {
    expect(catalogueProblems()).toEqual([]);
    const broken = [{ ...MEASURE_CATALOGUE[0], triggers: ['NO_SUCH_LIST' as never] }];
    expect(catalogueProblems(LIST_TYPE_CATALOGUE, broken)).toEqual([`${MEASURE_CATALOGUE[0].code}: unknown list type NO_SUCH_LIST`]);
  });
});

describe('eligibility', () => {
  function inForceFor(inputs: ListingInputs, division = '410902') {
    const listings = listingsOf(inputs, TODAY).map((l) => withListType(l, catalogue()));
    return measuresInForce(listings, catalogue(), division);
  }

  it('bars a dishonest debtor from procurement, with the measure, the listing and the basis', () => {
    const inputs = clean();
    inputs.courts!.dishonestDebtorEntries.push(debtor('courts.dishonest-debtor.1', true));
    const answer = decideEligibility('GOVERNMENT_PROCUREMENT', inForceFor(inputs), [], TODAY);
    expect(answer).toMatchObject({ outcome: 'BARRED', allowed: false, incomplete: false });
    expect(answer.reasons[0].measure.code).toBe('NAT-PROCUREMENT-BAN');
    expect(answer.reasons[0].listing.sourceRecordId).toBe('courts.dishonest-debtor.1');
    expect(answer.reasons[0].basis).toContain('政府采购法');
  });

  it('allows an entity whose only entry was removed', () => {
    const inputs = clean();
    inputs.courts!.dishonestDebtorEntries.push(debtor('courts.dishonest-debtor.1', false));
    expect(decideEligibility('GOVERNMENT_PROCUREMENT', inForceFor(inputs), [], TODAY)).toMatchObject({ outcome: 'ALLOWED', allowed: true, reasons: [] });
  });

  it('allows under a restriction, and gives the restriction as a reason', () => {
    const inputs = clean();
    inputs.market!.abnormalOperations.push(published('market.listing.1'));
    const answer = decideEligibility('GOVERNMENT_PROCUREMENT', inForceFor(inputs), [], TODAY);
    expect(answer).toMatchObject({ outcome: 'ALLOWED', allowed: true });
    expect(answer.reasons.map((r) => [r.measure.code, r.measure.effect])).toEqual([['NAT-ABNORMAL-OPERATIONS-LIMIT', 'RESTRICT']]);
  });

  it('is never ALLOWED while a department is missing: UNDETERMINED, or BARRED on what the others show', () => {
    const nothingFound = decideEligibility('BIDDING', inForceFor(clean()), ['courts'], TODAY);
    expect(nothingFound).toMatchObject({ outcome: 'UNDETERMINED', allowed: false, incomplete: true, unavailableDepartments: ['courts'] });

    const inputs = clean();
    inputs.market!.seriousViolations.push(published('market.listing.9'));
    const barred = decideEligibility('BIDDING', inForceFor(inputs), ['courts'], TODAY);
    expect(barred).toMatchObject({ outcome: 'BARRED', allowed: false, incomplete: true });
  });

  it('lists the rewards a red-listed entity has in the context', () => {
    const inputs = clean();
    inputs.tax!.aGradeYears = [latestPublishedTaxYear(TODAY)];
    const answer = decideEligibility('ADMINISTRATIVE_APPROVAL', inForceFor(inputs, '210603'), [], TODAY);
    expect(answer.allowed).toBe(true);
    expect(answer.rewards.map((r) => r.measure.code)).toEqual(['NAT-DEFERRED-DOCUMENTS', 'NAT-GREEN-CHANNEL']);
    const funding = decideEligibility('GOVERNMENT_FUNDING', inForceFor(inputs, '210603'), [], TODAY);
    expect(funding.rewards.map((r) => r.measure.code)).toEqual(['DD-PRIORITY-SUPPORT']);
  });
});
