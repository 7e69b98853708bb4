import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS } from '../../subgraphs/kit/limits/operation-limits.ts';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { startOwnGateway } from '../support/own-gateway.ts';
import { governmentHeaders } from '../support/tokens.ts';

// Every operation is measured before it is planned, at the gateway and at each department, and one
// over a limit is refused with OPERATION_TOO_COMPLEX naming the limit and its value; what fits answers.

const codes = demoSubjects().slice(0, 100).map((s) => s.uscc);
const one = codes[0];

function expectRefused(result: GraphQLResult, limit: string): void {
  expect(result.status).toBe(400);
  expect(result.data).toBeUndefined();
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit, max: expect.any(Number) });
  expect(result.errors?.[0].message).toMatch(/over the limit of \d+/);
}

const nested = (levels: number) => `{ ${'... on Query { '.repeat(levels)}__typename${' }'.repeat(levels)} }`;
const aliased = (n: number, field = 'entities(usccs: $codes) { name }') => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
/** The largest alias request under the 1 MiB body limit: thousands of aliases of one selection. */
function largestAliasRequest(field: string, variables: Record<string, unknown>, signature: string): string {
  const per = `a00000: ${field} `.length;
  const query = `query(${signature}) { ${aliased(Math.floor((1024 * 1024 - 8 * 1024) / per), field)} }`;
  return JSON.stringify({ query, variables });
}

describe('operation limits at the gateway', () => {
  it('answers a normal profile query', async () => {
    const result = await graphql('query($codes: [USCC!]!) { entities(usccs: $codes) { uscc name market { penalties { decisionNumber } } } }', { codes });
    expect(result.status).toBe(200);
    expect(result.data.entities).toHaveLength(100);
  });

  it('refuses depth: deeply nested inline fragments', async () => {
    expectRefused(await graphql(nested(DEFAULT_OPERATION_LIMITS.depth + 1)), 'depth');
    expect((await graphql(nested(DEFAULT_OPERATION_LIMITS.depth - 1))).data).toEqual({ __typename: 'Query' });
  });

  it('refuses 1,500 nested inline fragments (a stack overflow in the planner) as a client mistake', async () => {
    const result = await graphql(nested(1500));
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('OPERATION_TOO_COMPLEX');
  });

  it('refuses aliases', async () => {
    const result = await graphql(`query($codes: [USCC!]!) { ${aliased(DEFAULT_OPERATION_LIMITS.aliases + 1)} }`, { codes: [one] });
    expectRefused(result, 'aliases');
    expect(result.errors?.[0].extensions).toMatchObject({ max: DEFAULT_OPERATION_LIMITS.aliases, found: DEFAULT_OPERATION_LIMITS.aliases + 1 });
  });

  it('refuses tokens, stopping the parse', async () => {
    const result = await graphql(`{ ${'__typename '.repeat(DEFAULT_OPERATION_LIMITS.tokens + 10)} }`);
    expectRefused(result, 'tokens');
  });

  it('refuses directives', async () => {
    expectRefused(await graphql(`{ __typename ${'@include(if: true) '.repeat(DEFAULT_OPERATION_LIMITS.directives + 1)} }`), 'directives');
  });

  it('refuses root fields', async () => {
    const fields = Array.from({ length: DEFAULT_OPERATION_LIMITS.rootFields + 1 }, (_, i) => `e${i}: entity(uscc: "${one}") { name }`).join(' ');
    expectRefused(await graphql(`{ ${fields} }`), 'rootFields');
  });

  it('refuses cost, counting first: times its selection', async () => {
    expectRefused(await graphql('{ searchEntities(first: 1000000) { edges { node { name } } } }'), 'cost');
  });

  it('a subgraph reached directly refuses the same', async () => {
    const market = inject('subgraphUrls').market;
    const result = await graphql(`{ ${'__typename '.repeat(DEFAULT_OPERATION_LIMITS.tokens * 3)} }`, {}, { url: market });
    expectRefused(result, 'tokens');
    expectRefused(await graphql(nested(DEFAULT_OPERATION_LIMITS.depth + 10), {}, { url: market }), 'depth');
    expectRefused(await graphql('{ searchEntities(first: 1000000) { edges { node { name } } } }', {}, { url: market }), 'cost');
  });
});

describe('limits per caller kind (OPERATION_LIMITS)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startOwnGateway({}, { OPERATION_LIMITS: JSON.stringify({ ANONYMOUS: { cost: 300 } }) });
  });
  afterAll(async () => {
    await gateway?.stop();
  });
  const PROFILE = 'query($codes: [USCC!]!) { entities(usccs: $codes) { uscc name market { penalties { decisionNumber } } } }';

  it('counts entities(usccs:) times its selection: 100 entities over an anonymous limit of 300, a government caller’s default answered', async () => {
    const anonymous = await graphql(PROFILE, { codes }, { url: gateway.url });
    expectRefused(anonymous, 'cost');
    expect(anonymous.errors?.[0].extensions).toMatchObject({ max: 300, found: 1 + 100 * 5 });
    expect(anonymous.errors?.[0].message).toContain('anonymous callers');
    expect((await graphql(PROFILE, { codes: codes.slice(0, 50) }, { url: gateway.url })).data.entities).toHaveLength(50);
    const government = await graphql(PROFILE, { codes }, { url: gateway.url, headers: await governmentHeaders() });
    expect(government.errors).toBeUndefined();
    expect(government.data.entities).toHaveLength(100);
  });
});

describe('client mistakes are 400s with a code', () => {
  it('an operationName that names no operation', async () => {
    for (const operationName of ['Missing', '']) {
      const response = await fetch(inject('gatewayUrl'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query A { __typename }', operationName }),
      });
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
  });

  it('several operations and no operationName', async () => {
    const result = await graphql('query A { __typename } query B { __typename }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(result.errors?.[0].message).toContain('A, B');
  });
});

describe('the largest alias requests under the body limit, two at a time', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startOwnGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const post = (body: string) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('leave the gateway (in this process) with bounded memory, answering { __typename }', async () => {
    const bombs = [
      largestAliasRequest('entities(usccs: $codes) { name }', { codes }, '$codes: [USCC!]!'),
      largestAliasRequest('entity(uscc: $c) { name businessScope address }', { c: one }, '$c: USCC!'),
    ];
    for (const bomb of bombs) expect(bomb.length).toBeGreaterThan(1000 * 1024);
    const before = process.memoryUsage().heapUsed;
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([post(bombs[0]), post(bombs[1])]);
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(answer.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'tokens' });
      }
    }
    // Unlimited, one such request planned thousands of fetches and ran a gateway out of its heap.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(96 * 1024 * 1024);
    expect(await post(JSON.stringify({ query: '{ __typename }' }))).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});
