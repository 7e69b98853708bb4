import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../subgraphs/kit/runtime/config.ts';
import { DEFAULT_EXIT_PERIODS, exitEndsOn, parseExitPeriods } from '../../subgraphs/kit/disclosure/exit-periods.ts';
import { readLifecycleOptions } from '../../subgraphs/kit/disclosure/lifecycle-options.ts';
import { DEFAULT_PUBLICITY_PERIODS } from '../../subgraphs/kit/disclosure/publicity-window.ts';
import { discloseRecord, isDisclosedTo, type DisclosedRecordType } from '../../subgraphs/kit/disclosure/visibility.ts';
import { taxArrears } from '../../subgraphs/tax/db/tables.ts';
import { enforcementCases } from '../../subgraphs/courts/db/tables.ts';
import { tax } from '../../subgraphs/tax/index.ts';
import { courts } from '../../subgraphs/courts/index.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { licences } from '../../subgraphs/market/db/tables.ts';
import { market } from '../../subgraphs/market/index.ts';

const ENTITY = '91350100M000100Y43';

describe('exit periods (EXIT_PERIODS)', () => {
  it('default to 3 months for settled arrears and for performed enforcement cases', () => {
    expect(parseExitPeriods(undefined)).toEqual({ SETTLED_ARREARS: 3, CONCLUDED_ENFORCEMENT: 3 });
    expect(parseExitPeriods('  ')).toBe(DEFAULT_EXIT_PERIODS);
  });

  it('read months and years, from 0 months to 3 years, keeping the default for rules not named', () => {
    expect(parseExitPeriods('SETTLED_ARREARS:6m')).toEqual({ SETTLED_ARREARS: 6, CONCLUDED_ENFORCEMENT: 3 });
    expect(parseExitPeriods(' CONCLUDED_ENFORCEMENT:1y , SETTLED_ARREARS:0m ')).toEqual({ SETTLED_ARREARS: 0, CONCLUDED_ENFORCEMENT: 12 });
    expect(parseExitPeriods('SETTLED_ARREARS:3y,CONCLUDED_ENFORCEMENT:36m')).toEqual({ SETTLED_ARREARS: 36, CONCLUDED_ENFORCEMENT: 36 });
  });

  it.each([
    ['SETTLED_ARREARS=3m', /RULE:PERIOD pairs such as SETTLED_ARREARS:3m,CONCLUDED_ENFORCEMENT:6m \(rule SETTLED_ARREARS or CONCLUDED_ENFORCEMENT; period in months m or years y\)/],
    ['SETTLED_ARREARS:90d', /RULE:PERIOD pairs/],
    ['SETTLED_ARREARS:-1m', /RULE:PERIOD pairs/],
    ['TERMINATED_ENFORCEMENT:3m', /RULE:PERIOD pairs/],
    ['MINOR:3m', /RULE:PERIOD pairs/],
    ['SETTLED_ARREARS:37m', /SETTLED_ARREARS:37m is outside .*0 months to 3 years \(0m to 3y\)/],
    ['CONCLUDED_ENFORCEMENT:4y', /CONCLUDED_ENFORCEMENT:4y is outside .*0 months to 3 years/],
    ['SETTLED_ARREARS:3m,SETTLED_ARREARS:6m', /names SETTLED_ARREARS twice/],
  ])('refuse %s with a ConfigurationError naming the variable and the rule', (text, message) => {
    expect(() => parseExitPeriods(text)).toThrow(ConfigurationError);
    expect(() => parseExitPeriods(text)).toThrow(/^EXIT_PERIODS/);
    expect(() => parseExitPeriods(text)).toThrow(message);
  });

  it('are read at start with the rest of the lifecycle, a bad value stopping it', () => {
    expect(readLifecycleOptions({ EXIT_PERIODS: 'CONCLUDED_ENFORCEMENT:6m' }).exitPeriods).toEqual({ SETTLED_ARREARS: 3, CONCLUDED_ENFORCEMENT: 6 });
    expect(readLifecycleOptions({}).exitPeriods).toBe(DEFAULT_EXIT_PERIODS);
    expect(() => readLifecycleOptions({ EXIT_PERIODS: 'SETTLED_ARREARS:5y' })).toThrow(/^EXIT_PERIODS: SETTLED_ARREARS:5y is outside/);
  });

  it('end on the corresponding day of the end month (民法典第二百零二条), or its last day when it has none', () => {
    expect(exitEndsOn('2026-03-15', 'SETTLED_ARREARS', DEFAULT_EXIT_PERIODS)).toBe('2026-06-15');
    expect(exitEndsOn('2025-11-30', 'CONCLUDED_ENFORCEMENT', DEFAULT_EXIT_PERIODS)).toBe('2026-02-28');
    expect(exitEndsOn('2024-02-29', 'SETTLED_ARREARS', parseExitPeriods('SETTLED_ARREARS:1y'))).toBe('2025-02-28');
    // 0 months: the day it ended is its last public day.
    expect(exitEndsOn('2026-03-15', 'SETTLED_ARREARS', parseExitPeriods('SETTLED_ARREARS:0m'))).toBe('2026-03-15');
  });
});

describe('where a settled arrear or an enforcement case stands (kit/disclosure/visibility.ts)', () => {
  const arrearsSpec = tax.disclosure!.find((s) => s.type === 'TaxArrears') as DisclosedRecordType;
  const caseSpec = courts.disclosure!.find((s) => s.type === 'EnforcementCase') as DisclosedRecordType;
  const at = (today: string) => ({ today, periods: DEFAULT_PUBLICITY_PERIODS, exitPeriods: DEFAULT_EXIT_PERIODS });
  const arrear = (settledOn: string | null) => ({ id: 1, uscc: ENTITY, announcedOn: '2026-01-10', settledOn });
  const enforcement = (status: string, concludedOn: string | null) => ({ id: 2, uscc: ENTITY, status, concludedOn });
  const outsiders = [{ kind: 'ANONYMOUS' }, { kind: 'SUBJECT', uscc: ENTITY }, { kind: 'INSTITUTION', organisation: 'B', purpose: 'LOAN_APPROVAL' }] as const;

  it('declares the exit rules on the two record types, over their own tables', () => {
    expect(arrearsSpec).toMatchObject({ table: taxArrears, exit: { rule: 'SETTLED_ARREARS' } });
    expect(caseSpec).toMatchObject({ table: enforcementCases, exit: { rule: 'CONCLUDED_ENFORCEMENT' } });
  });

  it('keeps a settled arrear in force through the last day of its exit period, expired from the day after', () => {
    const settled = arrear('2026-03-15');
    expect(discloseRecord('tax', arrearsSpec, settled, null, at('2026-06-14'))).toMatchObject({ state: 'IN_FORCE', since: null, publicityEndsOn: '2026-06-15', expired: false });
    expect(discloseRecord('tax', arrearsSpec, settled, null, at('2026-06-15'))).toMatchObject({ state: 'IN_FORCE', expired: false });
    const after = discloseRecord('tax', arrearsSpec, settled, null, at('2026-06-16'));
    expect(after).toMatchObject({ recordId: 'tax.arrears.1', state: 'EXPIRED', since: '2026-06-16', publicityEndsOn: '2026-06-15', expired: true });
    for (const caller of outsiders) expect(isDisclosedTo(caller, after)).toBe(false);
    expect(isDisclosedTo({ kind: 'GOVERNMENT', department: 'MARKET' }, after)).toBe(true);
  });

  it('keeps outstanding arrears public without end', () => {
    expect(discloseRecord('tax', arrearsSpec, arrear(null), null, at('2036-01-01'))).toMatchObject({ state: 'IN_FORCE', publicityEndsOn: null, expired: false });
  });

  it('lets only a performed case exit: one in progress or closed by 终本 stays public', () => {
    expect(discloseRecord('courts', caseSpec, enforcement('CONCLUDED', '2026-03-15'), null, at('2026-06-15'))).toMatchObject({ state: 'IN_FORCE', publicityEndsOn: '2026-06-15' });
    expect(discloseRecord('courts', caseSpec, enforcement('CONCLUDED', '2026-03-15'), null, at('2026-06-16'))).toMatchObject({ state: 'EXPIRED', since: '2026-06-16', expired: true });
    expect(discloseRecord('courts', caseSpec, enforcement('TERMINATED', '2024-03-15'), null, at('2026-06-16'))).toMatchObject({ state: 'IN_FORCE', publicityEndsOn: null, expired: false });
    expect(discloseRecord('courts', caseSpec, enforcement('IN_PROGRESS', null), null, at('2026-06-16'))).toMatchObject({ state: 'IN_FORCE', publicityEndsOn: null });
  });

  it('puts a withdrawal or a revocation before the exit, and the publication day before it too', () => {
    const revoked = { recordId: 'tax.arrears.1', uscc: ENTITY, disputedSince: null, objectionId: null, correctedOn: null, correctionNote: null, revokedOn: '2026-05-01', repairedOn: null, repairId: null };
    expect(discloseRecord('tax', arrearsSpec, arrear('2026-03-15'), revoked, at('2026-06-16'))).toMatchObject({ state: 'REVOKED', since: '2026-05-01', expired: true });
    expect(discloseRecord('tax', arrearsSpec, { ...arrear('2026-03-15'), announcedOn: '2026-07-01' }, null, at('2026-06-16'))).toMatchObject({ state: 'UNPUBLISHED' });
  });
});

describe('a record type joins the exit rules by declaring one', () => {
  it('refuses to build a schema whose type has an exit rule but no publicityEndsOn and expired', () => {
    const licence = market.disclosure!.find((s) => s.type === 'Licence')!;
    const withExit: DisclosedRecordType = { ...licence, table: licences, exit: { rule: 'SETTLED_ARREARS', endedOn: (row) => row.validTo as string | null } };
    expect(() => buildSchemaOf({ ...market, disclosure: market.disclosure!.map((s) => (s === licence ? withExit : s)) })).toThrow(
      'market: Licence is a disclosed record type but its schema.graphql does not declare publicityEndsOn, expired',
    );
  });

  it('builds tax and courts with the kit resolving publicityEndsOn and expired on their exiting types', () => {
    for (const [definition, type] of [[tax, 'TaxArrears'], [courts, 'EnforcementCase']] as const) {
      const fields = (buildSchemaOf(definition).getType(type) as import('graphql').GraphQLObjectType).getFields();
      expect(fields.publicityEndsOn.resolve, `${type}.publicityEndsOn`).toBeTypeOf('function');
      expect(fields.expired.resolve, `${type}.expired`).toBeTypeOf('function');
    }
  });
});
