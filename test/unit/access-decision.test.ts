import { describe, expect, it } from 'vitest';
import { decideAuthorisation, isLiveAuthorisation, type Grant } from '../../subgraphs/kit/access/authorisation-decision.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { createAuthorisationLookup } from '../../subgraphs/kit/access/platform/authorisation-client.ts';
import { Releases } from '../../subgraphs/kit/access/releases.ts';
import { usccsNamedIn } from '../../subgraphs/kit/access/request-access.ts';

const ENTITY = '91350100M000100Y43';
const OTHER_ENTITY = '91220582914376944R';
const NOW = new Date('2026-11-22T04:00:00Z');

function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'platform.authorisation.1',
    uscc: ENTITY,
    organisation: 'BANK-001',
    domains: ['MARKET', 'TAX'],
    purposes: ['LOAN_APPROVAL'],
    validUntil: '2027-01-31',
    revokedAt: null,
    grantedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const ask = { uscc: ENTITY, organisation: 'BANK-001', purpose: 'LOAN_APPROVAL' as const, domain: 'MARKET', now: NOW };

describe('deciding an institution’s access to AUTHORISED data', () => {
  it('allows under a live grant covering the entity, organisation, purpose and domain', () => {
    expect(decideAuthorisation([grant()], ask)).toMatchObject({ allowed: true });
  });

  it('denies with NO_AUTHORISATION when the organisation holds no grant from the entity', () => {
    expect(decideAuthorisation([], ask)).toMatchObject({ allowed: false, reason: 'NO_AUTHORISATION' });
    // Another organisation's grant, or one from another entity, is no grant at all.
    expect(decideAuthorisation([grant({ organisation: 'BANK-002' })], ask)).toMatchObject({ reason: 'NO_AUTHORISATION' });
    expect(decideAuthorisation([grant({ uscc: OTHER_ENTITY })], ask)).toMatchObject({ reason: 'NO_AUTHORISATION' });
  });

  it('denies with PURPOSE when the grant covers the domain for other purposes only', () => {
    const decision = decideAuthorisation([grant({ purposes: ['GUARANTEE_REVIEW'] })], ask);
    expect(decision).toMatchObject({ allowed: false, reason: 'PURPOSE' });
    if (!decision.allowed) expect(decision.message).toContain('GUARANTEE_REVIEW only');
  });

  it('denies with PURPOSE, saying how to declare one, when the institution declared none', () => {
    const decision = decideAuthorisation([grant()], { ...ask, purpose: null });
    expect(decision).toMatchObject({ allowed: false, reason: 'PURPOSE' });
    if (!decision.allowed) expect(decision.message).toContain('X-Credit-Purpose');
  });

  it('denies with DOMAIN when the grant covers other domains only', () => {
    expect(decideAuthorisation([grant({ domains: ['TAX'] })], ask)).toMatchObject({ allowed: false, reason: 'DOMAIN' });
  });

  it('denies with EXPIRED once the last day has passed in China Standard Time', () => {
    const lastDay = grant({ validUntil: '2026-11-22' });
    // 23:59 in Beijing on the last day: still live; one minute later: expired.
    expect(decideAuthorisation([lastDay], { ...ask, now: new Date('2026-11-22T15:59:00Z') })).toMatchObject({ allowed: true });
    expect(decideAuthorisation([lastDay], { ...ask, now: new Date('2026-11-22T16:00:00Z') })).toMatchObject({ reason: 'EXPIRED' });
  });

  it('denies with REVOKED when the covering grant was revoked', () => {
    const decision = decideAuthorisation([grant({ revokedAt: '2026-11-20T08:00:00.000Z' })], ask);
    expect(decision).toMatchObject({ allowed: false, reason: 'REVOKED' });
    if (!decision.allowed) expect(decision.message).toContain('2026-11-20');
  });

  it('prefers the most specific reason and lets any live covering grant through', () => {
    const expired = grant({ id: 'a', validUntil: '2026-01-31', grantedAt: '2025-01-01T00:00:00.000Z' });
    const otherPurpose = grant({ id: 'b', purposes: ['CREDIT_REPORT'] });
    const otherDomain = grant({ id: 'c', domains: ['COURTS'] });
    expect(decideAuthorisation([otherDomain, otherPurpose, expired], ask)).toMatchObject({ reason: 'EXPIRED' });
    expect(decideAuthorisation([otherDomain, otherPurpose], ask)).toMatchObject({ reason: 'PURPOSE' });
    expect(decideAuthorisation([expired, grant({ id: 'd' })], ask)).toMatchObject({ allowed: true });
    // Renewed, then the renewal revoked: the newest covering grant says what happened last.
    const revokedRenewal = grant({ id: 'e', grantedAt: '2026-06-01T00:00:00.000Z', revokedAt: '2026-11-01T00:00:00.000Z' });
    expect(decideAuthorisation([expired, revokedRenewal], ask)).toMatchObject({ reason: 'REVOKED' });
  });

  it('judges liveness by the day in Beijing', () => {
    expect(chinaToday(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(isLiveAuthorisation({ validUntil: '2026-11-22', revokedAt: null }, new Date('2026-11-22T10:00:00Z'))).toBe(true);
    expect(isLiveAuthorisation({ validUntil: '2027-11-22', revokedAt: '2026-11-01T00:00:00Z' }, NOW)).toBe(false);
  });
});

describe('the grants lookup of one request', () => {
  it('asks once for every entity the request named up front, however many depths meet them', async () => {
    const calls: string[][] = [];
    const lookup = createAuthorisationLookup(async (usccs) => {
      calls.push([...usccs]);
      await new Promise((r) => setTimeout(r, 10));
      return usccs.map((uscc) => grant({ uscc }));
    }, [ENTITY, OTHER_ENTITY]);
    const first = lookup.grantsOf(ENTITY);
    await new Promise((r) => setTimeout(r, 1)); // a deeper field, met while the first call is in flight
    const second = lookup.grantsOf(OTHER_ENTITY);
    expect((await first)[0].uscc).toBe(ENTITY);
    expect((await second)[0].uscc).toBe(OTHER_ENTITY);
    expect(await lookup.grantsOf(OTHER_ENTITY)).toHaveLength(1);
    expect(calls).toEqual([[ENTITY, OTHER_ENTITY]]);
  });

  it('batches entities met in one tick when nothing was named up front', async () => {
    const calls: string[][] = [];
    const lookup = createAuthorisationLookup(async (usccs) => {
      calls.push([...usccs]);
      return [];
    });
    await Promise.all([lookup.grantsOf(ENTITY), lookup.grantsOf(OTHER_ENTITY), lookup.grantsOf(ENTITY)]);
    expect(calls).toEqual([[ENTITY, OTHER_ENTITY]]);
  });

  it('fails closed: a platform failure rejects the lookup (and leaves no unhandled rejection)', async () => {
    const lookup = createAuthorisationLookup(async () => {
      throw new Error('platform down');
    }, [ENTITY, OTHER_ENTITY]);
    await expect(lookup.grantsOf(ENTITY)).rejects.toThrow('platform down');
  });
});

describe('what a request released', () => {
  it('groups fields per entity and takes out only the outermost released paths', () => {
    const releases = new Releases();
    releases.record(ENTITY, 'TaxRecords.ratings', ['_entities', 0, 'tax', 'ratings']);
    releases.record(ENTITY, 'TaxRating.grade', ['_entities', 0, 'tax', 'ratings', 0, 'grade']);
    releases.record(OTHER_ENTITY, 'AnnualReport.revenue', ['_entities', 1, 'market', 'annualReports', 0, 'revenue']);
    releases.record(undefined, 'Query.accessLog', ['accessLog']);
    expect(releases.byEntity()).toEqual([
      { uscc: ENTITY, fields: ['TaxRating.grade', 'TaxRecords.ratings'] },
      { uscc: OTHER_ENTITY, fields: ['AnnualReport.revenue'] },
    ]);
    expect(releases.outermostPaths()).toEqual([
      ['_entities', 0, 'tax', 'ratings'],
      ['_entities', 1, 'market', 'annualReports', 0, 'revenue'],
      ['accessLog'],
    ]);
  });

  it('reads the entities a request names from its variables', () => {
    const body = {
      variables: {
        representations: [{ __typename: 'Entity', uscc: ENTITY }, { __typename: 'Entity', uscc: 'not-a-code' }],
        usccs: [OTHER_ENTITY],
        first: 20,
      },
    };
    expect(usccsNamedIn(body).sort()).toEqual([ENTITY, OTHER_ENTITY].sort());
    expect(usccsNamedIn(undefined)).toEqual([]);
  });
});
