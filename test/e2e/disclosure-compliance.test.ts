import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { defaultLifecycleOptions } from '../../subgraphs/kit/disclosure/lifecycle-options.ts';
import { workingDaysBetween } from '../../subgraphs/kit/calendar/working-days.ts';
import { dischargePermits, environmentalPenalties } from '../../subgraphs/environment/db/tables.ts';
import { licences, penalties } from '../../subgraphs/market/db/tables.ts';
import { asCaller } from '../support/access.ts';
import { createTestEntity, dischargePermit, environmentalPenalty, insertRecords, marketLicence, marketPenalty } from '../support/records.ts';
import type { TestCaller } from '../support/tokens.ts';

// 双公示 compliance: per department and period, the share of licence and penalty decisions published
// within 7 working days, and the late ones. This suite's decisions come from authorities of its own
// (the demo data's are other bureaus), on days around weekends, public holidays and make-up working
// days (调休) of 2026, so every figure is known.

const run = Date.now().toString(36);
const MARKET_AUTHORITY = `测试市场监督管理局${run}`;
const ENVIRONMENT_AUTHORITY = `测试生态环境局${run}`;
const GOVERNMENT: TestCaller = { kind: 'GOVERNMENT', department: 'PLATFORM' };
const today = chinaToday();

const FIGURES = 'decisions publishedInTime publishedLate pending share late { recordId uscc kind authority decidedOn publishedOn workingDaysTaken }';
const QUERY = /* GraphQL */ `
  query($from: Date!, $to: Date!) {
    disclosureCompliance(from: $from, to: $to) {
      from to deadlineWorkingDays holidayCalendarCovers
      market { department ${FIGURES} byAuthority { authority ${FIGURES} } }
      environment { department ${FIGURES} byAuthority { authority ${FIGURES} } }
    }
  }
`;

type Figures = { authority?: string; decisions: number; publishedInTime: number; publishedLate: number; pending: number; share: number | null; late: Record<string, unknown>[] };

describe('双公示 compliance, per department and period, for government', () => {
  let uscc: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    uscc = await createTestEntity('双公示');
    const market = { authority: MARKET_AUTHORITY, sourceDepartment: MARKET_AUTHORITY };
    // Decided Tue 28 April 2026: 29, 30 April, then May Day (1–5 May off), 6, 7, 8 May, Saturday 9 May worked (调休), 11 May is the 7th working day.
    [ids.mayDayOnTime] = await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, '2026-04-28', { ...market, publishedOn: '2026-05-11' })]);
    [ids.mayDayLate] = await insertRecords('market', 'licence', licences, [marketLicence(uscc, '2026-04-28', { ...market, publishedOn: '2026-05-12' })]);
    // Decided Friday 6 March: the weekend does not count, so Tuesday 17 March is the 7th working day.
    [ids.weekendOnTime] = await insertRecords('market', 'licence', licences, [marketLicence(uscc, '2026-03-06', { ...market, publishedOn: '2026-03-17' })]);
    [ids.weekendLate] = await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, '2026-03-06', { ...market, publishedOn: '2026-03-18' })]);
    // Never published: late once 7 working days have passed.
    [ids.unpublished] = await insertRecords('market', 'penalty', penalties, [marketPenalty(uscc, '2026-06-01', { ...market, publishedOn: null })]);
    // Decided today, not yet published: pending, in neither count.
    [ids.pending] = await insertRecords('market', 'licence', licences, [marketLicence(uscc, today, { ...market, publishedOn: null })]);

    const environment = { authority: ENVIRONMENT_AUTHORITY, sourceDepartment: ENVIRONMENT_AUTHORITY };
    // Decided Wed 30 September: National Day (1–7 October) off, Saturday 10 October worked: 15 October is the 7th working day.
    [ids.nationalDay] = await insertRecords('environment', 'penalty', environmentalPenalties, [environmentalPenalty(uscc, '2026-09-30', { ...environment, publishedOn: '2026-10-15' })]);
    // Issued Fri 18 September: Sunday 20 worked, Mid-Autumn (Fri 25) off: 30 September is the 8th working day.
    [ids.midAutumn] = await insertRecords('environment', 'discharge-permit', dischargePermits, [dischargePermit(uscc, '2026-09-18', { ...environment, publishedOn: '2026-09-30' })]);
  });

  const authority = (figures: { byAuthority: Figures[] }, name: string) => figures.byAuthority.find((a) => a.authority === name)!;

  it('counts decisions published within 7 working days, weekends, holidays and make-up days reckoned', async () => {
    const result = await asCaller(GOVERNMENT, QUERY, { from: '2026-03-01', to: '2026-10-31' });
    expect(result.errors).toBeUndefined();
    const period = result.data.disclosureCompliance;
    expect(period).toMatchObject({ from: '2026-03-01', to: '2026-10-31', deadlineWorkingDays: 7, holidayCalendarCovers: true });

    const late = (recordId: string, kind: string, decidedOn: string, publishedOn: string | null, workingDaysTaken: number, who = MARKET_AUTHORITY) => ({
      recordId,
      uscc,
      kind,
      authority: who,
      decidedOn,
      publishedOn,
      workingDaysTaken,
    });
    const unpublishedFor = workingDaysBetween(defaultLifecycleOptions().calendar, '2026-06-01', today);
    expect(authority(period.market, MARKET_AUTHORITY)).toEqual({
      authority: MARKET_AUTHORITY,
      decisions: 5,
      publishedInTime: 2,
      publishedLate: 3,
      pending: 0,
      share: 0.4,
      late: [
        late(ids.weekendLate, 'PENALTY', '2026-03-06', '2026-03-18', 8),
        late(ids.mayDayLate, 'LICENCE', '2026-04-28', '2026-05-12', 8),
        late(ids.unpublished, 'PENALTY', '2026-06-01', null, unpublishedFor),
      ],
    });
    expect(authority(period.environment, ENVIRONMENT_AUTHORITY)).toEqual({
      authority: ENVIRONMENT_AUTHORITY,
      decisions: 2,
      publishedInTime: 1,
      publishedLate: 1,
      pending: 0,
      share: 0.5,
      late: [late(ids.midAutumn, 'LICENCE', '2026-09-18', '2026-09-30', 8, ENVIRONMENT_AUTHORITY)],
    });

    // Each department's totals hold its authorities' (the demo bureaus' among them).
    for (const part of [period.market, period.environment]) {
      const sum = (key: 'decisions' | 'publishedInTime' | 'publishedLate' | 'pending') => part.byAuthority.reduce((n: number, a: Figures) => n + a[key], 0);
      for (const key of ['decisions', 'publishedInTime', 'publishedLate', 'pending'] as const) expect(part[key], key).toBe(sum(key));
      expect(part.share).toBeCloseTo(part.publishedInTime / (part.publishedInTime + part.publishedLate));
      expect(part.late.length).toBe(part.publishedLate);
    }
    expect(period.market.department).toBe('MARKET');
    expect(period.environment.department).toBe('ENVIRONMENT');
  });

  it('counts a decision not yet published, its deadline not passed, as pending', async () => {
    const result = await asCaller(GOVERNMENT, QUERY, { from: today, to: today });
    expect(result.errors).toBeUndefined();
    expect(authority(result.data.disclosureCompliance.market, MARKET_AUTHORITY)).toMatchObject({ decisions: 1, publishedInTime: 0, publishedLate: 0, pending: 1, share: null, late: [] });
  });

  it('says when the holiday calendar does not cover the period', async () => {
    const result = await asCaller(GOVERNMENT, QUERY, { from: '2023-01-01', to: '2023-01-31' });
    expect(result.errors).toBeUndefined();
    expect(result.data.disclosureCompliance.holidayCalendarCovers).toBe(false);
  });

  it('is for government only', async () => {
    const callers: TestCaller[] = [{ kind: 'ANONYMOUS' }, { kind: 'SUBJECT', uscc }, { kind: 'INSTITUTION', organisation: 'BANK-COMPLIANCE', purpose: 'LOAN_APPROVAL' }];
    for (const caller of callers) {
      const result = await asCaller(caller, QUERY, { from: '2026-03-01', to: '2026-10-31' });
      expect(result.data?.disclosureCompliance ?? null, caller.kind).toBeNull();
      expect(result.errors?.[0].extensions, caller.kind).toMatchObject({ code: 'FORBIDDEN', reason: 'LEVEL' });
    }
  });

  it('refuses a period backwards or longer than a year', async () => {
    for (const [from, to] of [['2026-10-31', '2026-03-01'], ['2025-01-01', '2026-06-30']]) {
      const result = await asCaller(GOVERNMENT, QUERY, { from, to });
      expect(result.errors?.[0].extensions?.code, `${from}..${to}`).toBe('BAD_USER_INPUT');
    }
  });
});
