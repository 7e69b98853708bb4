import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { latestPublishedTaxYear } from '../../subgraphs/platform/lists/listings.ts';
import { taxRatings } from '../../subgraphs/tax/db/tables.ts';
import { asCaller } from '../support/access.ts';
import { demoSubjects } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { createTestEntity, insertRecords, sourceId } from '../support/records.ts';
import type { TestCaller } from '../support/tokens.ts';

const today = chinaToday();
const MAKE = `mutation($input: CreditCommitmentInput!) { makeCreditCommitment(input: $input) { id kind content department madeOn dueOn outcome form } }`;
const PAPER = `mutation($input: PaperCommitmentInput!) { recordPaperCommitment(input: $input) { id form outcome } }`;
const DECIDE = `mutation($id: ID!, $outcome: CommitmentDecision!, $reason: String!) { decideCreditCommitment(id: $id, outcome: $outcome, reason: $reason) { id outcome outcomeReason decidedOn } }`;
const PROFILE = `query($uscc: USCC!) { entity(uscc: $uscc) {
  creditCommitments { id kind outcome outcomeReason department }
  listings(current: true) { listType colour sourceRecordId reason }
  creditEvaluation { grade score basis { indicator { code } records } }
} }`;
const ELIGIBILITY = `query($uscc: USCC!) { entity(uscc: $uscc) { eligibility(context: ADMINISTRATIVE_APPROVAL) { outcome allowed rewards { measure { code name } } reasons { measure { code effect } listing { listType } } } } }`;
const approvals: TestCaller = { kind: 'GOVERNMENT', department: 'ADMINISTRATIVE_APPROVAL' };
/** The platform's own office reads its INTERNAL work lists (government INTERNAL by need). */
const platformOffice: TestCaller = { kind: 'GOVERNMENT', department: 'PLATFORM' };

describe('credit commitments (信用承诺)', () => {
  let uscc: string;

  beforeAll(async () => {
    uscc = await createTestEntity('信用承诺');
    // An A-grade taxpayer: the red list that buys 容缺受理 in administrative approval.
    const year = latestPublishedTaxYear(today);
    await insertRecords('tax', 'rating', taxRatings, [
      { uscc, sourceDepartment: '国家税务总局福州市税务局', sourceId: sourceId('rating'), year, grade: 'A', score: 95, evaluatedOn: `${year + 1}-04-20`, authority: '国家税务总局福州市税务局' },
    ]);
  });

  it('are made by the entity, recorded from paper by government, and public with their outcomes', async () => {
    const made = await asCaller({ kind: 'SUBJECT', uscc }, MAKE, {
      input: { uscc, kind: 'DEFERRED_DOCUMENTS', content: '30日内补齐环评批复文件', department: 'ADMINISTRATIVE_APPROVAL', dueOn: addDays(today, 30) },
    });
    expect(made.errors).toBeUndefined();
    expect(made.data.makeCreditCommitment).toMatchObject({ kind: 'DEFERRED_DOCUMENTS', outcome: 'PENDING', form: 'ONLINE', madeOn: today });

    const paper = await asCaller(approvals, PAPER, {
      input: { uscc, kind: 'INDUSTRY_SELF_DISCIPLINE', content: '遵守行业自律公约', department: 'ADMINISTRATIVE_APPROVAL', dueOn: addMonths(today, 12), evidenceReference: '承诺书2026-001' },
    });
    expect(paper.data.recordPaperCommitment).toMatchObject({ form: 'PAPER', outcome: 'PENDING' });

    // Another entity, an institution, anonymous: refused.
    for (const caller of [{ kind: 'SUBJECT', uscc: await createTestEntity('他人') }, { kind: 'ANONYMOUS' }] as TestCaller[]) {
      const refused = await asCaller(caller, MAKE, { input: { uscc, kind: 'VOLUNTARY', content: 'x', department: 'MARKET', dueOn: addDays(today, 1) } });
      expect(refused.errors![0].extensions?.code).toBe('FORBIDDEN');
    }
    const past = await asCaller({ kind: 'SUBJECT', uscc }, MAKE, { input: { uscc, kind: 'VOLUNTARY', content: 'x', department: 'MARKET', dueOn: addDays(today, -1) } });
    expect(past.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(past.errors![0].message).toMatch(/^dueOn .* is in the past/);

    const anonymous = await graphql(PROFILE, { uscc });
    expect(anonymous.data.entity.creditCommitments.map((c: any) => c.kind).sort()).toEqual(['DEFERRED_DOCUMENTS', 'INDUSTRY_SELF_DISCIPLINE']);
  });

  it('a broken one shows in listings as a warning, withdraws 容缺受理 and lowers the evaluation', async () => {
    const before = await asCaller(approvals, ELIGIBILITY, { uscc });
    expect(before.data.entity.eligibility.rewards.map((r: any) => r.measure.code)).toContain('NAT-DEFERRED-DOCUMENTS');

    const commitment = (await graphql(PROFILE, { uscc })).data.entity.creditCommitments.find((c: any) => c.kind === 'DEFERRED_DOCUMENTS');
    // Only government of the department concerned records the outcome.
    const wrongDepartment = await asCaller({ kind: 'GOVERNMENT', department: 'MARKET' }, DECIDE, { id: commitment.id, outcome: 'BROKEN', reason: '逾期未补齐' });
    expect(wrongDepartment.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });
    const broken = await asCaller(approvals, DECIDE, { id: commitment.id, outcome: 'BROKEN', reason: '逾期未补齐环评批复文件' });
    expect(broken.errors).toBeUndefined();
    expect(broken.data.decideCreditCommitment).toMatchObject({ outcome: 'BROKEN', outcomeReason: '逾期未补齐环评批复文件', decidedOn: today });

    const profile = (await graphql(PROFILE, { uscc })).data.entity;
    expect(profile.creditCommitments).toContainEqual(expect.objectContaining({ id: commitment.id, outcome: 'BROKEN' }));
    expect(profile.listings).toContainEqual(expect.objectContaining({ listType: 'BROKEN_COMMITMENT', colour: 'WARNING', sourceRecordId: commitment.id }));
    expect(profile.creditEvaluation.basis).toContainEqual({ indicator: { code: 'BROKEN_COMMITMENT' }, records: [commitment.id] });

    const after = (await asCaller(approvals, ELIGIBILITY, { uscc })).data.entity.eligibility;
    expect(after.rewards.map((r: any) => r.measure.code)).not.toContain('NAT-DEFERRED-DOCUMENTS');
    expect(after.reasons).toContainEqual({ measure: { code: 'NAT-COMMITMENT-BROKEN', effect: 'RESTRICT' }, listing: { listType: 'BROKEN_COMMITMENT' } });
    expect(after.outcome).toBe('ALLOWED');
  });

  it('lists overdue ones for government', async () => {
    const OVERDUE = `query($department: String, $asOf: Date) { overdueCommitments(department: $department, asOf: $asOf) { id uscc dueOn outcome } }`;
    const later = await asCaller(platformOffice, OVERDUE, { department: 'ADMINISTRATIVE_APPROVAL', asOf: addMonths(today, 13) });
    expect(later.errors).toBeUndefined();
    expect(later.data.overdueCommitments).toContainEqual(expect.objectContaining({ uscc, outcome: 'PENDING' }));
    const now = await asCaller(platformOffice, OVERDUE, { department: 'ADMINISTRATIVE_APPROVAL' });
    expect(now.data.overdueCommitments.filter((c: any) => c.uscc === uscc)).toEqual([]);
    expect((await asCaller({ kind: 'SUBJECT', uscc }, OVERDUE, {})).errors![0].extensions?.code).toBe('FORBIDDEN');
  });

  it("shows tax's own commitments in the same list", async () => {
    const usccs = demoSubjects().slice(0, 100).map((s) => s.uscc);
    const { data, errors } = await graphql(`query($usccs: [USCC!]!) { entities(usccs: $usccs) { uscc tax { commitments { id outcome } } creditCommitments { id department outcome } } }`, { usccs });
    expect(errors).toBeUndefined();
    const withTax = data.entities.filter((e: any) => e.tax.commitments.length > 0);
    expect(withTax.length).toBeGreaterThan(0);
    for (const entity of withTax) {
      for (const c of entity.tax.commitments) expect(entity.creditCommitments).toContainEqual({ id: c.id, department: 'TAX', outcome: c.outcome });
    }
  });
});
