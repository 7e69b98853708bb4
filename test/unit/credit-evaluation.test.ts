import { describe, expect, it } from 'vitest';
import { evaluate, type Scheme } from '../../subgraphs/platform/evaluation/evaluate.ts';
import { DEFAULT_GRADES, DEFAULT_INDICATORS, DEFAULT_SCHEME } from '../../subgraphs/platform/evaluation/default-scheme.ts';

const scheme: Scheme = {
  ...DEFAULT_SCHEME,
  indicators: DEFAULT_INDICATORS.map(([code, name, counts, pointsPerRecord, maxPoints, forcesGrade]) => ({ code, name, counts, pointsPerRecord, maxPoints, forcesGrade })),
  grades: DEFAULT_GRADES.map(([grade, label, minScore, inspectionRatio]) => ({ grade, label, minScore, inspectionRatio })),
};
const records = (counts: string, n: number) => Array.from({ length: n }, (_, i) => ({ counts, recordId: `${counts.toLowerCase()}.${i}` }));

describe('the comprehensive evaluation', () => {
  it('starts from the base score and grades by threshold', () => {
    expect(evaluate(scheme, [], '2026-12-01')).toMatchObject({ grade: 'A', score: 100, basis: [] });
    expect(evaluate(scheme, records('ABNORMAL_OPERATIONS', 1), '2026-12-01')).toMatchObject({ grade: 'B', score: 90 });
  });

  it('caps each indicator', () => {
    const result = evaluate(scheme, records('ABNORMAL_OPERATIONS', 5), '2026-12-01');
    expect(result.basis[0]).toMatchObject({ points: -20, records: expect.any(Array) });
    expect(result.basis[0].records).toHaveLength(5);
    expect(result.score).toBe(80);
  });

  it('lets a serious-dishonesty record force the worst grade, never a better one', () => {
    expect(evaluate(scheme, records('DISHONEST_JUDGMENT_DEBTOR', 1), '2026-12-01')).toMatchObject({ grade: 'D', score: 60, forcedBy: 'DISHONEST_DEBTOR' });
    expect(evaluate(scheme, [...records('DISHONEST_JUDGMENT_DEBTOR', 1), ...records('ABNORMAL_OPERATIONS', 2)], '2026-12-01')).toMatchObject({ grade: 'D', score: 40, forcedBy: null });
  });

  it('adds the bonuses of red lists', () => {
    expect(evaluate(scheme, records('A_GRADE_TAXPAYER', 1), '2026-12-01')).toMatchObject({ grade: 'A', score: 105 });
  });
});
