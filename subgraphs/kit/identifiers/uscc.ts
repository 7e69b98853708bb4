import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';

/** The 31 characters GB 32100-2015 uses; I, O, Z, S and V are left out so codes survive being read aloud or handwritten. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

// Lookup tables by char code: the scalar and the demo generators call these millions of times.
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;
// GB 11714 values letters by their place in the full Latin alphabet (A=10 … Z=35), not by the USCC alphabet.
const ORGANISATION_CODE_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) ORGANISATION_CODE_VALUE[48 + i] = i;
for (let i = 0; i < 26; i++) ORGANISATION_CODE_VALUE[65 + i] = 10 + i;

export interface RegisteringAuthority {
  readonly name: string;
  /** Entity-type code → what it registers. */
  readonly entityTypes: Readonly<Record<string, string>>;
}

const LOOSE_TYPES = { '1': 'type 1', '2': 'type 2', '3': 'type 3', '9': 'other' } as const;

/**
 * Registering-authority codes and the entity types each may issue. 1, 5, 9 and Y are the standard's own
 * table; the others were assigned later by the national code office, and are checked loosely (1, 2, 3, 9).
 */
export const REGISTERING_AUTHORITIES: Readonly<Record<string, RegisteringAuthority>> = {
  '1': {
    name: '机构编制',
    entityTypes: { '1': 'government body', '2': 'public institution', '3': 'mass organisation', '9': 'other' },
  },
  '2': { name: '外交', entityTypes: LOOSE_TYPES },
  '3': {
    name: '司法行政',
    entityTypes: { '1': 'law firm', '2': 'notary office', '3': 'grassroots legal service', '4': 'judicial appraisal institution', '5': 'arbitration commission', '9': 'other' },
  },
  '4': { name: '文化', entityTypes: LOOSE_TYPES },
  '5': {
    name: '民政',
    entityTypes: { '1': 'social organisation', '2': 'private non-enterprise unit', '3': 'foundation', '9': 'other' },
  },
  '6': { name: '旅游', entityTypes: LOOSE_TYPES },
  '7': { name: '宗教', entityTypes: LOOSE_TYPES },
  '8': { name: '工会', entityTypes: LOOSE_TYPES },
  '9': {
    name: '工商',
    entityTypes: { '1': 'enterprise', '2': 'individual business', '3': "farmers' co-operative" },
  },
  A: { name: '中央军委改革和编制办公室', entityTypes: LOOSE_TYPES },
  N: { name: '农业', entityTypes: LOOSE_TYPES },
  Y: { name: '其他', entityTypes: { '1': 'other' } },
};

const AUTHORITY_LIST = '1–9, A, N, Y';

export type UsccProblemKind =
  | 'LENGTH'
  | 'LOWER_CASE'
  | 'CHARACTER'
  | 'REGISTERING_AUTHORITY'
  | 'ENTITY_TYPE'
  | 'DIVISION_CODE'
  | 'ORGANISATION_CODE_CHECK'
  | 'CHECK_CHARACTER';

export interface UsccProblem {
  readonly kind: UsccProblemKind;
  /** A sentence for a person, starting `USCC <code>: `. */
  readonly message: string;
  /** 1-based position of the offending character, where there is one. */
  readonly position?: number;
}

export interface UsccParts {
  readonly code: string;
  readonly registeringAuthority: string;
  readonly entityTypeCode: string;
  /** GB/T 2260 administrative division of the registering authority. */
  readonly divisionCode: string;
  /** GB 11714 organisation code, 9 characters including its own check character, no hyphen. */
  readonly organisationCode: string;
}

export class UsccError extends Error {
  readonly problem: UsccProblem;
  constructor(problem: UsccProblem) {
    super(problem.message);
    this.name = 'UsccError';
    this.problem = problem;
  }
}

/** Check character for the first 17 characters of a code; throws if they are not 17 alphabet characters. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`usccCheckCharacter needs 17 characters, got ${first17.length}: ${shown(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = first17.charCodeAt(i);
    const v = c < 128 ? USCC_VALUE[c] : -1;
    if (v < 0) throw new Error(`usccCheckCharacter: '${first17[i]}' at position ${i + 1} is not in the USCC alphabet`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character ('0'–'9' or 'X') for an 8-character organisation code body of digits and A–Z. */
export function organisationCodeCheckCharacter(body8: string): string {
  if (body8.length !== 8) {
    throw new Error(`organisationCodeCheckCharacter needs 8 characters, got ${body8.length}: ${shown(body8)}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c < 128 ? ORGANISATION_CODE_VALUE[c] : -1;
    if (v < 0) {
      throw new Error(`organisationCodeCheckCharacter: '${body8[i]}' at position ${i + 1} is not a digit or A–Z`);
    }
    sum += v * ORGANISATION_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** First problem with the code, or null when it is a well-formed USCC with both check characters right. */
export function validateUscc(code: string): UsccProblem | null {
  const prefix = `USCC ${shown(code)}: `;
  const chars = Array.from(code);
  if (chars.length !== 18) {
    const trimmed = Array.from(code.trim()).length;
    const hint = trimmed === 18 ? ' (it has leading or trailing spaces)' : '';
    return { kind: 'LENGTH', message: `${prefix}must be 18 characters, got ${chars.length}${hint}` };
  }

  for (let i = 0; i < 18; i++) {
    const ch = chars[i];
    if (ch.length === 1 && USCC_VALUE[ch.charCodeAt(0)] >= 0) continue;
    const position = i + 1;
    const upper = ch.toUpperCase();
    if (upper !== ch && upper.length === 1 && USCC_VALUE[upper.charCodeAt(0)] >= 0) {
      // Offer the upper-cased code only when it would be accepted, so the hint never points at another error.
      const fixed = code.toUpperCase();
      const suggestion = validateUscc(fixed) === null ? ` (${fixed})` : '';
      return {
        kind: 'LOWER_CASE',
        position,
        message: `${prefix}character '${ch}' at position ${position} is lower case; write the code in upper case${suggestion}`,
      };
    }
    const reason = 'IOZSV'.includes(upper)
      ? 'I, O, Z, S and V are never used'
      : `only digits and the letters ${USCC_ALPHABET.slice(10)} are used`;
    return { kind: 'CHARACTER', position, message: `${prefix}character '${ch}' at position ${position} is not allowed (${reason})` };
  }

  const authority = REGISTERING_AUTHORITIES[code[0]];
  if (authority === undefined) {
    return {
      kind: 'REGISTERING_AUTHORITY',
      position: 1,
      message: `${prefix}registering authority code ${code[0]} is not one GB 32100 assigns (${AUTHORITY_LIST})`,
    };
  }
  if (!Object.hasOwn(authority.entityTypes, code[1])) {
    const valid = Object.entries(authority.entityTypes).map(([t, what]) => `${t} ${what}`).join(', ');
    return {
      kind: 'ENTITY_TYPE',
      position: 2,
      message: `${prefix}entity type ${code[1]} is not used by registering authority ${code[0]} (${authority.name}: ${valid})`,
    };
  }

  const division = code.slice(2, 8);
  if (!/^[0-9]{6}$/.test(division)) {
    return { kind: 'DIVISION_CODE', position: 3, message: `${prefix}administrative division code ${division} must be 6 digits` };
  }

  const organisationCode = code.slice(8, 17);
  const expectedOrganisationCheck = organisationCodeCheckCharacter(organisationCode.slice(0, 8));
  if (organisationCode[8] !== expectedOrganisationCheck) {
    return {
      kind: 'ORGANISATION_CODE_CHECK',
      position: 17,
      message: `${prefix}organisation code ${organisationCode} has check character ${organisationCode[8]}, should be ${expectedOrganisationCheck}`,
    };
  }

  const expectedCheck = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expectedCheck) {
    return { kind: 'CHECK_CHARACTER', position: 18, message: `${prefix}check character should be ${expectedCheck}` };
  }
  return null;
}

/** Splits a valid code into its parts; throws UsccError naming the first problem otherwise. */
export function parseUscc(code: string): UsccParts {
  const problem = validateUscc(code);
  if (problem) throw new UsccError(problem);
  return {
    code,
    registeringAuthority: code[0],
    entityTypeCode: code[1],
    divisionCode: code.slice(2, 8),
    organisationCode: code.slice(8, 17),
  };
}

/** Assembles a code from its parts, computing both check characters; throws UsccError if a part is invalid. */
export function makeUscc(authority: string, type: string, division: string, orgBody8: string): string {
  const shapes = authority.length === 1 && type.length === 1 && division.length === 6 && orgBody8.length === 8;
  if (!shapes) {
    throw new Error(
      `makeUscc needs a 1-character authority, 1-character type, 6-digit division and 8-character organisation body, got ` +
        `${JSON.stringify([authority, type, division, orgBody8])}`,
    );
  }
  // Placeholders stand in for check characters that cannot be computed yet, so parseUscc names the real fault.
  const organisationCheck = isOrganisationBody(orgBody8) ? organisationCodeCheckCharacter(orgBody8) : '0';
  const first17 = authority + type + division + orgBody8 + organisationCheck;
  const code = first17 + (isInUsccAlphabet(first17) ? usccCheckCharacter(first17) : '0');
  parseUscc(code);
  return code;
}

function isOrganisationBody(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || ORGANISATION_CODE_VALUE[c] < 0) return false;
  }
  return true;
}

function isInUsccAlphabet(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || USCC_VALUE[c] < 0) return false;
  }
  return true;
}

// Echoing a megabyte of input into an error (and so into logs) helps nobody.
function shown(code: string): string {
  return code.length <= 40 ? code : `${code.slice(0, 24)}… (${code.length} characters)`;
}

function badUserInput(message: string, node?: ValueNode): GraphQLError {
  return new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
}

function parseUsccInput(code: string, node?: ValueNode): string {
  const problem = validateUscc(code);
  if (problem) throw badUserInput(problem.message, node);
  return code;
}

export const GraphQLUSCC: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: 'USCC',
  description:
    'Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and A-Y without I, O, Z, S, V — ' +
    'registering authority, entity type, GB/T 2260 administrative division, GB 11714 organisation code and a check character. ' +
    'Malformed codes (wrong length, characters, authority, entity type or either check character) are rejected with ' +
    'BAD_USER_INPUT before any lookup.',
  serialize(value) {
    if (typeof value !== 'string') throw new GraphQLError(`USCC cannot represent a non-string value: ${String(value)}`);
    return value;
  },
  parseValue(value) {
    if (typeof value !== 'string') throw badUserInput(`USCC must be a string, got ${value === null ? 'null' : typeof value}`);
    return parseUsccInput(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput(`USCC must be a string, got ${print(ast)}`, ast);
    return parseUsccInput(ast.value, ast);
  },
});
