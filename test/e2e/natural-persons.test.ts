import { describe, expect, it } from 'vitest';
import { legalRepresentativeOf } from '../../subgraphs/kit/demo/index.ts';
import { asCaller, outcomeOf } from '../support/access.ts';
import { demoSubjects, firstSubject } from '../support/demo.ts';
import { GOVERNMENT } from '../support/tokens.ts';
import { inject } from 'vitest';
import { generateMarketRecords } from '../../subgraphs/market/db/demo.ts';

// An individual business (个体工商户) is a subject, but its operator is a natural person: the public
// view masks the operator's name, withholds capital and residence (住所) and shows the business
// premises (经营场所) instead; the entity itself and government see it whole.

const QUERY = /* GraphQL */ `
  query($uscc: USCC!) { entity(uscc: $uscc) { entityType name legalRepresentative registeredCapital registeredCapitalCurrency address businessPremises } }
`;

describe('an individual business: masked for the public, whole for government', () => {
  // One that declared its capital (资金数额): half of the demo's individual businesses do.
  const business = firstSubject((s) => s.kind === 'INDIVIDUAL_BUSINESS' && generateMarketRecords(s, inject('demo').seed)[0][1][0].registeredCapital !== null);
  const operator = legalRepresentativeOf(business, inject('demo').seed).name;

  it('the demo data has individual businesses (8 % of subjects)', () => {
    expect(demoSubjects().filter((s) => s.kind === 'INDIVIDUAL_BUSINESS').length).toBeGreaterThan(10);
  });

  for (const caller of [{ kind: 'ANONYMOUS' }, { kind: 'INSTITUTION', organisation: 'BANK-DEMO-001', purpose: 'LOAN_APPROVAL' }] as const) {
    it(`${caller.kind}: the operator's surname only, no capital, no residence, the premises shown`, async () => {
      const result = await asCaller(caller, QUERY, { uscc: business.uscc });
      const entity = result.data.entity;
      expect(entity.entityType).toBe('INDIVIDUAL_BUSINESS');
      expect(entity.legalRepresentative).toBe(`${operator[0]}${'*'.repeat(operator.length - 1)}`);
      expect(JSON.stringify(result)).not.toContain(operator);
      for (const field of ['registeredCapital', 'registeredCapitalCurrency', 'address']) {
        expect(entity[field], field).toBeNull();
        expect(outcomeOf(result, ['entity', field], null), field).toBe('NATURAL_PERSON');
      }
      expect(entity.businessPremises).toMatch(/\S/);
    });
  }

  it('government: the operator in full, capital and residence', async () => {
    const result = await asCaller(GOVERNMENT, QUERY, { uscc: business.uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.legalRepresentative).toBe(operator);
    expect(result.data.entity.address).toMatch(/\S/);
    expect(result.data.entity.registeredCapital).not.toBeNull();
  });

  it('an enterprise is unchanged for the public: its representative in full, its capital and address', async () => {
    const enterprise = firstSubject((s) => s.kind === 'ENTERPRISE');
    const result = await asCaller({ kind: 'ANONYMOUS' }, QUERY, { uscc: enterprise.uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.legalRepresentative).toBe(legalRepresentativeOf(enterprise, inject('demo').seed).name);
    expect(result.data.entity.address).toMatch(/\S/);
  });
});
