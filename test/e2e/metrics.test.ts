import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { REDACTION, SCREENED_FIELDS } from '../../subgraphs/kit/disclosure/personal-identifiers.ts';
import { judgments } from '../../subgraphs/courts/db/tables.ts';
import { asCaller } from '../support/access.ts';
import { createTestEntity, insertRecords, sourceId } from '../support/records.ts';
import { GOVERNMENT } from '../support/tokens.ts';
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

describe('/metrics: free-text redactions', () => {
  const departmentMetrics = () => inject('subgraphUrls').courts.replace(/\/graphql$/, '/metrics');
  const summary = '判决被告支付货款。（原告经办人电话13912345678、13800001111，身份证号210603198001011234）';
  const QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { courts { judgments { resultSummary } } } }`;
  const labels = (kind: string) => ({ department: 'courts', field: 'Judgment.resultSummary', kind });
  let uscc: string;

  beforeAll(async () => {
    uscc = await createTestEntity('脱敏计数');
    const today = chinaToday();
    await insertRecords('courts', 'judgment', judgments, [
      {
        uscc,
        sourceDepartment: '丹东市振兴区人民法院',
        sourceId: sourceId('judgment'),
        caseNumber: `（${today.slice(0, 4)}）辽0603民初${Date.now() % 100000}号`,
        causeOfAction: '买卖合同纠纷',
        role: 'DEFENDANT',
        instance: 'FIRST_INSTANCE',
        court: '丹东市振兴区人民法院',
        decidedOn: addDays(today, -20),
        publishedOn: addDays(today, -10),
        amount: '52000.00',
        resultSummary: summary,
      },
    ]);
  });

  it('counts each identifier redacted from a public view by department, field and kind; government reads the text whole and counts nothing', async () => {
    const before = await scrape(departmentMetrics());
    const anonymous = await graphql(QUERY, { uscc });
    expect(anonymous.data.entity.courts.judgments[0].resultSummary).toBe(`判决被告支付货款。（原告经办人电话${REDACTION}、${REDACTION}，身份证号${REDACTION}）`);
    const middle = await scrape(departmentMetrics());
    expect(sampleSum(middle, 'credit_free_text_redactions_total', labels('PHONE')) - sampleSum(before, 'credit_free_text_redactions_total', labels('PHONE'))).toBe(2);
    expect(sampleSum(middle, 'credit_free_text_redactions_total', labels('ID_NUMBER')) - sampleSum(before, 'credit_free_text_redactions_total', labels('ID_NUMBER'))).toBe(1);

    const government = await asCaller(GOVERNMENT, QUERY, { uscc });
    expect(government.data.entity.courts.judgments[0].resultSummary).toBe(summary);
    const after = await scrape(departmentMetrics());
    for (const kind of ['PHONE', 'ID_NUMBER', 'BANK_CARD']) {
      expect(sampleSum(after, 'credit_free_text_redactions_total', labels(kind))).toBe(sampleSum(middle, 'credit_free_text_redactions_total', labels(kind)));
    }
  });

  it('labels are bounded: every field is a screened field, every kind one of three', async () => {
    const exposition = await scrape(departmentMetrics());
    const samples = exposition.split('\n').filter((line) => line.startsWith('credit_free_text_redactions_total{'));
    expect(samples.length).toBeGreaterThan(0);
    for (const line of samples) {
      const field = /field="([^"]+)"/.exec(line)![1];
      expect(SCREENED_FIELDS.includes(field) || SCREENED_FIELDS.includes(`*.${field.split('.')[1]}`), field).toBe(true);
      expect(['ID_NUMBER', 'PHONE', 'BANK_CARD']).toContain(/kind="([^"]+)"/.exec(line)![1]);
    }
  });
});
