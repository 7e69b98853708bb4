import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../subgraphs/kit/runtime/config.ts';
import { discloseRecord, isDisclosedTo, type DisclosedRecordType } from '../../subgraphs/kit/disclosure/visibility.ts';
import { DEFAULT_PUBLICITY_PERIODS, parsePublicityPeriods, publicityEndsOn } from '../../subgraphs/kit/disclosure/publicity-window.ts';
import { DEFAULT_EXIT_PERIODS } from '../../subgraphs/kit/disclosure/exit-periods.ts';
import type { RecordStatusRow } from '../../subgraphs/kit/disclosure/record-status.ts';
import { applyStatusChange } from '../../subgraphs/kit/disclosure/record-status-routes.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { legacyIdentifiers, licences, listings, penalties } from '../../subgraphs/market/db/tables.ts';
import { market } from '../../subgraphs/market/index.ts';

const ENTITY = '91350100M000100Y43';

describe('publicity periods (PUBLICITY_PERIODS)', () => {
  it('default to minor 3 months, general 1 year, serious 3 years', () => {
    expect(parsePublicityPeriods(undefined)).toEqual({ MINOR: 3, GENERAL: 12, SERIOUS: 36 });
    expect(parsePublicityPeriods('')).toBe(DEFAULT_PUBLICITY_PERIODS);
  });

  it('read months and years, keeping the default for severities not named', () => {
    expect(parsePublicityPeriods('MINOR:3m,GENERAL:1y,SERIOUS:3y')).toEqual({ MINOR: 3, GENERAL: 12, SERIOUS: 36 });
    expect(parsePublicityPeriods(' SERIOUS:2y , MINOR:6m ')).toEqual({ MINOR: 6, GENERAL: 12, SERIOUS: 24 });
  });

  it.each([
    ['MINOR=3m', /SEVERITY:PERIOD pairs/],
    ['MINOR:3d', /SEVERITY:PERIOD pairs/],
    ['TRIVIAL:3m', /SEVERITY:PERIOD pairs/],
    ['MINOR:2m', /outside the national bounds.*3 months to 3 years/],
    ['SERIOUS:5y', /outside the national bounds/],
    ['MINOR:3m,MINOR:4m', /names MINOR twice/],
  ])('refuse %s with a ConfigurationError naming the variable', (text, message) => {
    expect(() => parsePublicityPeriods(text)).toThrow(ConfigurationError);
    expect(() => parsePublicityPeriods(text)).toThrow(/^PUBLICITY_PERIODS/);
    expect(() => parsePublicityPeriods(text)).toThrow(message);
  });

  it('end on the corresponding day of the end month, or its last day when it has none', () => {
    expect(publicityEndsOn('2026-08-22', 'MINOR', DEFAULT_PUBLICITY_PERIODS)).toBe('2026-11-22');
    expect(publicityEndsOn('2025-11-30', 'MINOR', DEFAULT_PUBLICITY_PERIODS)).toBe('2026-02-28');
    expect(publicityEndsOn('2024-02-29', 'GENERAL', DEFAULT_PUBLICITY_PERIODS)).toBe('2025-02-28');
    expect(publicityEndsOn('2023-11-22', 'SERIOUS', DEFAULT_PUBLICITY_PERIODS)).toBe('2026-11-22');
  });
});

describe('where a record stands (kit/disclosure/visibility.ts)', () => {
  const penalty: DisclosedRecordType = {
    type: 'Penalty',
    kind: 'penalty',
    table: penalties,
    penalty: (row) => ({ decidedOn: row.decidedOn as string, severity: row.severity as 'MINOR' }),
    repairable: true,
  };
  const listing: DisclosedRecordType = { type: 'Listing', kind: 'listing', table: listings, removedOn: (row) => row.removedOn as string | null };
  const licence: DisclosedRecordType = { type: 'Licence', kind: 'licence', table: licences };
  const clock = { today: '2026-11-22', periods: DEFAULT_PUBLICITY_PERIODS, exitPeriods: DEFAULT_EXIT_PERIODS };
  const status = (fields: Partial<RecordStatusRow>): RecordStatusRow => ({
    recordId: 'market.penalty.1',
    uscc: ENTITY,
    disputedSince: null,
    objectionId: null,
    correctedOn: null,
    correctionNote: null,
    revokedOn: null,
    repairedOn: null,
    repairId: null,
    updatedAt: '2026-11-22 00:00:00.000',
    ...fields,
  });
  const minor = (decidedOn: string) => ({ id: 1, uscc: ENTITY, decidedOn, severity: 'MINOR' });

  it('keeps a penalty in force through the last day of its window, expired from the day after', () => {
    expect(discloseRecord('market', penalty, minor('2026-08-22'), null, clock)).toMatchObject({
      recordId: 'market.penalty.1',
      state: 'IN_FORCE',
      since: null,
      publicityEndsOn: '2026-11-22',
      expired: false,
    });
    expect(discloseRecord('market', penalty, minor('2026-08-21'), null, clock)).toMatchObject({ state: 'EXPIRED', since: '2026-11-22', expired: true });
  });

  it('puts a decision about the record (revoked, repaired) before the calendar, and a removal after it', () => {
    expect(discloseRecord('market', penalty, minor('2026-08-21'), status({ repairedOn: '2026-10-01' }), clock)).toMatchObject({ state: 'REPAIRED', since: '2026-10-01', expired: true });
    expect(discloseRecord('market', penalty, minor('2026-10-21'), status({ repairedOn: '2026-10-01', revokedOn: '2026-11-01' }), clock)).toMatchObject({ state: 'REVOKED', since: '2026-11-01' });
    expect(discloseRecord('market', listing, { id: 2, uscc: ENTITY, removedOn: '2026-05-01' }, null, clock)).toMatchObject({ recordId: 'market.listing.2', state: 'REMOVED', since: '2026-05-01', publicityEndsOn: null });
    expect(discloseRecord('market', listing, { id: 2, uscc: ENTITY, removedOn: '2026-12-01' }, null, clock)).toMatchObject({ state: 'IN_FORCE' });
  });

  it('marks a record disputed while an objection is open, and carries a correction note', () => {
    const disputed = discloseRecord('market', licence, { id: 3, uscc: ENTITY }, status({ disputedSince: '2026-11-20', objectionId: 'platform.objection.1' }), clock);
    expect(disputed).toMatchObject({ state: 'IN_FORCE', disputed: true, correctionNote: null });
    expect(discloseRecord('market', licence, { id: 3, uscc: ENTITY }, status({ correctedOn: '2026-11-21', correctionNote: '更正' }), clock)).toMatchObject({ disputed: false, correctionNote: '更正' });
  });

  it('shows government every record, everyone else (the entity itself included) those in force', () => {
    const expired = discloseRecord('market', penalty, minor('2020-01-01'), null, clock);
    const inForce = discloseRecord('market', penalty, minor('2026-11-01'), null, clock);
    for (const caller of [{ kind: 'ANONYMOUS' }, { kind: 'SUBJECT', uscc: ENTITY }, { kind: 'INSTITUTION', organisation: 'B', purpose: 'LOAN_APPROVAL' }] as const) {
      expect(isDisclosedTo(caller, expired)).toBe(false);
      expect(isDisclosedTo(caller, inForce)).toBe(true);
    }
    expect(isDisclosedTo({ kind: 'GOVERNMENT', department: 'TAX' }, expired)).toBe(true);
  });
});

describe('a change of record status (what the platform tells a department)', () => {
  const base = { recordId: 'market.licence.3', uscc: ENTITY, today: '2026-11-22' };
  const change = (current: Parameters<typeof applyStatusChange>[0], request: Partial<Parameters<typeof applyStatusChange>[1]>) =>
    applyStatusChange(current, { ...base, change: 'DISPUTED', reference: 'platform.objection.1', ...request });

  it('opens a dispute, and applies each outcome once: a retry changes nothing', () => {
    const opened = change(null, {});
    expect(opened).toMatchObject({ status: { disputedSince: '2026-11-22', objectionId: 'platform.objection.1' } });
    const status = (opened as { status: Parameters<typeof applyStatusChange>[0] }).status;
    expect(change(status, { today: '2026-11-23' })).toEqual({ status });

    const corrected = change(status, { change: 'CORRECTED', note: '更正', today: '2026-11-25' });
    expect(corrected).toMatchObject({ status: { disputedSince: null, objectionId: null, correctedOn: '2026-11-25', correctionNote: '更正' } });
    const after = (corrected as { status: Parameters<typeof applyStatusChange>[0] }).status;
    expect(change(after, { change: 'CORRECTED', note: '更正', today: '2026-11-26' })).toEqual({ status: after });
  });

  it('refuses a second objection while one is open, and a decision on another objection', () => {
    const open = (change(null, {}) as { status: Parameters<typeof applyStatusChange>[0] }).status;
    expect(change(open, { reference: 'platform.objection.2' })).toEqual({ conflict: 'market.licence.3 is already under objection platform.objection.1' });
    expect(change(open, { change: 'REVOKED', reference: 'platform.objection.2' })).toMatchObject({ conflict: expect.stringContaining('not platform.objection.2') });
  });

  it('records a repair under one application only', () => {
    const repaired = change(null, { change: 'REPAIRED', reference: 'platform.credit-repair.4' });
    expect(repaired).toMatchObject({ status: { repairedOn: '2026-11-22', repairId: 'platform.credit-repair.4' } });
    const status = (repaired as { status: Parameters<typeof applyStatusChange>[0] }).status;
    expect(change(status, { change: 'REPAIRED', reference: 'platform.credit-repair.4', today: '2026-12-01' })).toEqual({ status });
    expect(change(status, { change: 'REPAIRED', reference: 'platform.credit-repair.5' })).toMatchObject({ conflict: expect.stringContaining('already repaired') });
  });
});

describe('a department joins the lifecycle by declaring its record types', () => {
  it('refuses to build a schema whose disclosed type does not declare the lifecycle fields', () => {
    const identifier: DisclosedRecordType = { type: 'LegacyIdentifier', kind: 'legacy-identifier', table: legacyIdentifiers };
    expect(() => buildSchemaOf({ ...market, disclosure: [...market.disclosure!, identifier] })).toThrow(
      'market: LegacyIdentifier is a disclosed record type but its schema.graphql does not declare disputed, correctionNote, lifecycle',
    );
  });

  it('refuses a department resolver for a field the kit resolves', () => {
    const resolvers = { ...market.resolvers, Listing: { ...(market.resolvers.Listing as object), current: () => true } };
    expect(() => buildSchemaOf({ ...market, resolvers })).toThrow('market: Listing.current is resolved by the kit');
  });
});
