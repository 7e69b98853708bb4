import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays, addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { defaultLifecycleOptions } from '../../subgraphs/kit/disclosure/lifecycle-options.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../subgraphs/kit/calendar/working-days.ts';
import { dischargePermits } from '../../subgraphs/environment/db/tables.ts';
import { licences, listings, penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller, grant, uniqueOrganisation } from '../support/access.ts';
import { createTestEntity, dischargePermit, insertRecords, marketLicence, marketListing, marketPenalty } from '../support/records.ts';
import type { TestCaller } from '../support/tokens.ts';

// Objections (异议): anyone signed in disputes a record; while under review every view shows it
// disputed; government of the record's source department corrects it, revokes it or rejects the
// objection, within a review deadline in working days; government lists the overdue ones.

const today = chinaToday();
const MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const ENVIRONMENT: TestCaller = { kind: 'GOVERNMENT', department: 'ENVIRONMENT' };

const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id uscc recordId department status dueOn } }`;
const DECIDE = `mutation($id: ID!, $outcome: ObjectionOutcome!, $reason: String!, $note: String) {
  decideObjection(id: $id, outcome: $outcome, reason: $reason, correctionNote: $note) { id status decidedBy decisionReason correctionNote }
}`;
const VIEW = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      market {
        licences { id disputed correctionNote }
        penalties { id disputed correctionNote }
        abnormalOperations { id disputed current }
        seriousViolations { id disputed current }
      }
      environment { dischargePermits { id disputed } }
    }
  }
`;
const OVERDUE = `query($asOf: Date, $department: String) { overdueObjections(asOf: $asOf, department: $department) { id recordId dueOn status } }`;

type Record_ = { id: string; disputed: boolean; correctionNote?: string | null; current?: boolean };

async function view(caller: TestCaller, uscc: string): Promise<Map<string, Record_>> {
  const result = await asCaller(caller, VIEW, { uscc });
  expect(result.errors).toBeUndefined();
  const { market, environment } = result.data.entity;
  const records = [...market.licences, ...market.penalties, ...market.abnormalOperations, ...market.seriousViolations, ...environment.dischargePermits];
  return new Map(records.map((r: Record_) => [r.id, r]));
}

describe('objections (异议)', () => {
  let uscc: string;
  let licence: string;
  let penalty: string;
  let listing: string;
  let permit: string;
  let lateListing: string;
  const bank = uniqueOrganisation('OBJECTION');
  const bankCaller = (): TestCaller => ({ kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' });
  const everyone = (): [string, TestCaller][] => [
    ['anonymous', { kind: 'ANONYMOUS' }],
    ['the bank', bankCaller()],
    ['the entity', { kind: 'SUBJECT', uscc }],
    ['government', MARKET],
  ];
  const objectionIds = new Map<string, string>();

  beforeAll(async () => {
    uscc = await createTestEntity('异议');
    [licence] = await insertRecords('market', 'licence', licences, [marketLicence(uscc, addMonths(today, -2))]);
    [penalty] = await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, addMonths(today, -2))]);
    [listing, lateListing] = await insertRecords('market', 'listing', listings, [marketListing(uscc, addMonths(today, -3)), marketListing(uscc, addMonths(today, -4), { list: 'SERIOUS_VIOLATION' })]);
    [permit] = await insertRecords('environment', 'discharge-permit', dischargePermits, [dischargePermit(uscc, addMonths(today, -6))]);
    await grant(uscc, { organisation: bank, domains: ['MARKET', 'ENVIRONMENT'], purposes: ['LOAN_APPROVAL'] });
  });

  it('may be filed by anyone signed in, not anonymously, one at a time per record, with a deadline in working days', async () => {
    const anonymous = await asCaller({ kind: 'ANONYMOUS' }, FILE, { input: { recordId: licence, reason: '许可证号有误' } });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });

    const cases: [string, TestCaller, string][] = [
      [licence, bankCaller(), '许可内容与原件不符'],
      [penalty, { kind: 'SUBJECT', uscc }, '处罚决定已被复议撤销'],
      [listing, { kind: 'SUBJECT', uscc }, '住所可以联系，列入有误'],
      [permit, { kind: 'GOVERNMENT', department: 'TAX' }, '发证日期登记错误'],
    ];
    const { calendar } = defaultLifecycleOptions();
    const due = addWorkingDays(calendar, today, 15);
    for (const [recordId, caller, reason] of cases) {
      const filed = await asCaller(caller, FILE, { input: { recordId, reason } });
      expect(filed.errors, recordId).toBeUndefined();
      expect(filed.data.fileObjection).toMatchObject({ uscc, recordId, status: 'UNDER_REVIEW', dueOn: due, department: recordId.startsWith('market') ? 'MARKET' : 'ENVIRONMENT' });
      expect(filed.data.fileObjection.id).toMatch(/^platform\.objection\.\d+$/);
      objectionIds.set(recordId, filed.data.fileObjection.id);
    }
    // 15 working days after the day of filing, holidays and weekends not counted: three weeks or more.
    expect(isWorkingDay(calendar, due)).toBe(true);
    expect(workingDaysBetween(calendar, today, due)).toBe(15);
    expect(due >= addDays(today, 19)).toBe(true);

    const again = await asCaller({ kind: 'SUBJECT', uscc }, FILE, { input: { recordId: licence, reason: 'again' } });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0].message).toContain(`already under objection ${objectionIds.get(licence)}, due ${due}`);
    const unknown = await asCaller(bankCaller(), FILE, { input: { recordId: 'market.penalty.999999999', reason: 'x' } });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('shows the record as disputed in every view while under review', async () => {
    for (const [label, caller] of everyone()) {
      const records = await view(caller, uscc);
      for (const id of [licence, penalty, listing, permit]) expect(records.get(id)?.disputed, `${label}: ${id}`).toBe(true);
      expect(records.get(lateListing)?.disputed, label).toBe(false);
    }
  });

  it('is decided by government of the record’s source department only', async () => {
    const wrong = await asCaller(ENVIRONMENT, DECIDE, { id: objectionIds.get(licence), outcome: 'REJECTED', reason: '无误' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });
    const entity = await asCaller({ kind: 'SUBJECT', uscc }, DECIDE, { id: objectionIds.get(penalty), outcome: 'REVOKED', reason: '撤销' });
    expect(entity.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    expect((await view(MARKET, uscc)).get(licence)?.disputed).toBe(true);
  });

  it('upheld and revoked: the record leaves every view but government’s, with its objection in its history', async () => {
    const decided = await asCaller(MARKET, DECIDE, { id: objectionIds.get(penalty), outcome: 'REVOKED', reason: '处罚决定已被行政复议撤销' });
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideObjection).toMatchObject({ status: 'REVOKED', decidedBy: 'MARKET', correctionNote: null });
    for (const [label, caller] of everyone().slice(0, 3)) expect((await view(caller, uscc)).has(penalty), label).toBe(false);

    const history = await asCaller(
      MARKET,
      `query($uscc: USCC!) { entity(uscc: $uscc) { market { penalties { id disputed lifecycle { state since history { objections { id status reason filerKind filedBy decisionReason } } } } } } }`,
      { uscc },
    );
    expect(history.errors).toBeUndefined();
    const revoked = history.data.entity.market.penalties.find((p: { id: string }) => p.id === penalty);
    expect(revoked).toEqual({
      id: penalty,
      disputed: false,
      lifecycle: {
        state: 'REVOKED',
        since: today,
        history: { objections: [{ id: objectionIds.get(penalty), status: 'REVOKED', reason: '处罚决定已被复议撤销', filerKind: 'SUBJECT', filedBy: uscc, decisionReason: '处罚决定已被行政复议撤销' }] },
      },
    });
  });

  it('upheld and corrected: the record stays, no longer disputed, with its correction note for all to see', async () => {
    const missingNote = await asCaller(MARKET, DECIDE, { id: objectionIds.get(licence), outcome: 'CORRECTED', reason: '核实有误' });
    expect(missingNote.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const note = '许可内容更正为：预包装食品（含冷藏冷冻食品）销售';
    const decided = await asCaller(MARKET, DECIDE, { id: objectionIds.get(licence), outcome: 'CORRECTED', reason: '核实有误，已更正', note });
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideObjection).toMatchObject({ status: 'CORRECTED', correctionNote: note });
    for (const [label, caller] of everyone()) expect((await view(caller, uscc)).get(licence), label).toEqual({ id: licence, disputed: false, correctionNote: note });
  });

  it('rejected: the record stands as it was, no longer disputed', async () => {
    const decided = await asCaller(MARKET, DECIDE, { id: objectionIds.get(listing), outcome: 'REJECTED', reason: '经实地核查，住所无法联系属实' });
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideObjection.status).toBe('REJECTED');
    for (const [label, caller] of everyone()) expect((await view(caller, uscc)).get(listing), label).toEqual({ id: listing, disputed: false, current: true });
    const twice = await asCaller(MARKET, DECIDE, { id: objectionIds.get(listing), outcome: 'REVOKED', reason: 'x' });
    expect(twice.errors?.[0].message).toMatch(/already decided: REJECTED/);
  });

  it('lists an objection as overdue once its deadline has passed, and no longer once decided', async () => {
    const filed = await asCaller({ kind: 'SUBJECT', uscc }, FILE, { input: { recordId: lateListing, reason: '已于列入前补报年报' } });
    expect(filed.errors).toBeUndefined();
    const { id, dueOn } = filed.data.fileObjection;

    const onTheDay = await asCaller(MARKET, OVERDUE, { asOf: dueOn });
    expect(onTheDay.errors).toBeUndefined();
    expect(onTheDay.data.overdueObjections.map((o: { id: string }) => o.id)).not.toContain(id);
    const dayAfter = await asCaller(MARKET, OVERDUE, { asOf: addDays(dueOn, 1), department: 'MARKET' });
    expect(dayAfter.data.overdueObjections).toContainEqual({ id, recordId: lateListing, dueOn, status: 'UNDER_REVIEW' });
    // The permit's objection is environment's, due the same day.
    expect(dayAfter.data.overdueObjections.map((o: { recordId: string }) => o.recordId)).not.toContain(permit);
    const everyDepartment = await asCaller(MARKET, OVERDUE, { asOf: addDays(dueOn, 1) });
    expect(everyDepartment.data.overdueObjections.map((o: { recordId: string }) => o.recordId)).toEqual(expect.arrayContaining([lateListing, permit]));

    // Only government asks.
    for (const caller of [{ kind: 'SUBJECT', uscc }, bankCaller()] as TestCaller[]) {
      const denied = await asCaller(caller, OVERDUE, { asOf: addDays(dueOn, 1) });
      expect(denied.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    }

    await asCaller(MARKET, DECIDE, { id, outcome: 'REJECTED', reason: '列入依据充分' });
    const after = await asCaller(MARKET, OVERDUE, { asOf: addDays(dueOn, 1) });
    expect(after.data.overdueObjections.map((o: { id: string }) => o.id)).not.toContain(id);
  });

  it('shows the entity the objections to its records, and government a department’s work list', async () => {
    const own = await asCaller({ kind: 'SUBJECT', uscc }, `query($uscc: USCC!) { entity(uscc: $uscc) { objections { recordId status reason } } }`, { uscc });
    // Its own objections with its reasons; the bank's (and the tax department's, on the permit) with
    // their outcome but not their reasons, which are their filers' and government's (issue 12 item 6).
    // The revoked penalty has left the entity's view too, so the objection no longer names it (OUT_OF_VIEW).
    expect(own.data.entity.objections).toEqual(
      expect.arrayContaining([
        { recordId: null, status: 'REVOKED', reason: '处罚决定已被复议撤销' },
        { recordId: licence, status: 'CORRECTED', reason: null },
      ]),
    );
    expect(own.errors?.map((e) => e.extensions?.reason).sort()).toEqual(['FILER', 'FILER', 'OUT_OF_VIEW']);
    const queue = await asCaller(ENVIRONMENT, `{ objections(department: "ENVIRONMENT", status: UNDER_REVIEW) { recordId } }`);
    expect(queue.data.objections.map((o: { recordId: string }) => o.recordId)).toContain(permit);
  });
});
