import { describe, expect, inject, it } from 'vitest';
import { asCaller, grant, uniqueOrganisation } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { GOVERNMENT, headersFor, type TestCaller } from '../support/tokens.ts';

// The gateway makes the request id it logs, forwards and writes into the access log; what a client
// sends as x-request-id is kept as a correlation id beside it, never as the audit key.

const entity = demoSubjects().filter((s) => s.kind === 'ENTERPRISE' && s.establishedOn < '2023-01-01').at(-7)!;
const QUERY = 'query($uscc: USCC!) { entity(uscc: $uscc) { market { annualReports { revenue } } } }';

describe('request ids', () => {
  it('two callers sending the same x-request-id get distinct audit ids, and their own back as a correlation id', async () => {
    const banks = [uniqueOrganisation('RID-A'), uniqueOrganisation('RID-B')];
    for (const organisation of banks) await grant(entity.uscc, { organisation, domains: ['MARKET'], purposes: ['LOAN_APPROVAL'] });
    const chosen = `chosen-${Date.now()}`;
    const answers = [];
    for (const organisation of banks) {
      const caller: TestCaller = { kind: 'INSTITUTION', organisation, purpose: 'LOAN_APPROVAL' };
      const response = await fetch(inject('gatewayUrl'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': chosen, ...(await headersFor(caller)) },
        body: JSON.stringify({ query: QUERY, variables: { uscc: entity.uscc } }),
      });
      const body = await response.json();
      expect(body.data.entity.market.annualReports[0].revenue).not.toBeNull();
      answers.push({ organisation, requestId: response.headers.get('x-request-id')!, correlationId: response.headers.get('x-correlation-id') });
    }
    expect(answers.map((a) => a.correlationId)).toEqual([chosen, chosen]);
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(2);
    expect(answers.map((a) => a.requestId)).not.toContain(chosen);

    const SEARCH = 'query($requestId: String) { accessLog(requestId: $requestId, first: 100) { nodes { requestId organisation } } }';
    expect((await asCaller(GOVERNMENT, SEARCH, { requestId: chosen })).data.accessLog.nodes).toEqual([]);
    for (const { organisation, requestId } of answers) {
      const rows = (await asCaller(GOVERNMENT, SEARCH, { requestId })).data.accessLog.nodes;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toEqual({ requestId, organisation });
    }
  });

  it('an anonymous request gets an id of the gateway’s making too', async () => {
    const result = await graphql('{ __typename }');
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
