import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  formatOrganisationCode,
  parseLegacyId,
  registrationNumberCheckDigit,
} from '../../subgraphs/kit/identifiers/legacy-identifier.ts';
import { parseUscc } from '../../subgraphs/kit/identifiers/uscc.ts';
import { createRandom } from '../../subgraphs/kit/demo/random.ts';
import { demoSubject } from '../../subgraphs/kit/demo/subjects.ts';

function rejection(raw: string): { message: string; code: unknown } {
  try {
    parseLegacyId(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { message: (error as GraphQLError).message, code: (error as GraphQLError).extensions.code };
  }
  throw new Error(`${raw} was accepted`);
}

/** ISO 7064 MOD 11,10 checked the other way round: run all 15 digits through; a valid number ends on s = 1. */
function endsOnOne(number15: string): boolean {
  let p = 10;
  let s = 0;
  for (const digit of number15) {
    s = (p + Number(digit)) % 10 || 10;
    p = (s * 2) % 11;
  }
  return s === 1;
}

describe('organisation codes', () => {
  it('accepts the hyphenated form and normalises it to 9 characters', () => {
    expect(parseLegacyId('M000100Y-4')).toEqual({ kind: 'ORGANISATION_CODE', value: 'M000100Y4' });
  });

  it('accepts the unhyphenated form too', () => {
    expect(parseLegacyId('M000100Y4')).toEqual({ kind: 'ORGANISATION_CODE', value: 'M000100Y4' });
  });

  it('names a wrong check character', () => {
    expect(parseLegacyId('M000100Y-4').kind).toBe('ORGANISATION_CODE');
    expect(rejection('M000100Y-5')).toEqual({
      message: 'Legacy id M000100Y-5: organisation code M000100Y5 has check character 5, should be 4',
      code: 'BAD_USER_INPUT',
    });
  });

  it('accepts X as a check character', () => {
    // 6×2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → X.
    expect(parseLegacyId('00000006-X').value).toBe('00000006X');
    expect(rejection('00000006-0').message).toBe(
      'Legacy id 00000006-0: organisation code 000000060 has check character 0, should be X',
    );
  });

  it('asks for upper case instead of guessing', () => {
    expect(parseLegacyId('M000100Y-4').value).toBe('M000100Y4');
    expect(rejection('m000100y-4')).toEqual({
      message: 'Legacy id m000100y-4: letters in an organisation code must be upper case (M000100Y-4)',
      code: 'BAD_USER_INPUT',
    });
  });

  it('accepts the organisation codes inside generated USCCs, with or without the hyphen', () => {
    for (let i = 0; i < 2_000; i++) {
      const { organisationCode } = parseUscc(demoSubject(i).uscc);
      expect(parseLegacyId(organisationCode)).toEqual({ kind: 'ORGANISATION_CODE', value: organisationCode });
      expect(parseLegacyId(formatOrganisationCode(organisationCode)).value).toBe(organisationCode);
    }
  });
});

describe('business registration numbers', () => {
  it('has the check digit worked out by hand', () => {
    // p after each of 1,1,0,1,0,8,0,0,0,0,0,0,0,1: 2,6,1,4,8,1,2,4,8,5,10,9,7,5; (5 + 6) mod 10 = 1.
    expect(registrationNumberCheckDigit('11010800000001')).toBe('6');
    expect(parseLegacyId('110108000000016')).toEqual({ kind: 'REGISTRATION_NUMBER', value: '110108000000016' });
  });

  it('round-trips numbers made with the check-digit function, and rejects them corrupted', () => {
    const random = createRandom('registration-numbers');
    for (let i = 0; i < 1_000; i++) {
      let first14 = '';
      for (let k = 0; k < 14; k++) first14 += random.int(0, 9);
      const number = first14 + registrationNumberCheckDigit(first14);
      expect(endsOnOne(number), number).toBe(true);
      expect(parseLegacyId(number)).toEqual({ kind: 'REGISTRATION_NUMBER', value: number });

      const position = random.int(0, 14);
      const digit = (Number(number[position]) + random.int(1, 9)) % 10;
      const corrupted = number.slice(0, position) + digit + number.slice(position + 1);
      expect(() => parseLegacyId(corrupted), corrupted).toThrow(GraphQLError);
    }
  });

  it('names a wrong check digit', () => {
    expect(parseLegacyId('110108000000016').kind).toBe('REGISTRATION_NUMBER');
    expect(rejection('110108000000017')).toEqual({
      message: 'Legacy id 110108000000017: registration number 110108000000017 has check digit 7, should be 6',
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('anything else', () => {
  it('says what was expected', () => {
    expect(rejection('12345')).toEqual({
      message:
        'Legacy id 12345: expected an organisation code (9 characters, e.g. M000100Y-4) or a registration number (15 digits)',
      code: 'BAD_USER_INPUT',
    });
  });

  it('points a USCC at the USCC lookup', () => {
    expect(rejection('91350100M000100Y43').message).toMatch(/an 18-character code is a unified social credit code/);
  });

  it('does not trim', () => {
    expect(rejection(' M000100Y-4').message).toMatch(/^Legacy id  M000100Y-4: expected an organisation code/);
  });
});
