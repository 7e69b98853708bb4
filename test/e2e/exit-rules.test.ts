import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningGateway } from '../../gateway/gateway.ts';
import { courts } from '../../subgraphs/courts/index.ts';
import { consumptionRestrictions, dishonestDebtors, enforcementCases } from '../../subgraphs/courts/db/tables.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { tax } from '../../subgraphs/tax/index.ts';
import { taxArrears } from '../../subgraphs/tax/db/tables.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { addDays, addMonths } from '../../subgraphs/kit/calendar/dates.ts';
import { asCaller, grant, outcomeOf, uniqueOrganisation } from '../support/access.ts';
import { graphql, type GraphQLResult } from '../support/graphql.ts';
import { startOwnGateway } from '../support/own-gateway.ts';
import { createTestEntity, insertRecords, sourceId } from '../support/records.ts';
import { headersFor, type TestCaller } from '../support/tokens.ts';

// Exit rules (退出机制): a settled arrear and a performed enforcement case stay public for the exit period
// (EXIT_PERIODS, default 3 months) from the day they were settled or concluded, then only government sees
// them, marked EXPIRED; a debtor entry and a restriction order issued in the case leave with it, and so
// do the listings and the evaluation built on them. Tax and courts are served here at chosen instants
// (their legal day is the request's, China Standard Time), behind a gateway of this suite's own; the
// market supervision and platform departments are the run's.

const SETTLED = '2026-03-15';
/** SETTLED + 3 months (民法典第二百零二条): the last public day. */
const LAST_DAY = '2026-06-15';
const AT = {
  dayBefore: '2026-06-14T04:00:00Z', // 12:00 on 14 June in Beijing
  lastDay: '2026-06-15T15:30:00Z', // 23:30 on 15 June in Beijing
  dayAfter: '2026-06-15T16:30:00Z', // 00:30 on 16 June in Beijing, still 15 June in UTC
};

const court = '丹东市振兴区人民法院';
const caseNumber = (n: number) => `（2025）辽0603执${9000 + n}${Date.now() % 1000}号`;

function arrear(uscc: string, settledOn: string | null): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: '国家税务总局丹东市振兴区税务局',
    sourceId: sourceId('arrears'),
    taxType: '增值税',
    amountOwed: '85000.00',
    currentArrears: '12000.00',
    period: '2025Q4',
    announcedOn: '2026-01-10',
    settledOn,
    authority: '国家税务总局丹东市振兴区税务局',
  };
}

function enforcement(uscc: string, number: string, status: string, concludedOn: string | null): Record<string, unknown> {
  return { uscc, sourceDepartment: court, sourceId: sourceId('enforcement'), caseNumber: number, court, filedOn: '2025-06-01', amount: '230000.00', status, concludedOn };
}

/** A debtor entry the court has not (yet) reported removed: in force on its own, it follows its case. */
function debtorEntry(uscc: string, number: string): Record<string, unknown> {
  return {
    uscc,
    sourceDepartment: court,
    sourceId: sourceId('dishonest'),
    caseNumber: number,
    court,
    filedOn: '2025-06-01',
    basisDocumentNumber: '（2025）辽0603民初3321号',
    basisIssuer: court,
    duty: '被执行人向申请执行人支付货款，并负担案件受理费',
    performance: 'NOT_PERFORMED',
    conduct: '有履行能力而拒不履行生效法律文书确定义务',
    legalRepresentative: '张三',
    outstandingAmount: '230000.00',
    publishedOn: '2025-08-01',
    removedOn: null,
    removalReason: null,
  };
}

function restrictionOrder(uscc: string, number: string): Record<string, unknown> {
  return { uscc, sourceDepartment: court, sourceId: sourceId('restriction'), caseNumber: number, court, restrictedPersons: '张三', restrictions: 'AIR_TRAVEL,HIGH_SPEED_TRAINS', issuedOn: '2025-06-10', liftedOn: null };
}

const PROFILE = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      tax { arrears { id settledOn outstanding publicityEndsOn expired } }
      courts {
        enforcementCases { id caseNumber status concludedOn publicityEndsOn expired }
        dishonestDebtorEntries { id caseNumber }
        consumptionRestrictions { id caseNumber }
      }
      listings(current: true) { listType sourceRecordId reference }
      jointMeasures { listing { sourceRecordId } }
      creditEvaluation { grade basis { records } }
    }
  }
`;
const BANK_PROFILE = PROFILE.replace('concludedOn publicityEndsOn', 'concludedOn amount publicityEndsOn');
const GOVERNMENT_PROFILE = /* GraphQL */ `
  query($uscc: USCC!) {
    entity(uscc: $uscc) {
      tax { arrears { id settledOn publicityEndsOn expired lifecycle { state since } } }
      courts {
        enforcementCases { id status publicityEndsOn expired lifecycle { state since } }
        dishonestDebtorEntries { id caseNumber }
        consumptionRestrictions { id caseNumber }
      }
    }
  }
`;

const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();

describe('exit rules: a settled arrear and a performed enforcement case leave public view after the exit period', () => {
  let uscc: string;
  let settledArrear: string;
  let outstandingArrear: string;
  let concludedCase: string;
  let terminatedCase: string;
  let entry: string;
  let order: string;
  let concludedNumber: string;
  const bank = uniqueOrganisation('EXIT');
  let now = AT.dayBefore;
  const servers: RunningSubgraph[] = [];
  let gateway: RunningGateway;

  beforeAll(async () => {
    uscc = await createTestEntity('退出规则');
    [settledArrear, outstandingArrear] = await insertRecords('tax', 'arrears', taxArrears, [arrear(uscc, SETTLED), arrear(uscc, null)]);
    concludedNumber = caseNumber(1);
    [concludedCase, terminatedCase] = await insertRecords('courts', 'enforcement-case', enforcementCases, [
      enforcement(uscc, concludedNumber, 'CONCLUDED', SETTLED),
      // Closed by 终本 long ago: the debt stands, so the case stays public.
      enforcement(uscc, caseNumber(2), 'TERMINATED', '2025-10-01'),
    ]);
    [entry] = await insertRecords('courts', 'dishonest-debtor', dishonestDebtors, [debtorEntry(uscc, concludedNumber)]);
    [order] = await insertRecords('courts', 'consumption-restriction', consumptionRestrictions, [restrictionOrder(uscc, concludedNumber)]);
    await grant(uscc, { organisation: bank, domains: ['TAX', 'COURTS'], purposes: ['LOAN_APPROVAL'] });

    const urls = inject('subgraphUrls');
    const platformUrl = urls.platform.replace(/\/graphql$/, '');
    for (const definition of [tax, courts]) {
      servers.push(
        await startSubgraph(definition, {
          databaseUrl: inject('databaseUrls')[definition.name],
          port: 0,
          migrate: false,
          logger: createLogger(`${definition.name}-exit-rules`),
          gatewayPublicKey: createPublicKey({ key: inject('callerKeys').publicJwk, format: 'jwk' }),
          platformUrl,
          departmentUrls: urls,
          clock: () => new Date(now),
        }),
      );
    }
    gateway = await startOwnGateway({ subgraphUrls: { ...urls, tax: servers[0].url, courts: servers[1].url } });
  });

  afterAll(async () => {
    await gateway?.stop();
    for (const server of servers) await server.stop();
  });

  async function as(caller: TestCaller, query: string, instant: string): Promise<GraphQLResult> {
    now = instant;
    return graphql(query, { uscc }, { url: gateway.url, headers: await headersFor(caller) });
  }

  const outsiders: [string, () => TestCaller, string][] = [
    ['an anonymous caller', () => ({ kind: 'ANONYMOUS' }), PROFILE],
    ['a bank the entity has authorised', () => ({ kind: 'INSTITUTION', organisation: bank, purpose: 'LOAN_APPROVAL' }), BANK_PROFILE],
    ['the entity itself', () => ({ kind: 'SUBJECT', uscc }), PROFILE],
  ];

  describe.each(outsiders)('%s', (_label, caller, query) => {
    it.each([
      ['the day before the exit period ends', AT.dayBefore],
      ['the last day of the exit period (23:30 in Beijing)', AT.lastDay],
    ])('sees the settled arrear, the performed case and the entry and order issued in it on %s', async (_when, instant) => {
      const result = await as(caller(), query, instant);
      expect(result.errors).toBeUndefined();
      const { tax: taxRecords, courts: courtRecords, listings, jointMeasures, creditEvaluation } = result.data.entity;
      expect(ids(taxRecords.arrears)).toEqual([settledArrear, outstandingArrear].sort());
      expect(taxRecords.arrears.find((a: { id: string }) => a.id === settledArrear)).toEqual({
        id: settledArrear,
        settledOn: SETTLED,
        outstanding: false,
        publicityEndsOn: LAST_DAY,
        expired: false,
      });
      expect(taxRecords.arrears.find((a: { id: string }) => a.id === outstandingArrear)).toMatchObject({ outstanding: true, publicityEndsOn: null, expired: false });
      expect(ids(courtRecords.enforcementCases)).toEqual([concludedCase, terminatedCase].sort());
      expect(courtRecords.enforcementCases.find((c: { id: string }) => c.id === concludedCase)).toMatchObject({ status: 'CONCLUDED', publicityEndsOn: LAST_DAY, expired: false });
      expect(courtRecords.enforcementCases.find((c: { id: string }) => c.id === terminatedCase)).toMatchObject({ status: 'TERMINATED', publicityEndsOn: null, expired: false });
      if (query === BANK_PROFILE) expect(courtRecords.enforcementCases.map((c: { amount: string }) => c.amount)).toEqual(['230000.00', '230000.00']);
      expect(courtRecords.dishonestDebtorEntries).toEqual([{ id: entry, caseNumber: concludedNumber }]);
      expect(courtRecords.consumptionRestrictions).toEqual([{ id: order, caseNumber: concludedNumber }]);
      expect(listings.map((l: { sourceRecordId: string }) => l.sourceRecordId).sort()).toEqual([entry, order].sort());
      expect(new Set(jointMeasures.map((m: { listing: { sourceRecordId: string } }) => m.listing.sourceRecordId))).toEqual(new Set([entry, order]));
      expect(creditEvaluation.grade).toBe('D');
      expect(creditEvaluation.basis.flatMap((line: { records: string[] }) => line.records)).toContain(entry);
    });

    it('sees neither the settled arrear nor the performed case, nor anything naming it, from 00:00 the day after (Beijing)', async () => {
      const result = await as(caller(), query, AT.dayAfter);
      expect(result.errors).toBeUndefined();
      const { tax: taxRecords, courts: courtRecords, listings, jointMeasures, creditEvaluation } = result.data.entity;
      expect(ids(taxRecords.arrears)).toEqual([outstandingArrear]);
      expect(ids(courtRecords.enforcementCases)).toEqual([terminatedCase]);
      expect(courtRecords.dishonestDebtorEntries).toEqual([]);
      expect(courtRecords.consumptionRestrictions).toEqual([]);
      expect(listings).toEqual([]);
      expect(jointMeasures).toEqual([]);
      expect(creditEvaluation.basis.flatMap((line: { records: string[] }) => line.records)).toEqual([]);
      expect(creditEvaluation.grade).not.toBe('D');
      // Nowhere in the answer: not its id, not its case number.
      const text = JSON.stringify(result.data);
      for (const gone of [settledArrear, concludedCase, entry, order, concludedNumber]) expect(text).not.toContain(gone);
    });
  });

  it('shows government both, the day after, as history: EXPIRED since that day, with the entry and order issued in the case', async () => {
    const result = await as({ kind: 'GOVERNMENT', department: 'TAX' }, GOVERNMENT_PROFILE, AT.dayAfter);
    expect(result.errors).toBeUndefined();
    const { tax: taxRecords, courts: courtRecords } = result.data.entity;
    expect(taxRecords.arrears.find((a: { id: string }) => a.id === settledArrear)).toEqual({
      id: settledArrear,
      settledOn: SETTLED,
      publicityEndsOn: LAST_DAY,
      expired: true,
      lifecycle: { state: 'EXPIRED', since: '2026-06-16' },
    });
    expect(taxRecords.arrears.find((a: { id: string }) => a.id === outstandingArrear)).toMatchObject({ expired: false, lifecycle: { state: 'IN_FORCE', since: null } });
    expect(courtRecords.enforcementCases.find((c: { id: string }) => c.id === concludedCase)).toEqual({
      id: concludedCase,
      status: 'CONCLUDED',
      publicityEndsOn: LAST_DAY,
      expired: true,
      lifecycle: { state: 'EXPIRED', since: '2026-06-16' },
    });
    expect(courtRecords.enforcementCases.find((c: { id: string }) => c.id === terminatedCase)).toMatchObject({ expired: false, lifecycle: { state: 'IN_FORCE' } });
    expect(courtRecords.dishonestDebtorEntries).toEqual([{ id: entry, caseNumber: concludedNumber }]);
    expect(courtRecords.consumptionRestrictions).toEqual([{ id: order, caseNumber: concludedNumber }]);
  });

  it('keeps the history marking itself from everyone but government', async () => {
    const result = await as({ kind: 'SUBJECT', uscc }, `query($uscc: USCC!) { entity(uscc: $uscc) { tax { arrears { id lifecycle { state } } } } }`, AT.dayBefore);
    expect(result.data.entity.tax.arrears.map((a: { lifecycle: unknown }) => a.lifecycle)).toEqual([null, null]);
    expect(outcomeOf(result, ['entity', 'tax', 'arrears', 0, 'lifecycle'], null)).toBe('LEVEL');
  });
});

const REPORT = /* GraphQL */ `
  mutation($input: CreditReportInput!) {
    issueCreditReport(input: $input) { summary { listEntries } sections { domain coverage records { category recordId reference inForce } } document }
  }
`;

describe('a credit report does not re-publish what has left public view', () => {
  const today = chinaToday();
  let uscc: string;
  let exited: string[];
  let kept: { arrear: string; enforcement: string };
  let exitedNumber: string;
  const bank = uniqueOrganisation('EXIT-REPORT');

  beforeAll(async () => {
    uscc = await createTestEntity('退出报告');
    // Settled and performed four months ago: past the 3-month exit period. A week ago: inside it.
    const longAgo = addMonths(today, -4);
    const lately = addDays(today, -7);
    exitedNumber = caseNumber(3);
    const [oldArrear, newArrear] = await insertRecords('tax', 'arrears', taxArrears, [arrear(uscc, longAgo), arrear(uscc, lately)]);
    const [oldCase, newCase] = await insertRecords('courts', 'enforcement-case', enforcementCases, [
      enforcement(uscc, exitedNumber, 'CONCLUDED', longAgo),
      enforcement(uscc, caseNumber(4), 'CONCLUDED', lately),
    ]);
    const [oldEntry] = await insertRecords('courts', 'dishonest-debtor', dishonestDebtors, [debtorEntry(uscc, exitedNumber)]);
    exited = [oldArrear, oldCase, oldEntry];
    kept = { arrear: newArrear, enforcement: newCase };
    await grant(uscc, { organisation: bank, domains: ['TAX', 'COURTS'], purposes: ['CREDIT_REPORT'] });
  });

  const special = { kind: 'SPECIAL', purpose: '招投标', from: addMonths(chinaToday(), -36), to: chinaToday(), domains: ['TAX', 'COURTS'] };
  const reporters: [string, () => TestCaller, Record<string, unknown>][] = [
    ['the entity itself, a 专项信用报告', () => ({ kind: 'SUBJECT', uscc }), special],
    // Courts only: an institution's report over TAX is refused today whatever its records (the tax
    // department cannot check the bank's grants for the AUTHORISED ratings in a forwarded query).
    ['an authorised bank, a 专项信用报告 on the courts', () => ({ kind: 'INSTITUTION', organisation: bank, purpose: 'CREDIT_REPORT' }), { ...special, purpose: null, domains: ['COURTS'] }],
  ];

  it.each(reporters)('%s: the arrear and case still in their exit period, not those past it nor the entry naming one', async (_label, caller, input) => {
    const result = await asCaller(caller(), REPORT, { input: { uscc, ...input } });
    expect(result.errors).toBeUndefined();
    const report = result.data.issueCreditReport;
    const recordIds = report.sections.flatMap((s: { records: { recordId: string }[] }) => s.records.map((r) => r.recordId));
    const courtsOnly = (input.domains as string[]).length === 1;
    expect(recordIds.sort()).toEqual((courtsOnly ? [kept.enforcement] : [kept.arrear, kept.enforcement]).sort());
    expect(report.summary?.listEntries ?? 0).toBe(0);
    for (const gone of [...exited, exitedNumber]) expect(JSON.stringify(report)).not.toContain(gone);
  });

  it('government: every record, those past their exit period as history (not in force)', async () => {
    const result = await asCaller({ kind: 'GOVERNMENT', department: 'COURTS' }, REPORT, { input: { uscc, kind: 'PUBLIC_CREDIT', purpose: '执行案件核查', domains: ['TAX', 'COURTS'] } });
    expect(result.errors).toBeUndefined();
    const records = result.data.issueCreditReport.sections.flatMap((s: { records: { recordId: string; inForce: boolean }[] }) => s.records);
    expect(records.map((r: { recordId: string }) => r.recordId).sort()).toEqual([...exited, kept.arrear, kept.enforcement].sort());
    for (const id of exited.slice(0, 2)) expect(records.find((r: { recordId: string }) => r.recordId === id).inForce).toBe(false);
  });
});
