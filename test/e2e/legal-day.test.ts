import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dischargePermits } from '../../subgraphs/environment/db/tables.ts';
import { environment } from '../../subgraphs/environment/index.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { graphql } from '../support/graphql.ts';
import { dischargePermit, insertRecords, testUscc } from '../support/records.ts';

// The environment department served at a chosen hour: a permit valid to 1 March reads EXPIRED from
// 00:00 on 2 March Beijing time (16:00 UTC on 1 March), not from 08:00 when the UTC date turns.
// Permit status is PUBLIC, so an anonymous request straight to the department shows it.

const PERMITS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Entity { environment { dischargePermits { id validTo status } } } }
}`;

const servedAt = (instant: string) => async (): Promise<RunningSubgraph> =>
  startSubgraph(environment, {
    databaseUrl: inject('databaseUrls').environment,
    port: 0,
    migrate: false,
    logger: createLogger('environment-at-a-chosen-hour'),
    clock: () => new Date(instant),
  });

describe('a permit’s expiry, counted in China’s legal day', () => {
  const uscc = testUscc();
  const running: RunningSubgraph[] = [];
  let permitId: string;

  beforeAll(async () => {
    [permitId] = await insertRecords('environment', 'discharge-permit', dischargePermits, [
      dischargePermit(uscc, '2025-03-02', { validTo: '2026-03-01', status: 'VALID' }),
    ]);
  });

  afterAll(async () => {
    for (const server of running) await server.stop();
  });

  async function statusAt(instant: string): Promise<string> {
    const server = await servedAt(instant)();
    running.push(server);
    const result = await graphql(PERMITS, { representations: [{ __typename: 'Entity', uscc }] }, { url: server.url });
    expect(result.errors).toBeUndefined();
    const [permit] = result.data._entities[0].environment.dischargePermits;
    expect(permit).toMatchObject({ id: permitId, validTo: '2026-03-01' });
    return permit.status;
  }

  it('is EXPIRED at 00:30 Beijing time on the day after validTo', async () => {
    expect(await statusAt('2026-03-01T16:30:00Z')).toBe('EXPIRED');
  });

  it('is VALID at 23:30 Beijing time on validTo itself', async () => {
    expect(await statusAt('2026-03-01T15:30:00Z')).toBe('VALID');
  });
});
