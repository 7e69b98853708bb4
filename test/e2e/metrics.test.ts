import { describe, expect, inject, it } from 'vitest';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { sampleSum, scrape } from '../support/prometheus.ts';

const metricsUrl = () => inject('gatewayUrl').replace(/\/graphql$/, '/metrics');

describe('/metrics', () => {
  it('counts a request by operation name and outcome, its department calls, SQL statements and batches', async () => {
    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    const before = await scrape(metricsUrl());
    const result = await graphql('query MetricsProfile($uscc: USCC!) { entity(uscc: $uscc) { name tax { aGradeYears } } }', { uscc: subject.uscc });
    expect(result.errors).toBeUndefined();
    const after = await scrape(metricsUrl());

    const requests = { service: 'gateway', operation: 'MetricsProfile', outcome: 'ok' };
    expect(sampleSum(after, 'credit_graphql_request_duration_seconds_count', requests) - sampleSum(before, 'credit_graphql_request_duration_seconds_count', requests)).toBe(1);
    for (const department of ['market', 'tax']) {
      const calls = { department, outcome: 'ok' };
      expect(sampleSum(after, 'credit_subgraph_fetch_duration_seconds_count', calls)).toBeGreaterThan(sampleSum(before, 'credit_subgraph_fetch_duration_seconds_count', calls));
      expect(sampleSum(after, 'credit_sql_statements_total', { department })).toBeGreaterThan(sampleSum(before, 'credit_sql_statements_total', { department }));
      expect(sampleSum(after, 'credit_sql_round_trip_duration_seconds_count', { department })).toBeGreaterThan(sampleSum(before, 'credit_sql_round_trip_duration_seconds_count', { department }));
    }
    expect(sampleSum(after, 'credit_dataloader_batch_size_count')).toBeGreaterThan(sampleSum(before, 'credit_dataloader_batch_size_count'));
    expect(after).toContain('process_cpu_seconds_total');
  });

  it('counts a refused request and a denied field with its reason', async () => {
    const refused = { service: 'gateway', outcome: 'refused' };
    const denied = { department: 'TAX', level: 'AUTHORISED', reason: 'LEVEL' };
    const before = await scrape(metricsUrl());
    const bad = await graphql('query MetricsRefused { searchEntities(first: 1) { nodes { uscc } } }', {}, { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    const anonymous = await graphql('query($uscc: USCC!) { entity(uscc: $uscc) { tax { ratings { grade } } } }', { uscc: subject.uscc });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const after = await scrape(metricsUrl());

    expect(sampleSum(after, 'credit_graphql_request_duration_seconds_count', refused) - sampleSum(before, 'credit_graphql_request_duration_seconds_count', refused)).toBe(1);
    expect(sampleSum(after, 'credit_access_decisions_total', denied)).toBeGreaterThan(sampleSum(before, 'credit_access_decisions_total', denied));
  });

  it('counts an operation refused by the operation limits', async () => {
    const limit = { service: 'gateway', kind: 'operation-limit' };
    const before = await scrape(metricsUrl());
    const tooMany = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: searchEntities(first: 1) { nodes { uscc } }`).join(' ')} }`;
    const refused = await graphql(tooMany);
    expect(refused.errors?.[0].extensions?.code).toBe('OPERATION_TOO_COMPLEX');
    const after = await scrape(metricsUrl());
    expect(sampleSum(after, 'credit_refusals_total', limit) - sampleSum(before, 'credit_refusals_total', limit)).toBe(1);
  });
});
