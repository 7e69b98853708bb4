import { buildSchema, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessLevelOf } from '../../subgraphs/kit/access/levels.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { asCaller } from '../support/access.ts';
import { testUscc } from '../support/records.ts';
import { penaltySubmission, registration, REPORT } from '../support/submissions.ts';
import type { TestCaller } from '../support/tokens.ts';

// What collection adds beside the submissions: the public data catalogue (信用信息目录), each
// department's collection report, and the records held for subjects not yet registered.

const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const PLATFORM: TestCaller = { kind: 'GOVERNMENT', department: 'PLATFORM' };
const TAX: TestCaller = { kind: 'GOVERNMENT', department: 'TAX' };
const ANONYMOUS: TestCaller = { kind: 'ANONYMOUS' };

const SUBMIT_PENALTIES = `mutation($records: [PenaltySubmission!]!) { market { submitPenalties(records: $records) { ${REPORT} } } }`;
const REGISTER = `mutation($records: [RegistrationSubmission!]!) { market { submitRegistrations(records: $records) { ${REPORT} } } }`;
const CATALOGUE = `{ marketCatalogue { department recordType title type legalBasis updateFrequency fields { name label rule required national access } } }`;
const REPORT_QUERY = `query($from: Date!, $to: Date!) { marketCollectionReport(from: $from, to: $to) { department from to
  total { recordType batches received accepted updated unchanged rejected withdrawn late held rejectedByRule { rule rows } }
  byRecordType { recordType batches received accepted rejected held rejectedByRule { rule rows } } } }`;
const UNMATCHED = `query($first: Int!, $after: String) { marketUnmatchedRecords(first: $first, after: $after) { records { recordId uscc recordType sourceId heldSince batchId } endCursor hasNextPage } }`;

async function submit(query: string, records: Record<string, unknown>[], key: string) {
  const result = await asCaller(MARKET, query, { records });
  expect(result.errors).toBeUndefined();
  return result.data.market[key];
}

/** Every held record of market supervision, page after page. */
async function allUnmatched(caller: TestCaller): Promise<{ recordId: string; uscc: string; sourceId: string }[]> {
  const found = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const result = await asCaller(caller, UNMATCHED, { first: 200, after });
    expect(result.errors).toBeUndefined();
    const page = result.data.marketUnmatchedRecords;
    found.push(...page.records);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return found;
}

describe('collection: the data catalogue, the collection report, unmatched records', () => {
  it('the catalogue is PUBLIC: market penalties with decisionNumber required, at the level the schema declares', async () => {
    const result = await asCaller(ANONYMOUS, CATALOGUE);
    expect(result.errors).toBeUndefined();
    const penalty = result.data.marketCatalogue.find((e: { recordType: string }) => e.recordType === 'PENALTY');
    expect(penalty).toMatchObject({ department: 'MARKET', title: '行政处罚', type: 'Penalty', updateFrequency: '作出决定之日起7个工作日内' });
    expect(penalty.legalBasis).toMatch(/行政处罚法/);

    const served = buildSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'), { assumeValidSDL: true });
    const penaltyType = served.getType('Penalty');
    if (!isObjectType(penaltyType)) throw new Error('Penalty is not an object type in the supergraph');
    const declared = accessLevelOf(penaltyType.getFields().decisionNumber);
    const decisionNumber = penalty.fields.find((f: { name: string }) => f.name === 'decisionNumber');
    expect(decisionNumber).toMatchObject({ label: '行政处罚决定书文号', required: true, national: true, access: declared });
    expect(declared).toBe('PUBLIC');
    expect(penalty.fields.find((f: { name: string }) => f.name === 'severity')).toMatchObject({ required: true, national: false });
  });

  it('the collection report counts a submission; anonymous callers and other departments are refused', async () => {
    const uscc = testUscc();
    await submit(REGISTER, [registration(uscc)], 'submitRegistrations');
    const today = chinaToday();
    const before = (await asCaller(MARKET, REPORT_QUERY, { from: today, to: today })).data.marketCollectionReport;
    const bad = penaltySubmission(uscc, { decisionNumber: '' });
    const known = await submit(SUBMIT_PENALTIES, [penaltySubmission(uscc), bad], 'submitPenalties');
    expect(known).toMatchObject({ accepted: 1, held: 0, rejectedRows: 1 });

    const result = await asCaller(PLATFORM, REPORT_QUERY, { from: today, to: today });
    expect(result.errors).toBeUndefined();
    const after = result.data.marketCollectionReport;
    expect(after).toMatchObject({ department: 'MARKET', from: today, to: today });
    const penalties = (report: typeof after) => report.byRecordType.find((f: { recordType: string }) => f.recordType === 'PENALTY') ?? { batches: 0, received: 0, accepted: 0, rejected: 0, rejectedByRule: [] };
    const required = (report: typeof after) => penalties(report).rejectedByRule.find((r: { rule: string }) => r.rule === 'REQUIRED')?.rows ?? 0;
    // Other suites submit in parallel: the figures grow by at least this batch.
    expect(penalties(after).batches).toBeGreaterThanOrEqual(penalties(before).batches + 1);
    expect(penalties(after).received).toBeGreaterThanOrEqual(penalties(before).received + 2);
    expect(penalties(after).accepted).toBeGreaterThanOrEqual(penalties(before).accepted + 1);
    expect(penalties(after).rejected).toBeGreaterThanOrEqual(penalties(before).rejected + 1);
    expect(required(after)).toBeGreaterThanOrEqual(required(before) + 1);
    expect(after.total.recordType).toBeNull();
    expect(after.total.received).toBeGreaterThanOrEqual(penalties(after).received);

    const anonymous = await asCaller(ANONYMOUS, REPORT_QUERY, { from: today, to: today });
    expect(anonymous.data?.marketCollectionReport ?? null).toBeNull();
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const tax = await asCaller(TAX, REPORT_QUERY, { from: today, to: today });
    expect(tax.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });
    const backwards = await asCaller(MARKET, REPORT_QUERY, { from: today, to: '2020-01-01' });
    expect(backwards.errors?.[0].message).toMatch(/from .* must not be after to/);
  });

  it('lists a record held for an unknown USCC until market supervision registers it', async () => {
    const uscc = testUscc();
    const held = penaltySubmission(uscc);
    const today = chinaToday();
    const heldIn = (report: { byRecordType: { recordType: string; held: number }[]; total: { held: number } }) => ({
      penalties: report.byRecordType.find((f) => f.recordType === 'PENALTY')?.held ?? 0,
      total: report.total.held,
    });
    const before = heldIn((await asCaller(MARKET, REPORT_QUERY, { from: today, to: today })).data.marketCollectionReport);
    const report = await submit(SUBMIT_PENALTIES, [held], 'submitPenalties');
    expect(report).toMatchObject({ accepted: 1, held: 1 });
    // The period's report counts the held record (other suites submit meanwhile: at least this one).
    const after = heldIn((await asCaller(MARKET, REPORT_QUERY, { from: today, to: today })).data.marketCollectionReport);
    expect(after.penalties).toBeGreaterThanOrEqual(before.penalties + 1);
    expect(after.total).toBeGreaterThanOrEqual(before.total + 1);

    const listed = (await allUnmatched(MARKET)).filter((r) => r.uscc === uscc);
    expect(listed).toEqual([expect.objectContaining({ uscc, sourceId: held.sourceId, recordType: 'PENALTY', heldSince: chinaToday(), batchId: report.batchId })]);
    expect(listed[0].recordId).toMatch(/^market\.penalty\.\d+$/);

    const anonymous = await asCaller(ANONYMOUS, UNMATCHED, { first: 10 });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const tooMany = await asCaller(MARKET, UNMATCHED, { first: 1000 });
    expect(tooMany.errors?.[0].message).toMatch(/first must be a whole number from 1 to 200/);

    await submit(REGISTER, [registration(uscc)], 'submitRegistrations');
    expect((await allUnmatched(PLATFORM)).filter((r) => r.uscc === uscc)).toEqual([]);
  });
});
