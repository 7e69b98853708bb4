import { describe, expect, it } from 'vitest';
import { registrationNumberCheckDigit } from '../../subgraphs/kit/identifiers/legacy-identifier.ts';
import { makeUscc, usccCheckCharacter } from '../../subgraphs/kit/identifiers/uscc.ts';
import { demoSubjects, firstSubject } from '../support/demo.ts';
import { graphql, sqlStatements, type GraphQLResult } from '../support/graphql.ts';
import { governmentHeaders } from '../support/tokens.ts';

const PROFILE = /* GraphQL */ `
  fragment Profile on Entity {
    uscc name entityType legalRepresentative registeredCapital registeredCapitalCurrency establishedOn
    registeringAuthority regionCode regionName address businessScope status statusChangedOn
    formerIdentifiers { kind value }
    market {
      licences { id sourceDepartment sourceId licenceNumber title category authority decidedOn publishedOn validFrom validTo }
      penalties { id sourceDepartment sourceId decisionNumber violationType basis penaltyTypes fineAmount severity decidedOn publishedOn }
      abnormalOperations { id sourceId reason listedOn removedOn removalReason current }
      seriousViolations { id sourceId reason listedOn removedOn current }
      annualReports { id sourceId year submittedOn publishedOn }
      inspections { id sourceId taskName inspectedOn result publishedOn }
    }
  }
`;

describe('an entity profile from market supervision, through the gateway', () => {
  it('returns the registration and records of an entity by its unified code', async () => {
    const subject = firstSubject((s) => s.risk === 'SERIOUS' && s.kind === 'ENTERPRISE');
    // As government: a demo penalty may be past its publicity period by now, out of everyone else's view.
    const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { ...Profile } } ${PROFILE}`, { uscc: subject.uscc }, { headers: await governmentHeaders() });

    expect(result.errors).toBeUndefined();
    const entity = result.data.entity;
    expect(entity.uscc).toBe(subject.uscc);
    expect(entity.entityType).toBe('ENTERPRISE');
    expect(entity.regionCode).toBe(subject.divisionCode);
    expect(entity.regionName).toMatch(/^(辽宁省|河南省|吉林省|贵州省)/);
    expect(entity.establishedOn).toBe(subject.establishedOn);
    expect(entity.formerIdentifiers).toContainEqual({ kind: 'ORGANISATION_CODE', value: subject.uscc.slice(8, 17) });
    expect(entity.market.seriousViolations.length).toBeGreaterThan(0);
    expect(entity.market.penalties.length).toBeGreaterThan(0);
    for (const penalty of entity.market.penalties) {
      expect(penalty.id).toMatch(/^market\.penalty\.\d+$/);
      expect(penalty.sourceDepartment).toMatch(/市场监督管理局$/);
      expect(penalty.decidedOn <= penalty.publishedOn).toBe(true);
    }
  });

  it('finds a profile by its organisation code, with or without the hyphen', async () => {
    const subject = demoSubjects()[3];
    const code = subject.uscc.slice(8, 17);
    for (const id of [code, `${code.slice(0, 8)}-${code.slice(8)}`]) {
      const result = await graphql('query($id: String!) { entityByLegacyId(id: $id) { uscc } }', { id });
      expect(result.errors).toBeUndefined();
      expect(result.data.entityByLegacyId).toEqual({ uscc: subject.uscc });
    }
  });

  it('finds a profile by its business registration number', async () => {
    const subject = firstSubject((s) => s.authority === '9' && s.establishedOn < '2015-10-01');
    const first14 = `${subject.divisionCode}${String(subject.index).padStart(8, '0')}`;
    const result = await graphql('query($id: String!) { entityByLegacyId(id: $id) { uscc formerIdentifiers { kind value } } }', {
      id: `${first14}${registrationNumberCheckDigit(first14)}`,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.entityByLegacyId.uscc).toBe(subject.uscc);
    expect(result.data.entityByLegacyId.formerIdentifiers.map((i: { kind: string }) => i.kind)).toContain('REGISTRATION_NUMBER');
  });

  it('rejects a malformed legacy id with a clear error', async () => {
    const result = await graphql('{ entityByLegacyId(id: "12345") { uscc } }');
    expect(result.data?.entityByLegacyId ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/organisation code .* registration number/);
  });

  it('answers an unknown but valid code with null and no error', async () => {
    const uscc = makeUscc('9', '1', '210603', 'MA0000A1');
    const result = await graphql('query($uscc: USCC!) { entity(uscc: $uscc) { name } }', { uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ entity: null });
  });
});

describe('a malformed unified code', () => {
  it('is rejected with the problem named, before any SQL runs', async () => {
    const result = await graphql('{ entity(uscc: "91350100M000100Y44") { name } }');
    // A literal is checked while the gateway validates the document, so no subgraph is even asked.
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toContain('USCC 91350100M000100Y44: check character should be 3');
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await sqlStatements('market', result.requestId)).toBe(0);
  });

  it('is rejected the same way when passed as a variable', async () => {
    const result = await graphql('query($uscc: USCC!) { entity(uscc: $uscc) { name } }', { uscc: '9135010' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('USCC 9135010: must be 18 characters, got 7');
    expect(await sqlStatements('market', result.requestId)).toBe(0);
  });

  it('the valid example of the standard passes validation', async () => {
    const result = await graphql('{ entity(uscc: "91350100M000100Y43") { name } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ entity: null });
  });
});

describe('batching: many entities cost what one costs', () => {
  it('runs the same number of SQL statements for 100 entities as for 1', async () => {
    const subjects = demoSubjects().slice(0, 100);
    const query = `query($usccs: [USCC!]!) { entities(usccs: $usccs) { ...Profile } } ${PROFILE}`;

    const one = await graphql(query, { usccs: [subjects[0].uscc] });
    const hundred = await graphql(query, { usccs: subjects.map((s) => s.uscc) });

    expect(one.errors).toBeUndefined();
    // An individual business's capital and residence are withheld from the public (natural-persons.ts).
    const withheld = (hundred.errors ?? []).map((e) => `${e.extensions?.code}:${e.extensions?.reason}:${e.path?.at(-1)}`);
    for (const reason of withheld) expect(reason).toMatch(/^FORBIDDEN:NATURAL_PERSON:(registeredCapital|registeredCapitalCurrency|address)$/);
    expect(hundred.data.entities.map((e: { uscc: string }) => e.uscc)).toEqual(subjects.map((s) => s.uscc));
    const countForOne = await sqlStatements('market', one.requestId);
    expect(countForOne).toBeGreaterThan(0);
    expect(await sqlStatements('market', hundred.requestId)).toBe(countForOne);
  });

  it('keeps the order asked and answers null for unknown codes', async () => {
    const [a, b] = demoSubjects();
    const unknown = makeUscc('9', '1', '210603', 'MA0000A1');
    const result = await graphql('query($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc } }', { usccs: [b.uscc, unknown, a.uscc] });
    expect(result.data.entities).toEqual([{ uscc: b.uscc }, null, { uscc: a.uscc }]);
  });

  it('refuses more than 100 codes in one query', async () => {
    const usccs = demoSubjects().slice(0, 101).map((s) => s.uscc);
    const result = await graphql('query($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc } }', { usccs });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('at most 100');
  });
});

describe('name search', () => {
  const SEARCH = /* GraphQL */ `
    query($prefix: String, $region: String, $first: Int, $after: String) {
      searchEntities(namePrefix: $prefix, region: $region, first: $first, after: $after) {
        edges { cursor node { uscc name regionCode } }
        pageInfo { hasNextPage endCursor }
      }
    }
  `;

  async function allPages(variables: Record<string, unknown>): Promise<{ uscc: string; name: string; regionCode: string }[]> {
    const seen: { uscc: string; name: string; regionCode: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const result: GraphQLResult = await graphql(SEARCH, { ...variables, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo }: { edges: { node: { uscc: string; name: string; regionCode: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        result.data.searchEntities;
      seen.push(...edges.map((e) => e.node));
      if (!pageInfo.hasNextPage) return seen;
      after = pageInfo.endCursor;
    }
    throw new Error('search did not end');
  }

  it('pages through a region with no gaps and no repeats', async () => {
    const region = '210600';
    const expected = demoSubjects().filter((s) => s.divisionCode.startsWith('2106')).map((s) => s.uscc);
    const found = await allPages({ region, first: 7 });

    expect(found.map((e) => e.uscc).sort()).toEqual([...expected].sort());
    expect(new Set(found.map((e) => e.uscc)).size).toBe(found.length);
    const names = found.map((e) => `${e.name}\u0000${e.uscc}`);
    expect(names).toEqual([...names].sort());
  });

  it('matches names by prefix', async () => {
    const subject = demoSubjects()[10];
    const first = await graphql('query($uscc: USCC!) { entity(uscc: $uscc) { name } }', { uscc: subject.uscc });
    const prefix = [...first.data.entity.name].slice(0, 2).join('');
    const found = await allPages({ prefix, first: 50 });
    expect(found.map((e) => e.uscc)).toContain(subject.uscc);
    for (const entity of found) expect(entity.name.startsWith(prefix)).toBe(true);
  });

  it('rejects a bad region, page size or cursor clearly', async () => {
    const badRegion = await graphql(SEARCH, { region: 'Dandong' });
    expect(badRegion.errors?.[0].message).toContain('6-digit administrative division code');
    const badSize = await graphql(SEARCH, { first: 1000 });
    expect(badSize.errors?.[0].message).toContain('first must be between 1 and 100');
    const badCursor = await graphql(SEARCH, { after: 'not-a-cursor' });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the USCC check character helper used by these tests', () => {
  it('agrees with the standard example', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});
