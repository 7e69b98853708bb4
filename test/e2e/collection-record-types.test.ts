import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { makeUscc } from '../../subgraphs/kit/identifiers/uscc.ts';
import { templateHeaders } from '../../subgraphs/kit/collection/file-import.ts';
import { asCaller, grant, uniqueOrganisation } from '../support/access.ts';
import { sourceId, testUscc } from '../support/records.ts';
import { collectingDepartments, registration, residentId, sampleRow, submitAs, withdrawAs } from '../support/submissions.ts';
import { headersFor, type TestCaller } from '../support/tokens.ts';

// The record types collection lacked: the persons a major tax-violation case names (natural persons:
// name and role published with the case as the law requires, the ID number government's only), market
// supervision's annual reports (finances AUTHORISED) and inspection results (notes INTERNAL).

const GOV_TAX: TestCaller = { kind: 'GOVERNMENT', department: 'TAX' };
const GOV_MARKET: TestCaller = { kind: 'GOVERNMENT', department: 'MARKET' };
const ANONYMOUS: TestCaller = { kind: 'ANONYMOUS' };
const typeOf = (department: string, recordType: string) => collectingDepartments().find((d) => d.department === department)!.collection.types.find((t) => t.recordType === recordType)!;
const base = () => inject('gatewayUrl').replace(/\/graphql$/, '');

function ok<T extends { errors?: unknown; data?: any }>(result: T, department: string, mutation: string) {
  expect(result.errors).toBeUndefined();
  return result.data[department][mutation];
}

async function register(uscc: string, overrides: Record<string, unknown> = {}) {
  ok(await submitAs('market', typeOf('market', 'REGISTRATION'), [registration(uscc, overrides)]), 'market', 'submitRegistrations');
}

describe('tax: persons named in a major tax-violation case', () => {
  const PERSONS = `query($uscc: USCC!) { entity(uscc: $uscc) { tax { violationCases { caseNumber responsiblePersons { id sourceId role name idNumber } } } } }`;
  let uscc: string;
  let caseRow: Record<string, unknown>;
  const idNumber = residentId('21060319750203452');

  beforeAll(async () => {
    uscc = testUscc();
    await register(uscc);
    caseRow = { ...sampleRow(typeOf('tax', 'VIOLATION_CASE'), uscc), kind: 'EVASION', caseNumber: '丹税稽罚〔2026〕7号' };
    expect(ok(await submitAs('tax', typeOf('tax', 'VIOLATION_CASE'), [caseRow]), 'tax', 'submitViolationCases')).toMatchObject({ accepted: 1 });
  });

  it('a bad ID number refuses its row with the field and rule named (never echoing the number), the good row is accepted', async () => {
    const person = typeOf('tax', 'VIOLATION_PERSON');
    const good = { sourceId: sourceId('person'), uscc, caseSourceId: caseRow.sourceId, role: 'LEGAL_REPRESENTATIVE', name: '王建国', idNumber };
    const badNumber = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
    const bad = { ...good, sourceId: sourceId('person'), role: 'FINANCE_HEAD', name: '李芳', idNumber: badNumber };
    const report = ok(await submitAs('tax', person, [good, bad]), 'tax', 'submitViolationPersons');
    expect(report).toMatchObject({ received: 2, accepted: 1, rejectedRows: 1, held: 0 });
    expect(report.rejected).toEqual([{ index: 1, sourceId: bad.sourceId, field: 'idNumber', rule: 'ID_NUMBER', message: `idNumber: resident ID number check character should be ${idNumber[17]}` }]);
    expect(report.rejected[0].message).not.toContain(badNumber);
  });

  it('the public sees the name and role under the case, not the ID number; government sees it', async () => {
    const anonymous = await asCaller(ANONYMOUS, PERSONS, { uscc });
    const [person] = anonymous.data.entity.tax.violationCases[0].responsiblePersons;
    expect(person).toMatchObject({ role: 'LEGAL_REPRESENTATIVE', name: '王建国', idNumber: null });
    expect(person.id).toMatch(/^tax\.violation-person\.\d+$/);
    expect(anonymous.errors?.find((e) => e.path?.at(-1) === 'idNumber')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const government = await asCaller(GOV_TAX, PERSONS, { uscc });
    expect(government.data.entity.tax.violationCases[0].responsiblePersons[0].idNumber).toBe(idNumber);
  });

  it('a person withdrawn leaves the public case; government sees the withdrawal', async () => {
    const person = typeOf('tax', 'VIOLATION_PERSON');
    const row = { sourceId: sourceId('person'), uscc, caseSourceId: caseRow.sourceId, role: 'INTERMEDIARY_AGENT', name: '赵强' };
    ok(await submitAs('tax', person, [row]), 'tax', 'submitViolationPersons');
    const names = async (caller: TestCaller) => (await asCaller(caller, PERSONS, { uscc })).data.entity.tax.violationCases[0].responsiblePersons.map((p: { name: string }) => p.name);
    expect(await names(ANONYMOUS)).toContain('赵强');
    expect((await withdrawAs('tax', 'VIOLATION_PERSON', [row.sourceId])).data.tax.withdrawRecords).toMatchObject({ withdrawn: 1 });
    expect(await names(ANONYMOUS)).not.toContain('赵强');
    const government = await asCaller(GOV_TAX, `query($uscc: USCC!) { entity(uscc: $uscc) { tax { violationCases { responsiblePersons { name withdrawal { reason } } } } } }`, { uscc });
    expect(government.data.entity.tax.violationCases[0].responsiblePersons.find((p: { name: string }) => p.name === '赵强').withdrawal).toEqual({ reason: '录入错误' });
  });

  it("an individual business's person is published whole, as the law requires (not masked)", async () => {
    const business = makeUscc('9', '2', '350100', `T${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`);
    await register(business, { entityType: 'INDIVIDUAL_BUSINESS', name: '王记小吃店', legalRepresentative: '王建军' });
    const row: Record<string, unknown> = { ...sampleRow(typeOf('tax', 'VIOLATION_CASE'), business), caseNumber: '丹税稽罚〔2026〕8号' };
    ok(await submitAs('tax', typeOf('tax', 'VIOLATION_CASE'), [row]), 'tax', 'submitViolationCases');
    ok(await submitAs('tax', typeOf('tax', 'VIOLATION_PERSON'), [{ sourceId: sourceId('person'), uscc: business, caseSourceId: row.sourceId, role: 'LEGAL_REPRESENTATIVE', name: '王建军', idNumber }]), 'tax', 'submitViolationPersons');
    const anonymous = await asCaller(ANONYMOUS, PERSONS, { uscc: business });
    expect(anonymous.data.entity.tax.violationCases[0].responsiblePersons[0]).toMatchObject({ name: '王建军', idNumber: null });
  });
});

describe('market: annual reports and inspection results', () => {
  const REPORTS = `query($uscc: USCC!) { entity(uscc: $uscc) { market { annualReports { year submittedOn publishedOn revenue netProfit } } } }`;
  const INSPECTIONS = `query($uscc: USCC!) { entity(uscc: $uscc) { market { inspections { taskName result publishedOn notes } } } }`;
  let uscc: string;
  const day = (n: number) => addDays(chinaToday(), n);

  beforeAll(async () => {
    uscc = testUscc();
    await register(uscc);
  });

  it('annual reports: a loss is a negative net profit, a negative asset total is refused, one report per year', async () => {
    const type = typeOf('market', 'ANNUAL_REPORT');
    const report = { sourceId: sourceId('ar'), uscc, year: '2025', submittedOn: day(-30), publishedOn: day(-29), employees: '12', totalAssets: '1,200,000.00', totalLiabilities: '300000', revenue: '800000.5', netProfit: '-1200.50', taxPaid: '3000' };
    const negativeAssets = { ...report, sourceId: sourceId('ar'), year: '2024', totalAssets: '-1' };
    const wrongOrder = { ...report, sourceId: sourceId('ar'), year: '2023', publishedOn: day(-40) };
    const first = ok(await submitAs('market', type, [report, negativeAssets, wrongOrder]), 'market', 'submitAnnualReports');
    expect(first).toMatchObject({ accepted: 1, rejectedRows: 2 });
    expect(first.rejected).toEqual([
      expect.objectContaining({ index: 1, field: 'totalAssets', rule: 'AMOUNT', message: 'totalAssets "-1": an amount in yuan must be at least 0' }),
      expect.objectContaining({ index: 2, field: 'publishedOn', rule: 'DATE_ORDER', message: `publishedOn ${day(-40)}: must not be before submittedOn (${day(-30)})` }),
    ]);
    const sameYear = ok(await submitAs('market', type, [{ ...report, sourceId: sourceId('ar') }]), 'market', 'submitAnnualReports');
    expect(sameYear.rejected[0]).toMatchObject({ field: 'year', rule: 'DUPLICATE' });

    const anonymous = await asCaller(ANONYMOUS, REPORTS, { uscc });
    expect(anonymous.data.entity.market.annualReports).toEqual([{ year: 2025, submittedOn: day(-30), publishedOn: day(-29), revenue: null, netProfit: null }]);
    expect(anonymous.errors?.find((e) => e.path?.at(-1) === 'netProfit')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    const organisation = uniqueOrganisation('AR');
    await grant(uscc, { organisation, domains: ['MARKET'], purposes: ['LOAN_APPROVAL'] });
    const bank = await asCaller({ kind: 'INSTITUTION', organisation, purpose: 'LOAN_APPROVAL' }, REPORTS, { uscc });
    expect(bank.errors).toBeUndefined();
    expect(bank.data.entity.market.annualReports[0]).toMatchObject({ revenue: '800000.50', netProfit: '-1200.50' });
  });

  it('inspections: the result is public, the notes government\'s; a withdrawn result leaves the public view', async () => {
    const type = typeOf('market', 'INSPECTION');
    const row = { sourceId: sourceId('insp'), uscc, taskName: '2026年度企业公示信息抽查', authority: '丹东市市场监督管理局', inspectedOn: day(-10), result: 'PROBLEMS_ORDERED_CORRECTED', publishedOn: day(-5), notes: '现场检查发现台账不全，已责令改正' };
    const badResult = { ...row, sourceId: sourceId('insp'), result: '合格' };
    const report = ok(await submitAs('market', type, [row, badResult]), 'market', 'submitInspections');
    expect(report).toMatchObject({ accepted: 1, rejectedRows: 1 });
    expect(report.rejected[0]).toMatchObject({ field: 'result', rule: 'ENUM' });
    expect(report.rejected[0].message).toMatch(/^result "合格": expected one of NO_PROBLEMS, /);

    const anonymous = await asCaller(ANONYMOUS, INSPECTIONS, { uscc });
    expect(anonymous.data.entity.market.inspections).toEqual([{ taskName: row.taskName, result: row.result, publishedOn: row.publishedOn, notes: null }]);
    expect((await asCaller(GOV_MARKET, INSPECTIONS, { uscc })).data.entity.market.inspections[0].notes).toBe(row.notes);

    expect((await withdrawAs('market', 'INSPECTION', [row.sourceId])).data.market.withdrawRecords).toMatchObject({ withdrawn: 1 });
    expect((await asCaller(ANONYMOUS, INSPECTIONS, { uscc })).data.entity.market.inspections).toEqual([]);
    const government = await asCaller(GOV_MARKET, `query($uscc: USCC!) { entity(uscc: $uscc) { market { inspections { withdrawal { reason } lifecycle { state } } } } }`, { uscc });
    expect(government.data.entity.market.inspections[0]).toEqual({ withdrawal: { reason: '录入错误' }, lifecycle: { state: 'WITHDRAWN' } });
  });

  it('each new type has its file template with the Chinese headers, and imports from it', async () => {
    for (const [department, recordType, first] of [['market', 'ANNUAL_REPORT', '报告年度'], ['market', 'INSPECTION', '抽查任务名称'], ['tax', 'VIOLATION_PERSON', '案件来源编号']] as const) {
      const response = await fetch(`${base()}/collection/template?department=${department}&type=${recordType}`);
      expect(response.status).toBe(200);
      const text = Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8');
      expect(text.startsWith(`数据来源编号,统一社会信用代码,${first}`)).toBe(true);
    }
    const type = typeOf('market', 'INSPECTION');
    const values = { sourceId: sourceId('insp'), uscc, taskName: '食品安全抽查', authority: '丹东市市场监督管理局', inspectedOn: day(-3), result: 'NO_PROBLEMS', publishedOn: day(-1), notes: '' };
    const names = ['sourceId', ...type.fields.map((f) => f.name)];
    const csv = Buffer.from(stringify([templateHeaders(type), names.map((n) => (values as Record<string, string>)[n] ?? '')]));
    const response = await fetch(`${base()}/collection?department=market&type=INSPECTION`, { method: 'POST', headers: await headersFor(GOV_MARKET), body: new Uint8Array(csv) });
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1).report).toMatchObject({ received: 1, accepted: 1, rejectedRows: 0 });
  });
});
