import { GraphQLError } from 'graphql';
import { organisationCodeCheckCharacter } from './uscc.ts';

// Identifiers from before the USCC (2015). Records keyed on them are still arriving, so a profile must be
// findable by them; the organisation code survives inside the USCC (characters 9–17), the registration number does not.

export type LegacyIdKind = 'ORGANISATION_CODE' | 'REGISTRATION_NUMBER';

export interface LegacyId {
  readonly kind: LegacyIdKind;
  /** Normalised: an organisation code as 9 characters without the hyphen; a registration number as its 15 digits. */
  readonly value: string;
}

const ORGANISATION_CODE = /^[0-9A-Za-z]{8}-?[0-9A-Za-z]$/;
const REGISTRATION_NUMBER = /^[0-9]{15}$/;

/** GB/T 17710 (ISO 7064 MOD 11,10) check digit for the first 14 digits of a business registration number. */
export function registrationNumberCheckDigit(first14: string): string {
  if (!/^[0-9]{14}$/.test(first14)) {
    throw new Error(`registrationNumberCheckDigit needs 14 digits, got ${JSON.stringify(first14)}`);
  }
  let p = 10;
  for (let i = 0; i < 14; i++) {
    const s = (p + first14.charCodeAt(i) - 48) % 10 || 10;
    p = (s * 2) % 11;
  }
  return String((11 - p) % 10);
}

/** The hyphenated form organisation codes are printed in: M000100Y-4. */
export function formatOrganisationCode(code9: string): string {
  return `${code9.slice(0, 8)}-${code9.slice(8)}`;
}

/** Classifies and checks a legacy identifier; throws a BAD_USER_INPUT GraphQLError naming the problem. */
export function parseLegacyId(raw: string): LegacyId {
  const prefix = `Legacy id ${raw.length <= 40 ? raw : `${raw.slice(0, 24)}… (${raw.length} characters)`}: `;

  if (REGISTRATION_NUMBER.test(raw)) {
    const expected = registrationNumberCheckDigit(raw.slice(0, 14));
    if (raw[14] !== expected) throw badUserInput(`${prefix}registration number ${raw} has check digit ${raw[14]}, should be ${expected}`);
    return { kind: 'REGISTRATION_NUMBER', value: raw };
  }

  if (ORGANISATION_CODE.test(raw)) {
    if (raw !== raw.toUpperCase()) {
      throw badUserInput(`${prefix}letters in an organisation code must be upper case (${raw.toUpperCase()})`);
    }
    const value = raw.replace('-', '');
    const expected = organisationCodeCheckCharacter(value.slice(0, 8));
    if (value[8] !== expected) {
      throw badUserInput(`${prefix}organisation code ${value} has check character ${value[8]}, should be ${expected}`);
    }
    return { kind: 'ORGANISATION_CODE', value };
  }

  const usccHint = raw.length === 18 ? '; an 18-character code is a unified social credit code, look it up as a USCC' : '';
  throw badUserInput(
    `${prefix}expected an organisation code (9 characters, e.g. M000100Y-4) or a registration number (15 digits)${usccHint}`,
  );
}

function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
