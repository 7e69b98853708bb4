import { describe, expect, it } from 'vitest';
import { residentIdCheck, residentIdProblem } from '../../subgraphs/kit/identifiers/resident-id.ts';

describe('resident ID numbers (GB 11643)', () => {
  it("accepts the standard's example and one with X as check character", () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdCheck('11010519491231002')).toBe('X');
    expect(residentIdProblem('440524188001010014')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(residentIdProblem('110105194912310021')).toBe('check character should be X');
    expect(residentIdProblem('11010519491331002X')).toBe('characters 7–14 should be a birth date, got 19491331');
    expect(residentIdProblem('1101051949123100')).toMatch(/^expected 18 characters/);
  });
});
