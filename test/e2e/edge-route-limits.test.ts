import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { readRateLimitOptions } from '../../gateway/rate-limit.ts';
import { templateHeaders } from '../../subgraphs/kit/collection/file-import.ts';
import { startOwnGateway } from '../support/own-gateway.ts';
import { testUscc } from '../support/records.ts';
import { collectingDepartments, penaltySubmission } from '../support/submissions.ts';
import { headersFor } from '../support/tokens.ts';

// Uploads (POST /collection), report pages (GET /reports/…) and file templates (GET /collection/template)
// spend budgets of their own (UPLOAD_RATE_LIMITS, REPORT_PAGE_RATE_LIMITS, TEMPLATE_RATE_LIMITS): past one, 429 with Retry-After and a body saying
// which limit; /graphql keeps its own budget.

describe('rate limits on uploads and report pages', () => {
  let gateway: RunningGateway;
  const base = () => gateway.url.replace(/\/graphql$/, '');
  beforeAll(async () => {
    gateway = await startOwnGateway({
      rateLimits: readRateLimitOptions({
        RATE_LIMITS: JSON.stringify({ GOVERNMENT: { points: 100, duration: 60 } }),
        UPLOAD_RATE_LIMITS: JSON.stringify({ GOVERNMENT: { points: 1, duration: 60 } }),
        REPORT_PAGE_RATE_LIMITS: JSON.stringify({ ANONYMOUS: { points: 2, duration: 60 } }),
        TEMPLATE_RATE_LIMITS: JSON.stringify({ ANONYMOUS: { points: 1, duration: 60 } }),
      }),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('a department past its upload budget gets 429 with Retry-After and a clear body; its queries still answer', async () => {
    const penalty = collectingDepartments().find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === 'PENALTY')!;
    const row = penaltySubmission(testUscc());
    const names = ['sourceId', ...penalty.fields.map((f) => f.name)];
    const csv = new Uint8Array(Buffer.from(stringify([templateHeaders(penalty), names.map((n) => String(row[n] ?? ''))])));
    const headers = await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' });
    const upload = () => fetch(`${base()}/collection?department=market&type=PENALTY`, { method: 'POST', headers, body: csv });

    const first = await upload();
    expect(first.status).toBe(200);
    expect((await first.text()).trim().split('\n').map((l) => JSON.parse(l)).at(-1).report).toMatchObject({ accepted: 1 });

    const refused = await upload();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, error: `Too many uploads: 1 per 60 s for government callers; try again in ${retryAfter} s` });

    const query = await fetch(gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(query.status).toBe(200);
  });

  it('an anonymous caller past its report-page budget gets 429; its GraphQL requests are not limited', async () => {
    const page = () => fetch(`${base()}/reports/NO-SUCH-REPORT`);
    for (let i = 0; i < 2; i += 1) expect((await page()).status).toBe(404);
    const refused = await page();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, error: expect.stringMatching(/^Too many report pages: 2 per 60 s for anonymous callers; try again in \d+ s$/) });
    const query = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(query.status).toBe(200);
  });

  it('an anonymous caller past its template budget gets 429 with Retry-After; a department fetches templates and uploads on its own budgets', async () => {
    const template = (headers: Record<string, string> = {}) => fetch(`${base()}/collection/template?department=market&type=PENALTY`, { headers });
    const first = await template();
    expect(first.status).toBe(200);
    const penalty = collectingDepartments().find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === 'PENALTY')!;
    expect(await first.text()).toContain(templateHeaders(penalty)[0]);
    const refused = await template();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, error: `Too many file templates: 1 per 60 s for anonymous callers; try again in ${retryAfter} s` });

    const government = await headersFor({ kind: 'GOVERNMENT', department: 'MARKET' });
    for (let i = 0; i < 2; i += 1) expect((await template(government)).status).toBe(200);
    expect((await template({ authorization: 'Bearer not-a-token' })).status).toBe(401);
  });
});
