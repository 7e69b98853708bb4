import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_GRANTS_CACHE_MS, readGrantsCacheMs } from '../../subgraphs/kit/access/platform/grants-cache.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { market } from '../../subgraphs/market/index.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { requestCounts } from '../support/stats.ts';
import { gatewayHeaders } from '../support/tokens.ts';

const entity = demoSubjects().filter((s) => s.kind === 'ENTERPRISE' && s.establishedOn < '2023-01-01').at(-9)!;
const QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { name market { annualReports { year revenue } } } }`;
const REVOKE = `mutation($uscc: USCC!, $id: ID!) { revokeAuthorisation(uscc: $uscc, id: $id) { status } }`;

describe('grants reused for GRANTS_CACHE_MS (1 s by default)', () => {
  // A market of its own with the default lifetime, so the counts below are this file's alone.
  let department: RunningSubgraph;
  const bank = uniqueOrganisation('CACHED');
  let requests = 0;

  beforeAll(async () => {
    department = await startSubgraph(market, {
      databaseUrl: inject('databaseUrls').market,
      port: 0,
      migrate: false,
      logger: createLogger('test'),
      gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
      platformUrl: inject('subgraphUrls').platform,
    });
  });
  afterAll(async () => department?.stop());

  async function askAsBank() {
    const requestId = `grants-cache-${Date.now()}-${(requests += 1)}`;
    const headers = await gatewayHeaders({ kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' }, 'market', requestId);
    const result = await graphql(QUERY, { uscc: entity.uscc }, { url: department.url, headers: { ...headers, 'x-request-id': requestId } });
    const outcome = outcomeOf(result, ['entity', 'market', 'annualReports', 0, 'revenue'], result.data.entity.market.annualReports[0].revenue);
    return { outcome, lookups: (await requestCounts('market', requestId, department.url)).authorisationLookups };
  }

  it('asks the platform once, then reuses the answer; a revocation takes effect once the lifetime has passed', async () => {
    expect(readGrantsCacheMs({})).toBe(DEFAULT_GRANTS_CACHE_MS);
    expect(DEFAULT_GRANTS_CACHE_MS).toBeLessThanOrEqual(1000);
    const id = await grant(entity.uscc, { organisation: bank, domains: ['MARKET'], purposes: ['LOAN_APPROVAL'] });

    expect(await askAsBank()).toEqual({ outcome: 'RELEASED', lookups: 1 });
    expect(await askAsBank()).toEqual({ outcome: 'RELEASED', lookups: 0 });

    const revoked = await asCaller({ kind: 'SUBJECT', uscc: entity.uscc }, REVOKE, { uscc: entity.uscc, id });
    expect(revoked.data.revokeAuthorisation.status).toBe('REVOKED');
    // The answer kept was asked for before the revocation, so it is gone one lifetime after it at the latest.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_GRANTS_CACHE_MS));
    expect(await askAsBank()).toEqual({ outcome: 'REVOKED', lookups: 1 });
  });

  it('is read from GRANTS_CACHE_MS, 0 turning it off, with a message naming the variable otherwise', () => {
    expect(readGrantsCacheMs({ GRANTS_CACHE_MS: '0' })).toBe(0);
    expect(readGrantsCacheMs({ GRANTS_CACHE_MS: '250' })).toBe(250);
    expect(() => readGrantsCacheMs({ GRANTS_CACHE_MS: '1s' })).toThrow(/GRANTS_CACHE_MS must be a whole number of milliseconds/);
    expect(() => readGrantsCacheMs({ GRANTS_CACHE_MS: '3600000' })).toThrow(/GRANTS_CACHE_MS/);
  });
});
