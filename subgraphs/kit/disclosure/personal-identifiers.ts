import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Caller } from '../identity/caller.ts';
import { countFreeTextRedactions } from '../runtime/metrics.ts';

/**
 * Free text checked for personal identifiers (DOMAIN.md: a natural person's ID number is INTERNAL
 * everywhere). Published free text (facts, duty, result summaries, commitment content, correction
 * notes) is written by people and can carry an ID number, a mobile number or a bank card number.
 * `screenPersonalIdentifiers` is the one screen: collection calls it where text enters, and the kit
 * applies it to the public view of every field listed in SCREENED_FIELDS.
 */

/** What replaces an identifier in public text. */
export const REDACTION = '〔个人信息已隐去〕';

// Resident ID (GB 11643): 17 digits and a check digit or X; mobile numbers: 11 digits from 13x–19x;
// bank cards: 16 to 19 digits. Digits on either side mean a longer number, not one of these.
const PATTERNS: readonly { kind: PersonalIdentifierKind; pattern: RegExp }[] = [
  { kind: 'ID_NUMBER', pattern: /(?<!\d)\d{17}[\dXx](?!\d)/g },
  { kind: 'BANK_CARD', pattern: /(?<!\d)\d{16,19}(?!\d)/g },
  { kind: 'PHONE', pattern: /(?<!\d)1[3-9]\d{9}(?!\d)/g },
];

export type PersonalIdentifierKind = 'ID_NUMBER' | 'PHONE' | 'BANK_CARD';

export interface ScreenedText {
  text: string;
  /** How many identifiers of each kind were redacted. */
  found: Partial<Record<PersonalIdentifierKind, number>>;
}

/** Redacts every personal identifier in `text`; pure, so the door and the view screen alike. */
export function screenPersonalIdentifiers(text: string): ScreenedText {
  const found: ScreenedText['found'] = {};
  let screened = text;
  for (const { kind, pattern } of PATTERNS) {
    screened = screened.replace(pattern, () => {
      found[kind] = (found[kind] ?? 0) + 1;
      return REDACTION;
    });
  }
  return { text: screened, found };
}

/**
 * Counts the redactions made in one value of a screened field, for /metrics
 * (`credit_free_text_redactions_total`, by department, field and kind).
 */
export function countRedactions(department: string, field: string, found: ScreenedText['found']): void {
  for (const [kind, n] of Object.entries(found)) if (n) countFreeTextRedactions(department, field, kind, n);
}

/** The published free-text fields screened in every view but government's. */
export const SCREENED_FIELDS: readonly string[] = [
  'Penalty.facts',
  'EnvironmentalPenalty.facts',
  'TaxViolationCase.facts',
  'TaxViolationCase.handling',
  'DishonestDebtorEntry.duty',
  'DishonestDebtorEntry.conduct',
  'Judgment.resultSummary',
  'TaxCommitment.content',
  'Licence.content',
  // Written by the applicant; a contact number turns up in it.
  'Entity.businessScope',
  'Listing.reason',
  'EnvironmentalBlacklistEntry.reason',
  // Why a list entry or a case was removed, in the department's words.
  '*.removalReason',
  // The kit's own lifecycle field, on every disclosed record type.
  '*.correctionNote',
];

/** Whether the field at `coordinate` (Type.field) is screened: the door (collection) and the view ask alike. */
export function isScreenedField(coordinate: string): boolean {
  return SCREENED_FIELDS.includes(coordinate) || SCREENED_FIELDS.includes(`*.${coordinate.split('.')[1]}`);
}

/** The identifier kinds in words, for messages to the department. */
export const PERSONAL_IDENTIFIER_WORDS: Record<PersonalIdentifierKind, string> = {
  ID_NUMBER: 'a resident ID number',
  PHONE: 'a mobile number',
  BANK_CARD: 'a bank card number',
};

type Context = { caller: Caller };

/** Wraps the screened fields this schema has: government reads the text as entered. */
export function guardFreeText(schema: GraphQLSchema, department: string): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (!isScreenedField(coordinate)) continue;
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const value = await resolve(parent, args, context, info);
        if (typeof value !== 'string' || context.caller.kind === 'GOVERNMENT') return value;
        const { text, found } = screenPersonalIdentifiers(value);
        if (text !== value) countRedactions(department, coordinate, found);
        return text;
      };
    }
  }
}
