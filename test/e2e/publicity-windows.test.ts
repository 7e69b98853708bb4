import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays, addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { defaultLifecycleOptions } from '../../subgraphs/kit/disclosure/lifecycle-options.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { parsePublicityPeriods } from '../../subgraphs/kit/disclosure/publicity-window.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { environmentalPenalties as envPenalties } from '../../subgraphs/environment/db/tables.ts';
import { market } from '../../subgraphs/market/index.ts';
import { asCaller, grant, uniqueOrganisation } from '../support/access.ts';
import { graphql } from '../support/graphql.ts';
import { createTestEntity, environmentalPenalty, insertRecords, marketPenalty } from '../support/records.ts';
import { GOVERNMENT, type TestCaller } from '../support/tokens.ts';

// Publicity windows (公示期): a penalty is PUBLIC from its decision to the last day of the period its
// severity sets (default minor 3 months, general 1 year, serious 3 years), then only government sees it,
// marked expired. One entity of this suite's own, with a penalty on each side of each boundary.

const today = chinaToday();
/** Decided exactly `months` ago: today is its last public day. */
const lastDayToday = (months: number) => addMonths(today, -months);
/** Decided a day earlier: its last public day was yesterday. */
const endedYesterday = (months: number) => addDays(addMonths(today, -months), -1);

const CASES = [
  { severity: 'MINOR', decidedOn: lastDayToday(3), public: true },
  { severity: 'MINOR', decidedOn: endedYesterday(3), public: false },
  { severity: 'GENERAL', decidedOn: lastDayToday(12), public: true },
  { severity: 'GENERAL', decidedOn: endedYesterday(12), public: false },
  { severity: 'SERIOUS', decidedOn: lastDayToday(36), public: true },
  { severity: 'SERIOUS', decidedOn: endedYesterday(36), public: false },
] as const;

const QUERY = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      market { penalties { id severity decidedOn publicityEndsOn expired disputed } }
      environment { penalties { id severity decidedOn publicityEndsOn expired } }
    }
  }
`;
const GOVERNMENT_QUERY = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      market { penalties { id severity decidedOn publicityEndsOn expired lifecycle { recordId state since } } }
      environment { penalties { id expired lifecycle { state since } } }
    }
  }
`;

describe('publicity windows: a penalty is public from its decision to the end of its period, by severity', () => {
  let uscc: string;
  let ids: string[];
  let environmentIds: string[];
  const bank = uniqueOrganisation('WINDOWS');

  beforeAll(async () => {
    uscc = await createTestEntity('公示期');
    ids = await insertRecords('market', 'penalty', penalties, CASES.map((c) => marketPenalty(uscc, c.decidedOn, { severity: c.severity })));
    environmentIds = await insertRecords('environment', 'penalty', envPenalties, [
      environmentalPenalty(uscc, lastDayToday(12), { severity: 'GENERAL' }),
      environmentalPenalty(uscc, endedYesterday(3), { severity: 'MINOR' }),
    ]);
    await grant(uscc, { organisation: bank, domains: ['MARKET', 'ENVIRONMENT'], purposes: ['LOAN_APPROVAL'] });
  });

  const outsiders: [string, () => TestCaller][] = [
    ['an anonymous caller', () => ({ kind: 'ANONYMOUS' })],
    ['a bank the entity has authorised', () => ({ kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' })],
    ['the entity itself', () => ({ kind: 'SUBJECT', uscc })],
  ];

  it.each(outsiders)('shows %s only the penalties inside their window, none marked expired', async (_label, caller) => {
    const result = await asCaller(caller(), QUERY, { uscc });
    expect(result.errors).toBeUndefined();
    const { market, environment } = result.data.entity;
    const inside = CASES.flatMap((c, i) => (c.public ? [ids[i]] : []));
    expect(market.penalties.map((p: { id: string }) => p.id).sort()).toEqual(inside.sort());
    for (const penalty of market.penalties) {
      expect(penalty.expired).toBe(false);
      // The corresponding day of the end month is the last public day (民法典第二百零二条).
      const months = { MINOR: 3, GENERAL: 12, SERIOUS: 36 }[penalty.severity as 'MINOR'];
      expect(penalty.publicityEndsOn).toBe(addMonths(penalty.decidedOn, months));
      expect(penalty.publicityEndsOn >= today).toBe(true);
    }
    expect(environment.penalties.map((p: { id: string }) => p.id)).toEqual([environmentIds[0]]);
  });

  it('shows government every penalty, the expired ones marked with the day they left public view', async () => {
    const result = await asCaller(GOVERNMENT, GOVERNMENT_QUERY, { uscc });
    expect(result.errors).toBeUndefined();
    const byId = new Map(result.data.entity.market.penalties.map((p: { id: string }) => [p.id, p]));
    expect(byId.size).toBe(CASES.length);
    CASES.forEach((c, i) => {
      const penalty = byId.get(ids[i]) as { expired: boolean; publicityEndsOn: string; lifecycle: { recordId: string; state: string; since: string | null } };
      expect(penalty.expired, `${c.severity} decided ${c.decidedOn}`).toBe(!c.public);
      expect(penalty.lifecycle).toEqual({
        recordId: ids[i],
        state: c.public ? 'IN_FORCE' : 'EXPIRED',
        since: c.public ? null : addDays(penalty.publicityEndsOn, 1),
      });
      if (!c.public) expect(penalty.lifecycle.since).toBe(today);
    });
    expect(result.data.entity.environment.penalties).toEqual(
      expect.arrayContaining([
        { id: environmentIds[0], expired: false, lifecycle: { state: 'IN_FORCE', since: null } },
        { id: environmentIds[1], expired: true, lifecycle: { state: 'EXPIRED', since: today } },
      ]),
    );
  });

  it('keeps the lifecycle itself from everyone but government', async () => {
    const result = await asCaller({ kind: 'SUBJECT', uscc }, `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { id lifecycle { state } } } } }`, { uscc });
    expect(result.data.entity.market.penalties.length).toBe(3);
    for (const penalty of result.data.entity.market.penalties) expect(penalty.lifecycle).toBeNull();
    expect(new Set(result.errors?.map((e) => `${e.extensions?.code} ${e.extensions?.reason}`))).toEqual(new Set(['FORBIDDEN LEVEL']));
  });

  describe('with other periods configured at start (PUBLICITY_PERIODS)', () => {
    let running: RunningSubgraph;
    beforeAll(async () => {
      running = await startSubgraph(market, {
        databaseUrl: inject('databaseUrls').market,
        port: 0,
        migrate: false,
        logger: createLogger('test'),
        gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
        lifecycle: { ...defaultLifecycleOptions(), publicityPeriods: parsePublicityPeriods('MINOR:6m,SERIOUS:2y') },
      });
    });
    afterAll(() => running?.stop());

    it('opens and closes the windows by the periods configured', async () => {
      // Straight to this market subgraph, anonymous: PUBLIC data only, by its own configuration.
      const result = await graphql(`query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { id publicityEndsOn } } } }`, { uscc }, { url: running.url });
      expect(result.errors).toBeUndefined();
      const shown = result.data.entity.market.penalties.map((p: { id: string }) => p.id).sort();
      // Minor: 6 months now, so both minor ones are inside; general: 1 year as before; serious: 2 years, so neither.
      expect(shown).toEqual([ids[0], ids[1], ids[2]].sort());
    });
  });
});
