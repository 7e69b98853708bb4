import { describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { sqlStatements } from '../support/graphql.ts';
import { asCaller } from '../support/access.ts';
import { testUscc } from '../support/records.ts';
import { penaltySubmission, registration, REPORT } from '../support/submissions.ts';
import type { TestCaller } from '../support/tokens.ts';

// Collection (归集): market supervision submits its own records through its own subgraph; every batch
// answers row by row; one source per record; withdrawal; unknown subjects held until registered.

const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const ANONYMOUS: TestCaller = { kind: 'ANONYMOUS' };

const SUBMIT_PENALTIES = `mutation($records: [PenaltySubmission!]!) { market { submitPenalties(records: $records) { ${REPORT} } } }`;
const REGISTER = `mutation($records: [RegistrationSubmission!]!) { market { submitRegistrations(records: $records) { ${REPORT} } } }`;
const WITHDRAW = `mutation($type: MarketRecordType!, $ids: [String!]!, $reason: String!) { market { withdrawRecords(recordType: $type, sourceIds: $ids, reason: $reason) { ${REPORT} } } }`;
const PENALTIES = `query($uscc: USCC!) { entity(uscc: $uscc) { name market { penalties { id sourceId fineAmount publishedOn disputed } } } }`;
const PENALTIES_INTERNAL = `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { id sourceId fineAmount disputed
  revisions { at by batchId changedFields previous { field value } } withdrawal { on reason } lifecycle { state } } } } }`;

async function submit(caller: TestCaller, query: string, records: Record<string, unknown>[], key: string) {
  const result = await asCaller(caller, query, { records });
  expect(result.errors).toBeUndefined();
  return result.data.market[key];
}

async function registered(): Promise<string> {
  const uscc = testUscc();
  const report = await submit(MARKET, REGISTER, [registration(uscc)], 'submitRegistrations');
  expect(report).toMatchObject({ accepted: 1, rejectedRows: 0 });
  return uscc;
}

describe('collection (归集): market supervision submits its records', () => {
  it('answers row by row: good rows visible at once, each bad row named with its field and rule', async () => {
    const uscc = await registered();
    const good = penaltySubmission(uscc);
    const badCode = penaltySubmission(uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0'));
    const badMany = penaltySubmission(uscc, { fineAmount: '-5', decisionNumber: '', decidedOn: addDays(chinaToday(), 3) });
    const badDecimals = penaltySubmission(uscc, { confiscatedAmount: '12.345', severity: 'HUGE' });
    const report = await submit(MARKET, SUBMIT_PENALTIES, [good, badCode, badMany, badDecimals], 'submitPenalties');

    expect(report).toMatchObject({ received: 4, accepted: 1, updated: 0, unchanged: 0, rejectedRows: 3, held: 0 });
    const byRow = (index: number) => report.rejected.filter((r: { index: number }) => r.index === index).map((r: { field: string; rule: string }) => `${r.field}:${r.rule}`);
    expect(byRow(1)).toEqual(['uscc:USCC']);
    expect(byRow(2)).toEqual(expect.arrayContaining(['fineAmount:AMOUNT', 'decisionNumber:REQUIRED', 'decidedOn:FUTURE_DATE']));
    expect(byRow(3)).toEqual(expect.arrayContaining(['confiscatedAmount:AMOUNT', 'severity:ENUM']));
    const codeMessage = report.rejected.find((r: { index: number }) => r.index === 1).message;
    expect(codeMessage).toMatch(/^uscc: USCC .*check character should be/);
    expect(report.rejected.find((r: { field: string }) => r.field === 'fineAmount').message).toBe('fineAmount "-5": an amount in yuan must be at least 0');

    const visible = await asCaller(ANONYMOUS, PENALTIES, { uscc });
    expect(visible.data.entity.market.penalties).toEqual([expect.objectContaining({ sourceId: good.sourceId, fineAmount: '5000.00', publishedOn: chinaToday() })]);
  });

  it('resubmission updates the one record and keeps what it replaced as a revision; an identical one writes nothing', async () => {
    const uscc = await registered();
    const first = penaltySubmission(uscc);
    await submit(MARKET, SUBMIT_PENALTIES, [first], 'submitPenalties');
    const changed = await submit(MARKET, SUBMIT_PENALTIES, [{ ...first, fineAmount: '8000' }], 'submitPenalties');
    expect(changed).toMatchObject({ accepted: 0, updated: 1, unchanged: 0 });
    const again = await submit(MARKET, SUBMIT_PENALTIES, [{ ...first, fineAmount: '8000.00' }], 'submitPenalties');
    expect(again).toMatchObject({ accepted: 0, updated: 0, unchanged: 1 });

    const result = await asCaller(MARKET, PENALTIES_INTERNAL, { uscc });
    const penalties = result.data.entity.market.penalties;
    expect(penalties).toHaveLength(1);
    expect(penalties[0].fineAmount).toBe('8000.00');
    expect(penalties[0].revisions).toEqual([
      expect.objectContaining({ by: 'MARKET', batchId: changed.batchId, changedFields: ['fineAmount'], previous: [{ field: 'fineAmount', value: '5000.00' }] }),
    ]);
    // Revisions are INTERNAL.
    const anonymous = await asCaller(ANONYMOUS, `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { revisions { at } } } } }`, { uscc });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
  });

  it('a withdrawn record leaves every view but government, which sees it WITHDRAWN with the reason', async () => {
    const uscc = await registered();
    const penalty = penaltySubmission(uscc);
    await submit(MARKET, SUBMIT_PENALTIES, [penalty], 'submitPenalties');
    const withdrawn = await asCaller(MARKET, WITHDRAW, { type: 'PENALTY', ids: [penalty.sourceId, 'no-such-record'], reason: '录入错误，撤回' });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.market.withdrawRecords).toMatchObject({ received: 2, withdrawn: 1, rejectedRows: 1, rejected: [expect.objectContaining({ index: 1, rule: 'NOT_FOUND' })] });

    expect((await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity.market.penalties).toEqual([]);
    expect((await asCaller({ kind: 'SUBJECT', uscc }, PENALTIES, { uscc })).data.entity.market.penalties).toEqual([]);
    const government = (await asCaller(MARKET, PENALTIES_INTERNAL, { uscc })).data.entity.market.penalties;
    expect(government).toEqual([expect.objectContaining({ withdrawal: { on: chinaToday(), reason: '录入错误，撤回' }, lifecycle: { state: 'WITHDRAWN' } })]);
  });

  it('a disputed record stays disputed when its department resubmits it', async () => {
    const uscc = await registered();
    const penalty = penaltySubmission(uscc);
    await submit(MARKET, SUBMIT_PENALTIES, [penalty], 'submitPenalties');
    const [{ id }] = (await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity.market.penalties;
    const objection = await asCaller({ kind: 'SUBJECT', uscc }, `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`, { input: { recordId: id, reason: '罚款金额有误' } });
    expect(objection.errors).toBeUndefined();

    const report = await submit(MARKET, SUBMIT_PENALTIES, [{ ...penalty, fineAmount: '3000.00' }], 'submitPenalties');
    expect(report).toMatchObject({ updated: 1 });
    const after = (await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity.market.penalties;
    expect(after).toEqual([expect.objectContaining({ id, fineAmount: '3000.00', disputed: true })]);
  });

  it('only government of MARKET submits: another department is refused (DOMAIN), everyone else too (LEVEL)', async () => {
    const uscc = await registered();
    const cases: [TestCaller, string][] = [
      [{ kind: 'GOVERNMENT', department: 'TAX' }, 'DOMAIN'],
      [{ kind: 'GOVERNMENT', department: 'PLATFORM' }, 'DOMAIN'],
      [{ kind: 'INSTITUTION', organisation: 'BANK-001', purpose: 'LOAN_APPROVAL' }, 'LEVEL'],
      [{ kind: 'SUBJECT', uscc }, 'LEVEL'],
      [ANONYMOUS, 'LEVEL'],
    ];
    for (const [caller, reason] of cases) {
      const result = await asCaller(caller, SUBMIT_PENALTIES, { records: [penaltySubmission(uscc)] });
      expect(result.data?.market ?? null).toBeNull();
      expect(result.errors?.[0].extensions, JSON.stringify(caller)).toMatchObject({ code: 'FORBIDDEN', reason });
    }
    expect((await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity.market.penalties).toEqual([]);
  });

  it('holds a record of an unregistered subject, which joins the profile once market supervision registers it', async () => {
    const uscc = testUscc();
    const report = await submit(MARKET, SUBMIT_PENALTIES, [penaltySubmission(uscc)], 'submitPenalties');
    expect(report).toMatchObject({ accepted: 1, held: 1 });
    expect((await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity).toBeNull();

    await submit(MARKET, REGISTER, [registration(uscc)], 'submitRegistrations');
    const joined = (await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity;
    expect(joined.market.penalties).toHaveLength(1);
  });

  it('registration changes keep the former values', async () => {
    const uscc = await registered();
    const report = await submit(MARKET, REGISTER, [registration(uscc, { name: '归集测试更名有限公司', legalRepresentative: '李华' })], 'submitRegistrations');
    expect(report).toMatchObject({ accepted: 0, updated: 1 });
    const result = await asCaller(MARKET, `query($uscc: USCC!) { entity(uscc: $uscc) { name legalRepresentative revisions { changedFields previous { field value } } } }`, { uscc });
    expect(result.data.entity).toMatchObject({ name: '归集测试更名有限公司', legalRepresentative: '李华' });
    expect(result.data.entity.revisions[0].changedFields).toEqual(['name', 'legalRepresentative']);
    expect(result.data.entity.revisions[0].previous).toContainEqual({ field: 'legalRepresentative', value: '王明' });
  });

  it('counts a decision accepted more than 7 working days after it as published late', async () => {
    const uscc = await registered();
    const decidedOn = addDays(chinaToday(), -30);
    const report = await submit(MARKET, SUBMIT_PENALTIES, [penaltySubmission(uscc, { decidedOn, statedPublishedOn: addDays(decidedOn, 1), publicationSource: 'https://scjg.example.gov.cn/gs/1' })], 'submitPenalties');
    expect(report).toMatchObject({ accepted: 1, late: 1 });
    const [{ id }] = (await asCaller(ANONYMOUS, PENALTIES, { uscc })).data.entity.market.penalties;
    const compliance = await asCaller(MARKET, `query($from: Date!, $to: Date!) { disclosureCompliance(from: $from, to: $to) { market { late { recordId publishedOn } } } }`, { from: decidedOn, to: decidedOn });
    expect(compliance.errors).toBeUndefined();
    expect(compliance.data.disclosureCompliance.market.late).toContainEqual({ recordId: id, publishedOn: chinaToday() });
  });

  it('a stated publication day needs its source', async () => {
    const uscc = await registered();
    const report = await submit(MARKET, SUBMIT_PENALTIES, [penaltySubmission(uscc, { statedPublishedOn: addDays(chinaToday(), -1) })], 'submitPenalties');
    expect(report.rejected).toEqual([expect.objectContaining({ field: 'statedPublishedOn', rule: 'PUBLICATION_SOURCE' })]);
  });

  it('writes a batch in a constant number of statements, the same for 1 row and 200', async () => {
    const uscc = await registered();
    const one = await asCaller(MARKET, SUBMIT_PENALTIES, { records: [penaltySubmission(uscc)] });
    const many = await asCaller(MARKET, SUBMIT_PENALTIES, { records: Array.from({ length: 200 }, () => penaltySubmission(uscc)) });
    expect(many.data.market.submitPenalties.accepted).toBe(200);
    expect(await sqlStatements('market', many.requestId)).toBe(await sqlStatements('market', one.requestId));
  });
});
