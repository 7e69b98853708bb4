import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller, outcomeOf } from '../support/access.ts';
import { createTestEntity, insertRecords, marketPenalty } from '../support/records.ts';
import { headersFor, type TestCaller } from '../support/tokens.ts';

// A stored credit report is read again later (creditReport), and the records it names follow their
// visibility then: a record that has since left the reader's view drops out of the report's sections,
// and the signed document (which names it, and cannot be cut without breaking its signature) is
// withheld whole (OUT_OF_VIEW); its digest, and verifyCreditReport, still tell a holder's copy genuine.

const today = chinaToday();
const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };

const ISSUE = `mutation($input: CreditReportInput!) { issueCreditReport(input: $input) { number digest document sections { records { recordId } } } }`;
const READ = `query($number: String!) { creditReport(number: $number) { number digest signature document sections { domain coverage records { recordId reference description } } } }`;
const READ_DESCRIPTIONS = `query($number: String!) { creditReport(number: $number) { sections { records { description } } } }`;
const VERIFY = `query($number: String!, $digest: String!) { verifyCreditReport(number: $number, digest: $digest) { found valid } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`;
const REVOKE = `mutation($id: ID!) { decideObjection(id: $id, outcome: REVOKED, reason: "复议撤销") { status } }`;

async function call(caller: TestCaller, query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await asCaller(caller, query, variables);
  expect(result.errors, query).toBeUndefined();
  return result.data;
}

describe('credit reports read again later: a record named in one follows its visibility', () => {
  let uscc: string;
  const subject = (): TestCaller => ({ kind: 'SUBJECT', uscc });
  let revoked: string;
  let kept: string;
  let revokedDecision: string;
  let keptDecision: string;
  let report: { number: string; digest: string; document: string };

  beforeAll(async () => {
    uscc = await createTestEntity('报告引用');
    const rows = [marketPenalty(uscc, addDays(today, -20), { decisionNumber: `丹振市监处罚〔撤〕${Date.now()}号` }), marketPenalty(uscc, addDays(today, -10))];
    revokedDecision = rows[0].decisionNumber as string;
    keptDecision = rows[1].decisionNumber as string;
    [revoked, kept] = await insertRecords('market', 'penalty', penalties, rows);
    const objection = (await call(subject(), FILE, { input: { recordId: revoked, reason: '有误' } })).fileObjection.id;
    report = (await call(subject(), ISSUE, { input: { uscc, kind: 'PUBLIC_CREDIT', purpose: '招投标', domains: ['MARKET'] } })).issueCreditReport;
    expect(report.document).toContain(revoked);
    await call(MARKET, REVOKE, { id: objection });
  });

  it('the recipient reading it later: the revoked record is gone from its sections, the document withheld (OUT_OF_VIEW), the digest kept', async () => {
    const result = await asCaller(subject(), READ, { number: report.number });
    const read = result.data.creditReport;
    expect(read.sections[0].records.map((r: { recordId: string }) => r.recordId)).toEqual([kept]);
    expect(read.document).toBeNull();
    expect(outcomeOf(result, ['creditReport', 'document'], null)).toBe('OUT_OF_VIEW');
    expect(read.digest).toBe(report.digest);
    expect(JSON.stringify(result)).not.toContain(revoked);
    expect(JSON.stringify(result)).not.toContain(revokedDecision);
  });

  it('a selection without recordId still leaves the revoked record out', async () => {
    const data = await call(subject(), READ_DESCRIPTIONS, { number: report.number });
    expect(data.creditReport.sections[0].records).toHaveLength(1);
  });

  it('the printable page (GET /reports/<number>) is built from the same answer: the revoked record is not on it', async () => {
    const page = await fetch(inject('gatewayUrl').replace(/\/graphql$/, `/reports/${report.number}`), { headers: await headersFor(subject()) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(keptDecision);
    expect(html).not.toContain(revoked);
    expect(html).not.toContain(revokedDecision);
  });

  it('a third party verifying the number and digest learns only that a genuine report was issued', async () => {
    const data = await call({ kind: 'ANONYMOUS' } as TestCaller, VERIFY, { number: report.number, digest: report.digest });
    expect(data.verifyCreditReport).toEqual({ found: true, valid: true });
  });

  it('government reads the report whole, as signed', async () => {
    const data = await call(MARKET, READ, { number: report.number });
    expect(data.creditReport.document).toBe(report.document);
    expect(data.creditReport.sections[0].records.map((r: { recordId: string }) => r.recordId).sort()).toEqual([revoked, kept].sort());
  });
});
