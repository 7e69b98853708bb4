import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';

// The departments that add one field each to the profile; market owns the entity itself.
const DEPARTMENTS = ['tax', 'courts', 'environment'].filter((name) => SUBGRAPHS.some((s) => s.name === name));
const TIMEOUT_MS = 800;

/** A port on which nothing listens: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Accepts connections and never answers: a department that hangs. */
async function hangingServer(): Promise<{ url: string; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, server, sockets };
}

function profileQuery(): string {
  return `query($uscc: USCC!) { entity(uscc: $uscc) { uscc name ${DEPARTMENTS.map((d) => `${d} { __typename }`).join(' ')} } }`;
}

describe.each(DEPARTMENTS)('the %s department out of service', (department) => {
  const gateways: RunningGateway[] = [];
  let hanging: Awaited<ReturnType<typeof hangingServer>>;

  beforeAll(async () => {
    hanging = await hangingServer();
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    for (const socket of hanging.sockets) socket.destroy();
    hanging.server.close();
  });

  async function gatewayWith(url: string): Promise<RunningGateway> {
    const gateway = await startGateway(
      { ...readGatewayOptions({}), port: 0, subgraphTimeoutMs: TIMEOUT_MS, subgraphUrls: { ...inject('subgraphUrls'), [department]: url } },
      createLogger('test'),
    );
    gateways.push(gateway);
    return gateway;
  }

  async function expectPartialProfile(gateway: RunningGateway, reason: RegExp): Promise<void> {
    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    const started = Date.now();
    const result = await graphql(profileQuery(), { uscc: subject.uscc }, { url: gateway.url });
    const elapsed = Date.now() - started;

    expect(result.data.entity.uscc).toBe(subject.uscc);
    expect(result.data.entity.name).toEqual(expect.any(String));
    expect(result.data.entity[department]).toBeNull();
    for (const other of DEPARTMENTS.filter((d) => d !== department)) expect(result.data.entity[other]).not.toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department });
    expect(result.errors![0].message).toMatch(reason);
    // Cut off at the deadline, not left waiting on the department (generous bound for a busy machine).
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 4000);
  }

  it('still answers the profile when the department is stopped, naming it', async () => {
    const gateway = await gatewayWith(`http://127.0.0.1:${await closedPort()}/graphql`);
    await expectPartialProfile(gateway, new RegExp(`^The ${department} department could not be reached`));
  });

  it('cuts off a department that hangs after the timeout', async () => {
    const gateway = await gatewayWith(hanging.url);
    await expectPartialProfile(gateway, new RegExp(`^The ${department} department did not answer within ${TIMEOUT_MS} ms`));
  });
});

describe('the department-outage checks', () => {
  it('cover at least one department besides market', () => {
    expect(DEPARTMENTS.length).toBeGreaterThan(0);
  });
});
