import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays } from '../../subgraphs/kit/calendar/dates.ts';
import { judgments } from '../../subgraphs/courts/db/tables.ts';
import { creditEvaluations } from '../../subgraphs/environment/db/tables.ts';
import { taxRatings } from '../../subgraphs/tax/db/tables.ts';
import { asCaller } from '../support/access.ts';
import { createTestEntity, insertRecords, sourceId } from '../support/records.ts';
import { GOVERNMENT } from '../support/tokens.ts';

// Publication is a state: a record is public from its publication day, not from its insertion; a record
// without one is not public; a grade superseded by a newer published one is history (government's).

const today = chinaToday();
const ANONYMOUS = { kind: 'ANONYMOUS' } as const;

function judgment(uscc: string, caseNumber: string, publishedOn: string | null): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '丹东市振兴区人民法院',
    sourceId: sourceId('judgment'),
    caseNumber,
    causeOfAction: '买卖合同纠纷',
    role: 'DEFENDANT',
    instance: 'FIRST_INSTANCE',
    court: '丹东市振兴区人民法院',
    decidedOn: addDays(today, -60),
    publishedOn,
    amount: '12000.00',
    resultSummary: '被告于本判决生效之日起十日内向原告支付货款；案件受理费由被告负担。',
  };
}

describe('an unpublished judgment is invisible until its day', () => {
  let uscc: string;
  const stamp = Date.now() % 100000;
  const numbers = { never: `（2026）辽0603民初N${stamp}号`, tomorrow: `（2026）辽0603民初T${stamp}号`, today: `（2026）辽0603民初D${stamp}号` };
  const QUERY = `query($uscc: USCC!) { entity(uscc: $uscc) { courts { judgments { caseNumber publishedOn } } } }`;

  beforeAll(async () => {
    uscc = await createTestEntity('裁判文书');
    await insertRecords('courts', 'judgment', judgments, [
      judgment(uscc, numbers.never, null),
      judgment(uscc, numbers.tomorrow, addDays(today, 1)),
      judgment(uscc, numbers.today, today),
    ]);
  });

  for (const caller of [ANONYMOUS, { kind: 'SUBJECT', uscc: 'self' }] as const) {
    it(`${caller.kind}: only the judgment published today; none without a day, none due tomorrow`, async () => {
      const result = await asCaller(caller.kind === 'SUBJECT' ? { kind: 'SUBJECT', uscc } : caller, QUERY, { uscc });
      expect(result.errors).toBeUndefined();
      expect(result.data.entity.courts.judgments).toEqual([{ caseNumber: numbers.today, publishedOn: today }]);
    });
  }

  it('government sees all three, the unpublished ones marked UNPUBLISHED', async () => {
    const result = await asCaller(GOVERNMENT, `query($uscc: USCC!) { entity(uscc: $uscc) { courts { judgments { caseNumber lifecycle { state } } } } }`, { uscc });
    expect(result.errors).toBeUndefined();
    const states = Object.fromEntries(result.data.entity.courts.judgments.map((j: { caseNumber: string; lifecycle: { state: string } }) => [j.caseNumber, j.lifecycle.state]));
    expect(states).toEqual({ [numbers.never]: 'UNPUBLISHED', [numbers.tomorrow]: 'UNPUBLISHED', [numbers.today]: 'IN_FORCE' });
  });
});

describe('only the current environmental grade is public', () => {
  let uscc: string;
  const evaluation = (year: number, grade: string, publishedOn: string | null) => ({
    uscc,
    sourceDepartment: '丹东市生态环境局',
    sourceId: sourceId('evaluation'),
    year,
    scheme: 'NATIONAL',
    grade,
    evaluatedBy: '丹东市生态环境局',
    publishedOn,
  });
  const LISTINGS = `query($uscc: USCC!) { entity(uscc: $uscc) { environment { creditEvaluations { year grade } } listings(current: false) { department year colour } } }`;

  beforeAll(async () => {
    uscc = await createTestEntity('环境信用');
    // 2023 poor and 2024 warned, both superseded by 2025's good grade; 2026's result is not yet published.
    await insertRecords('environment', 'credit-evaluation', creditEvaluations, [
      evaluation(2023, 'POOR', addDays(today, -700)),
      evaluation(2024, 'WARNING', addDays(today, -330)),
      evaluation(2025, 'GOOD', addDays(today, -20)),
      evaluation(2026, 'HONEST', addDays(today, 10)),
    ]);
  });

  it('anonymous: the 2025 grade only, and no superseded BLACK or WARNING entry in listings(current: false)', async () => {
    const result = await asCaller(ANONYMOUS, LISTINGS, { uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.environment.creditEvaluations).toEqual([{ year: 2025, grade: 'GOOD' }]);
    expect(result.data.entity.listings.filter((l: { department: string }) => l.department === 'ENVIRONMENT')).toEqual([]);
  });

  it('government: every year, the older ones SUPERSEDED, the unpublished one UNPUBLISHED, and their history in listings', async () => {
    const result = await asCaller(GOVERNMENT, `query($uscc: USCC!) { entity(uscc: $uscc) { environment { creditEvaluations { year lifecycle { state since } } } listings(current: false) { department year colour } } }`, { uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.environment.creditEvaluations.map((e: { year: number; lifecycle: { state: string; since: string | null } }) => [e.year, e.lifecycle.state, e.lifecycle.since])).toEqual([
      [2026, 'UNPUBLISHED', null],
      [2025, 'IN_FORCE', null],
      [2024, 'SUPERSEDED', addDays(today, -20)],
      [2023, 'SUPERSEDED', addDays(today, -330)],
    ]);
    const colours = result.data.entity.listings.filter((l: { department: string }) => l.department === 'ENVIRONMENT').map((l: { colour: string }) => l.colour);
    expect(colours).toEqual(expect.arrayContaining(['BLACK', 'WARNING']));
  });
});

describe('an A-grade year is public from the day the A list is published', () => {
  let uscc: string;
  const rating = (year: number, evaluatedOn: string) => ({
    uscc,
    sourceDepartment: '国家税务总局丹东市振兴区税务局',
    sourceId: sourceId('rating'),
    year,
    grade: 'A',
    score: 95,
    evaluatedOn,
    authority: '国家税务总局丹东市振兴区税务局',
  });

  beforeAll(async () => {
    uscc = await createTestEntity('A级纳税人');
    await insertRecords('tax', 'rating', taxRatings, [rating(2024, addDays(today, -200)), rating(2025, addDays(today, 1))]);
  });

  it('anonymous: the year determined in the past, not the one determined tomorrow', async () => {
    const result = await asCaller(ANONYMOUS, `query($uscc: USCC!) { entity(uscc: $uscc) { tax { aGradeYears } } }`, { uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.entity.tax.aGradeYears).toEqual([2024]);
  });
});
