import { createServer } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { makeUscc } from '../../subgraphs/kit/identifiers/uscc.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';

const PROFILE = `query($uscc: USCC!) {
  entity(uscc: $uscc) { uscc name status tax { aGradeYears } courts { __typename } environment { __typename } }
}`;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('market supervision out of service', () => {
  let gateway: RunningGateway;
  afterAll(() => gateway?.stop());

  it("still answers the other departments' records for a valid USCC, market's fields null and the outage named", async () => {
    gateway = await startGateway(
      { ...readGatewayOptions({}), port: 0, subgraphTimeoutMs: 2000, subgraphUrls: { ...inject('subgraphUrls'), market: `http://127.0.0.1:${await closedPort()}/graphql` } },
      createLogger('test'),
    );
    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    const result = await graphql(PROFILE, { uscc: subject.uscc }, { url: gateway.url });

    expect(result.data.entity).toMatchObject({ uscc: subject.uscc, name: null, status: null });
    for (const department of ['tax', 'courts', 'environment']) expect(result.data.entity[department], department).not.toBeNull();
    expect(result.data.entity.tax.aGradeYears).toEqual(expect.any(Array));
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'market' });
  });

  it('while with market up an unknown valid USCC is still null, with no error', async () => {
    const unknown = makeUscc('9', '1', '210603', 'MA0000B2');
    const result = await graphql(PROFILE, { uscc: unknown });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity).toBeNull();
  });
});
