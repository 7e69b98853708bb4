import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { subgraphNamed } from '../../subgraphs/registry.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { startOwnGateway } from '../support/own-gateway.ts';

// What the edge answers when a request asks for too much or something behind it is missing: a 4xx or
// a named department, never a 500, and a refused body never left to be read as the next request.

const codes = demoSubjects().slice(0, 100).map((s) => s.uscc);
const PROFILE = 'query($codes: [USCC!]!) { entities(usccs: $codes) { uscc name businessScope market { penalties { decisionNumber facts basis } } } }';

describe('response and subgraph-data caps', () => {
  let small: RunningGateway;
  let starved: RunningGateway;
  beforeAll(async () => {
    small = await startOwnGateway({ maxResponseBytes: 4096 });
    starved = await startOwnGateway({ maxSubgraphBytes: 4096 });
  });
  afterAll(async () => {
    await small?.stop();
    await starved?.stop();
  });

  it('refuses an answer over the response limit with RESPONSE_TOO_LARGE, and answers a small one', async () => {
    const big = await graphql(PROFILE, { codes }, { url: small.url });
    expect(big.status).toBe(400);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: 4096 });
    const one = await graphql(PROFILE, { codes: codes.slice(0, 1) }, { url: small.url });
    expect(one.status).toBe(200);
    expect(one.data.entities[0].uscc).toBe(codes[0]);
  });

  it('stops buffering departments’ answers past the per-request budget', async () => {
    const big = await graphql(PROFILE, { codes }, { url: starved.url });
    expect(big.errors?.some((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE')).toBe(true);
    expect(big.status).toBeLessThan(500);
    const one = await graphql('query($codes: [USCC!]!) { entities(usccs: $codes) { uscc } }', { codes: codes.slice(0, 1) }, { url: starved.url });
    expect(one.errors).toBeUndefined();
  });
});

describe('a body over the limit', () => {
  it('is refused with 413 and its connection closed, so nothing of it is read as a next request', async () => {
    const { hostname, port } = new URL(inject('gatewayUrl'));
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      const length = 2 * 1024 * 1024;
      socket.write(`POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\nconnection: keep-alive\r\n\r\n`);
      // Only the head: a real client waits for an early answer before sending megabytes.
      setTimeout(() => socket.destroy(), 10_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
  });
});

describe('a department whose database cannot be reached', () => {
  let tax: RunningSubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    // The tax subgraph as configured, but its database on a port where nothing listens.
    tax = await startSubgraph(subgraphNamed('tax'), { databaseUrl: 'mysql://credit:none@127.0.0.1:9/credit_tax', port: 0, migrate: false, logger: createLogger('test') });
    gateway = await startOwnGateway({ subgraphUrls: { ...inject('subgraphUrls'), tax: tax.url } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await tax?.stop();
  });

  it('answers DEPARTMENT_UNAVAILABLE naming it, and the other departments still answer', async () => {
    const result = await graphql('query($uscc: USCC!) { entity(uscc: $uscc) { name tax { aGradeYears } } }', { uscc: codes[0] }, { url: gateway.url });
    expect(result.status).toBe(200);
    expect(result.data.entity.name).toEqual(expect.any(String));
    const error = result.errors?.find((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE');
    expect(error?.extensions).toMatchObject({ department: 'tax' });
    expect(error?.message).toContain('tax');
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\.ts:/);
  });
});
