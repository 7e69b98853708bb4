import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { sampleSum, scrape } from '../support/prometheus.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { clientToken } from '../support/tokens.ts';

/** A gateway of its own, logging at info as in production, with /metrics on a port of its own. */
describe('one log line per request', () => {
  let gateway: ServiceProcess;
  beforeAll(async () => {
    const urls = Object.fromEntries(Object.entries(inject('subgraphUrls')).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
    const issuer = inject('testIssuer');
    gateway = await startServiceProcess('gateway/main.ts', {
      ...urls,
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      GATEWAY_SIGNING_KEY: JSON.stringify(inject('callerKeys').privateJwk),
      AUTH_ISSUERS: JSON.stringify([{ issuer: issuer.issuer, publicKey: issuer.publicJwk }]),
    });
  });
  afterAll(() => {
    gateway?.child.kill('SIGKILL');
  });

  const lines = () =>
    gateway
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);

  it('says who asked (kind and organisation), what, how it ended, how long it took and which departments it called, with no token or personal data', async () => {
    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    const token = await clientToken({ kind: 'INSTITUTION', organisation: 'BANK-LOG-TEST' });
    const result = await graphql(
      'query LoggedProfile($uscc: USCC!) { entity(uscc: $uscc) { name tax { aGradeYears ratings { grade } } } }',
      { uscc: subject.uscc },
      { url: gateway.url, headers: { authorization: `Bearer ${token}`, 'x-credit-purpose': 'LOAN_APPROVAL', 'x-correlation-id': 'loan-file-42' } },
    );
    expect(result.status).toBe(200);
    await gateway.waitFor(new RegExp(`"requestId":"${result.requestId}"`));

    const line = lines().find((l) => l.msg === 'request' && l.requestId === result.requestId)!;
    expect(line).toMatchObject({
      name: 'gateway',
      correlationId: 'loan-file-42',
      caller: 'INSTITUTION',
      organisation: 'BANK-LOG-TEST',
      operation: 'LoggedProfile',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(line.departments).toEqual(expect.arrayContaining(['market', 'tax']));
    // The bank has no grant for this entity: the ratings are denied, by code.
    expect(line.errors).toMatchObject({ FORBIDDEN: expect.any(Number) });
    expect(lines().filter((l) => l.requestId === result.requestId && l.msg === 'request')).toHaveLength(1);
    const output = gateway.output();
    expect(output).not.toContain(token);
    expect(output).not.toContain(subject.uscc);
  });

  it('serves /metrics on its own port only, counting the request there', async () => {
    const metricsUrl = lines().find((l) => l.msg === 'gateway ready')!.metrics as string;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    const exposition = await scrape(metricsUrl);
    expect(sampleSum(exposition, 'credit_graphql_request_duration_seconds_count', { service: 'gateway', operation: 'LoggedProfile', outcome: 'error' })).toBe(1);
  });
});
