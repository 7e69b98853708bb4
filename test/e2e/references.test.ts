import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays, addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { exceedances } from '../../subgraphs/environment/db/tables.ts';
import { environmentalPenalties } from '../../subgraphs/environment/db/tables.ts';
import { taxCommitments, taxViolationCases } from '../../subgraphs/tax/db/tables.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { createTestEntity, environmentalPenalty, insertRecords, sourceId } from '../support/records.ts';
import { GOVERNMENT, type TestCaller } from '../support/tokens.ts';

// References follow visibility: a field that names another record (a decision number, a case number)
// is released only while the record it names is in the caller's view. One entity of this suite's own.

const today = chinaToday();

function exceedance(uscc: string, penaltyDecisionNumber: string | null): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '丹东市生态环境局',
    sourceId: sourceId('exceedance'),
    monitoringPoint: 'DW001 废水总排放口',
    pollutant: '化学需氧量',
    measuredValue: '120.000',
    limitValue: '100.000',
    unit: 'mg/L',
    standard: 'GB 8978-1996',
    measuredAt: `${addMonths(today, -14)} 08:00:00`,
    source: 'ONLINE_MONITORING',
    penaltyDecisionNumber,
  };
}

const EXCEEDANCES = /* GraphQL */ `
  query($uscc: USCC!) { entity(uscc: $uscc) { environment { exceedances { id penaltyDecisionNumber } penalties { decisionNumber } } } }
`;

describe('a field naming a record follows that record: the exceedance of an expired penalty', () => {
  let uscc: string;
  const bank = uniqueOrganisation('REFERENCES');
  const expiredNumber = `丹环罚〔${addMonths(today, -13).slice(0, 4)}〕E${Date.now() % 100000}号`;
  const liveNumber = `丹环罚〔${today.slice(0, 4)}〕L${Date.now() % 100000}号`;
  let expiredExceedance: string;
  let liveExceedance: string;

  beforeAll(async () => {
    uscc = await createTestEntity('超标引用');
    // A general penalty decided 13 months ago has left public view (1 year); one decided last week has not.
    await insertRecords('environment', 'penalty', environmentalPenalties, [
      environmentalPenalty(uscc, addMonths(today, -13), { decisionNumber: expiredNumber }),
      environmentalPenalty(uscc, addDays(today, -7), { decisionNumber: liveNumber }),
    ]);
    [expiredExceedance, liveExceedance] = await insertRecords('environment', 'exceedance', exceedances, [exceedance(uscc, expiredNumber), exceedance(uscc, liveNumber)]);
    await grant(uscc, { organisation: bank, domains: ['ENVIRONMENT'], purposes: ['LOAN_APPROVAL'] });
  });

  const callers: [string, TestCaller][] = [
    ['the entity itself', { kind: 'SUBJECT', uscc: '' }],
    ['an authorised bank', { kind: 'INSTITUTION', organisation: '', purpose: 'LOAN_APPROVAL' }],
  ];
  for (const [label, template] of callers) {
    it(`${label}: the exceedance stays, the expired penalty's number is withheld (FORBIDDEN, OUT_OF_VIEW), the live one's released`, async () => {
      const caller: TestCaller = template.kind === 'SUBJECT' ? { kind: 'SUBJECT', uscc } : { kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' };
      const result = await asCaller(caller, EXCEEDANCES, { uscc });
      const list: { id: string; penaltyDecisionNumber: string | null }[] = result.data.entity.environment.exceedances;
      expect(list.map((e) => e.id).sort()).toEqual([expiredExceedance, liveExceedance].sort());
      const expiredAt = list.findIndex((e) => e.id === expiredExceedance);
      expect(list[expiredAt].penaltyDecisionNumber).toBeNull();
      expect(outcomeOf(result, ['entity', 'environment', 'exceedances', expiredAt, 'penaltyDecisionNumber'], null)).toBe('OUT_OF_VIEW');
      expect(list.find((e) => e.id === liveExceedance)!.penaltyDecisionNumber).toBe(liveNumber);
      // The penalty itself is out of view too: the number is nowhere in the answer.
      expect(JSON.stringify(result.data)).not.toContain(expiredNumber);
    });
  }

  it('government sees both numbers: the expired penalty is in its view', async () => {
    const result = await asCaller(GOVERNMENT, EXCEEDANCES, { uscc });
    expect(result.errors).toBeUndefined();
    const numbers = result.data.entity.environment.exceedances.map((e: { penaltyDecisionNumber: string }) => e.penaltyDecisionNumber).sort();
    expect(numbers).toEqual([expiredNumber, liveNumber].sort());
  });
});

describe('a repair commitment follows the case it repairs', () => {
  let uscc: string;
  const caseNumber = `丹税稽罚〔2024〕R${Date.now() % 100000}号`;
  let commitment: string;
  let caseId: string;
  const COMMITMENTS = /* GraphQL */ `
    query($uscc: USCC!) { entity(uscc: $uscc) { tax { commitments { id kind content repairedCaseNumber } violationCases { id caseNumber } } } }
  `;

  beforeAll(async () => {
    uscc = await createTestEntity('修复承诺');
    // The case was listed, then publication stopped early after payment in full: history (government's).
    [caseId] = await insertRecords('tax', 'violation-case', taxViolationCases, [
      {
        uscc,
        sourceDepartment: '国家税务总局丹东市税务局稽查局',
        sourceId: sourceId('violation'),
        caseNumber,
        kind: 'EVASION',
        facts: '经查，该单位少缴税款。',
        basis: '《中华人民共和国税收征收管理法》第六十三条第一款',
        amountInvolved: '1200000.00',
        handling: '追缴税款并加收滞纳金。',
        fineAmount: null,
        authority: '国家税务总局丹东市税务局稽查局',
        listedOn: addMonths(today, -10),
        removedOn: addMonths(today, -2),
        removalReason: '当事人已缴清税款、滞纳金和罚款，经申请提前停止公布',
      },
    ]);
    [commitment] = await insertRecords('tax', 'commitment', taxCommitments, [
      {
        uscc,
        sourceDepartment: '国家税务总局丹东市振兴区税务局',
        sourceId: sourceId('commitment'),
        kind: 'CREDIT_REPAIR',
        content: '本单位已缴清偷税案件涉及的税款、滞纳金和罚款，申请提前停止公布。',
        authority: '国家税务总局丹东市振兴区税务局',
        madeOn: addMonths(today, -3),
        dueOn: addMonths(today, 9),
        outcome: 'PENDING',
        verifiedOn: null,
        repairedCaseNumber: caseNumber,
      },
    ]);
  });

  for (const caller of [{ kind: 'ANONYMOUS' }, { kind: 'SUBJECT', uscc: 'self' }] as const) {
    it(`${caller.kind}: neither the case nor the commitment that repaired it, nor the case number, appears`, async () => {
      const result = await asCaller(caller.kind === 'SUBJECT' ? { kind: 'SUBJECT', uscc } : caller, COMMITMENTS, { uscc });
      expect(result.errors).toBeUndefined();
      expect(result.data.entity.tax.violationCases).toEqual([]);
      expect(result.data.entity.tax.commitments).toEqual([]);
      expect(JSON.stringify(result.data)).not.toContain(caseNumber);
    });
  }

  it('government sees the case and the commitment naming it', async () => {
    const result = await asCaller(GOVERNMENT, COMMITMENTS, { uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.tax.violationCases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(result.data.entity.tax.commitments).toEqual([
      expect.objectContaining({ id: commitment, kind: 'CREDIT_REPAIR', repairedCaseNumber: caseNumber }),
    ]);
  });
});
