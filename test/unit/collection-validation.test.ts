import { describe, expect, it } from 'vitest';
import { PENALTY_DATE_ORDER, penaltyItems } from '../../subgraphs/kit/collection/national-items.ts';
import type { CollectedRecordType } from '../../subgraphs/kit/collection/record-types.ts';
import { normaliseDay, validateBatch } from '../../subgraphs/kit/collection/validation.ts';
import { penalties } from '../../subgraphs/market/db/tables.ts';

const TYPE: CollectedRecordType = {
  type: 'Penalty', kind: 'penalty', recordType: 'PENALTY', mutation: 'submitPenalties', title: '行政处罚', table: penalties,
  fields: penaltyItems(['MINOR', 'GENERAL', 'SERIOUS']), dateOrder: PENALTY_DATE_ORDER, observedPublication: { decidedOn: 'decidedOn' },
  legalBasis: '', updateFrequency: '',
};
const TODAY = '2026-11-20';
const CODE = '91350100M000100Y43';
const row = (overrides: Record<string, unknown> = {}) => ({
  sourceId: 'P-1', uscc: CODE, decisionNumber: '罚〔2026〕1号', violationType: '虚假宣传', facts: '事实', basis: '依据',
  penaltyTypes: '警告、罚款', fineAmount: '1,200.5', severity: 'MINOR', decidedOn: '2026/11/2', authority: '某局', authorityUscc: CODE,
  sourceUnit: '某局', sourceUnitUscc: CODE, ...overrides,
});

describe('collection validation', () => {
  it('normalises what a form or spreadsheet holds', () => {
    const { valid, rejected } = validateBatch(TYPE, [row()], TODAY);
    expect(rejected).toEqual([]);
    expect(valid[0].values).toMatchObject({ fineAmount: '1200.50', decidedOn: '2026-11-02', penaltyTypes: '警告,罚款' });
    expect(normaliseDay('2026年2月3日')).toBe('2026-02-03');
    expect(normaliseDay('2026-02-30')).toBeNull();
  });

  it('reports every problem of a row, naming the field and the rule', () => {
    const { valid, rejected } = validateBatch(TYPE, [row({ uscc: 'X', fineAmount: '1.001', decidedOn: '2026-11-21', facts: '' })], TODAY);
    expect(valid).toEqual([]);
    expect(rejected.map((r) => `${r.field}:${r.rule}`)).toEqual(['uscc:USCC', 'facts:REQUIRED', 'fineAmount:AMOUNT', 'decidedOn:FUTURE_DATE']);
    expect(rejected[2].message).toBe('fineAmount "1.001": expected yuan with at most two decimals, e.g. 5000.00');
    expect(rejected[3].message).toBe('decidedOn 2026-11-21: must not be after today (2026-11-20, China Standard Time)');
  });

  it('checks date order and a stated publication day needs its source', () => {
    const { rejected } = validateBatch(TYPE, [row({ statedPublishedOn: '2026-11-01' }), row({ sourceId: 'P-2', statedPublishedOn: '2026-11-03', publicationSource: 'https://x' })], TODAY);
    expect(rejected.map((r) => `${r.index}:${r.field}:${r.rule}`)).toEqual(['0:statedPublishedOn:DATE_ORDER', '0:statedPublishedOn:PUBLICATION_SOURCE']);
  });

  it('refuses a source id sent twice in one batch after its first row', () => {
    const { valid, rejected } = validateBatch(TYPE, [row(), row({ fineAmount: '9' })], TODAY);
    expect(valid).toHaveLength(1);
    expect(rejected).toEqual([expect.objectContaining({ index: 1, rule: 'DUPLICATE' })]);
  });
});
