import { getNamedType, isLeafType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import type { CrawledPage } from './crawl.ts';
import type { EntityTruth, Truth } from './oracle.ts';

/**
 * Checks what a crawl received against the truth (oracle.ts), for a caller that is neither
 * government nor the entity itself: every string of the answer, data and error messages alike, is
 * searched. Each finding names the entity, where it was found and what leaked.
 */

export type LeakKind =
  /** A record out of view is named: its id, or a decision, case, licence or permit number only it carries. */
  | 'OUT_OF_VIEW_RECORD'
  /** A year in aGradeYears whose A grade is not published (or was withdrawn). */
  | 'UNPUBLISHED_A_GRADE'
  /** An individual business's operator named in full, or their capital or residence shown. */
  | 'OPERATOR_NAME'
  | 'OPERATOR_CAPITAL'
  | 'OPERATOR_RESIDENCE'
  /** An objection's or credit-repair application's reason, or the reason of its decision (the case file). */
  | 'CASE_FILE'
  /** A resident ID, mobile or bank card number in a public string, or a person's ID number the departments hold. */
  | 'PERSONAL_IDENTIFIER';

export interface Leak {
  kind: LeakKind;
  uscc: string | null;
  /** Schema coordinate of the field, or `error` for an error message. */
  where: string;
  path: (string | number)[];
  detail: string;
}

/** Fields that print an individual business's operator whole because a law requires it (README, natural persons). */
const OPERATOR_NAME_PUBLISHED_BY_LAW = new Set(['DishonestDebtorEntry.legalRepresentative', 'ConsumptionRestrictionOrder.restrictedPersons', 'TaxResponsiblePerson.name']);
/** The operator's own money and home: withheld from the public view (README, natural persons). */
const OPERATOR_WITHHELD = ['Entity.registeredCapital', 'Entity.registeredCapitalCurrency', 'Entity.address'];

const RECORD_ID = /(?<![A-Za-z0-9.-])[a-z]+\.[a-z-]+\.\d+(?![\d])/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643: a birth date and the ISO 7064 MOD 11-2 check character. */
function isResidentIdNumber(candidate: string): boolean {
  const month = Number(candidate.slice(10, 12));
  const day = Number(candidate.slice(12, 14));
  const year = Number(candidate.slice(6, 10));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(candidate[i]), 0);
  return '10X98765432'[sum % 11] === candidate[17].toUpperCase();
}

/** Issuer prefixes of payment cards (UnionPay 62, Visa 4, Mastercard 51–55 and 2221–2720, Amex 34/37, JCB 35, Discover 60/65). */
function hasCardIssuerPrefix(digits: string): boolean {
  const four = Number(digits.slice(0, 4));
  return /^(62|4|5[1-5]|3[457]|60|65)/.test(digits) || (four >= 2221 && four <= 2720);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Personal identifiers in a string, by pattern (found independently of the kit's screen). `codes`:
 * unified social credit codes, an organisation's, not a person's, though some are all digits (and
 * numbers built on them, permit numbers, with them).
 */
export function personalIdentifiersIn(value: string, codes: Iterable<string> = []): string[] {
  // Every pattern is a run of at least 11 digits: most strings have none.
  if (!/\d{11}/.test(value)) return [];
  let text = value;
  for (const code of codes) if (text.includes(code)) text = text.split(code).join(' ');
  const found: string[] = [];
  for (const [m] of text.matchAll(/(?<!\d)\d{17}[\dXx](?![\dXx])/g)) if (isResidentIdNumber(m)) found.push(`ID number ${m}`);
  for (const [m] of text.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) found.push(`mobile number ${m}`);
  for (const [m] of text.matchAll(/(?<!\d)\d{16,19}(?!\d)/g)) if (hasCardIssuerPrefix(m) && passesLuhn(m)) found.push(`bank card number ${m}`);
  return found;
}

/** `name` inside `text`, not as part of a longer number or code. */
function mentions(text: string, name: string): boolean {
  let at = text.indexOf(name);
  while (at !== -1) {
    const before = text[at - 1] ?? '';
    const after = text[at + name.length] ?? '';
    if (!/[A-Za-z0-9]/.test(before) || !/[A-Za-z0-9]/.test(name[0])) {
      if (!/[A-Za-z0-9]/.test(after) || !/[A-Za-z0-9]/.test(name[name.length - 1])) return true;
    }
    at = text.indexOf(name, at + 1);
  }
  return false;
}

interface Leaf {
  coordinate: string;
  /** The scalar's name: String, ID, USCC, Date, Decimal… */
  scalar: string;
  value: unknown;
  path: (string | number)[];
}

function leavesOf(schema: GraphQLSchema, type: GraphQLNamedType, value: unknown, path: (string | number)[], out: Leaf[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => leavesOf(schema, type, item, [...path, i], out));
    return;
  }
  if (!isObjectType(type)) {
    const abstract = (value as { __typename?: string }).__typename;
    const concrete = abstract ? schema.getType(abstract) : undefined;
    if (concrete) leavesOf(schema, concrete, value, path, out);
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = type.getFields()[key];
    if (!field) continue;
    const named = getNamedType(field.type);
    const coordinate = `${type.name}.${key}`;
    if (isLeafType(named)) {
      const push = (v: unknown, p: (string | number)[]) => out.push({ coordinate, scalar: named.name, value: v, path: p });
      if (Array.isArray(child)) child.forEach((v, i) => push(v, [...path, key, i]));
      else push(child, [...path, key]);
    } else {
      leavesOf(schema, named, child, [...path, key], out);
    }
  }
}

function checkString(text: string, scalar: string, entity: EntityTruth | undefined, truth: Truth, at: Omit<Leak, 'kind' | 'detail'>, leaks: Leak[]): void {
  for (const [id] of text.matchAll(RECORD_ID)) {
    const hidden = truth.hiddenIds.get(id);
    if (hidden) leaks.push({ kind: 'OUT_OF_VIEW_RECORD', ...at, detail: `${id} (${hidden.state})` });
  }
  if (entity) {
    for (const name of entity.hiddenNames) {
      if (mentions(text, name)) {
        const record = entity.records.find((r) => r.state !== 'IN_FORCE' && r.names.includes(name))!;
        leaks.push({ kind: 'OUT_OF_VIEW_RECORD', ...at, detail: `${name}, naming ${record.id} (${record.state})` });
      }
    }
    for (const file of entity.caseFiles) if (text.includes(file)) leaks.push({ kind: 'CASE_FILE', ...at, detail: `the case file: ${file}` });
    const operator = entity.operator;
    if (operator?.name && [...operator.name].length > 1 && !OPERATOR_NAME_PUBLISHED_BY_LAW.has(at.where) && text.includes(operator.name)) {
      leaks.push({ kind: 'OPERATOR_NAME', ...at, detail: `the operator ${operator.name} unmasked` });
    }
    if (operator?.residence && operator.residence !== operator.premises && text.includes(operator.residence)) {
      leaks.push({ kind: 'OPERATOR_RESIDENCE', ...at, detail: `the operator's residence ${operator.residence}` });
    }
  }
  for (const idNumber of truth.personIdNumbers) if (text.includes(idNumber)) leaks.push({ kind: 'PERSONAL_IDENTIFIER', ...at, detail: `a person's ID number ${idNumber}` });
  // Codes, ids, dates and amounts are not free text, nor is a record's own document number (a licence
  // number can be 18 digits); other strings and error messages are searched by pattern.
  if (scalar === 'String' && !entity?.documentNumbers.has(text)) for (const found of personalIdentifiersIn(text, truth.entities.keys())) leaks.push({ kind: 'PERSONAL_IDENTIFIER', ...at, detail: found });
}

/** Every leak in the crawled pages. */
export function checkCrawl(schema: GraphQLSchema, pages: readonly CrawledPage[], truth: Truth): Leak[] {
  const leaks: Leak[] = [];
  const entityType = schema.getType('Entity')!;
  for (const page of pages) {
    const list = page.body.data?.entities ?? [];
    list.forEach((node, i) => {
      const uscc = page.usccs[i];
      const entity = truth.entities.get(uscc);
      const leaves: Leaf[] = [];
      leavesOf(schema, entityType, node, ['entities', i], leaves);
      for (const leaf of leaves) {
        const at = { uscc, where: leaf.coordinate, path: leaf.path };
        if (typeof leaf.value === 'string') checkString(leaf.value, leaf.scalar, entity, truth, at, leaks);
        if (leaf.coordinate.endsWith('.aGradeYears') && typeof leaf.value === 'number' && !entity?.aGradeYears.has(leaf.value)) {
          leaks.push({ kind: 'UNPUBLISHED_A_GRADE', ...at, detail: `A grade for ${leaf.value}` });
        }
        if (entity?.operator && OPERATOR_WITHHELD.includes(leaf.coordinate) && leaf.value !== null) {
          leaks.push({ kind: leaf.coordinate === 'Entity.address' ? 'OPERATOR_RESIDENCE' : 'OPERATOR_CAPITAL', ...at, detail: `${leaf.coordinate} shown: ${String(leaf.value)}` });
        }
      }
    });
    for (const error of page.body.errors ?? []) {
      const index = error.path?.[0] === 'entities' && typeof error.path[1] === 'number' ? error.path[1] : null;
      const uscc = index === null ? null : page.usccs[index];
      checkString(error.message, 'String', uscc ? truth.entities.get(uscc) : undefined, truth, { uscc, where: 'error', path: error.path ?? [] }, leaks);
    }
  }
  return leaks;
}

/** One line per leak kind and field, with a first example: what a failing assertion prints. */
export function summarise(leaks: readonly Leak[]): string[] {
  const groups = new Map<string, { count: number; example: Leak }>();
  for (const leak of leaks) {
    const key = `${leak.kind} at ${leak.where}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, example: leak });
  }
  return [...groups].map(([key, { count, example }]) => `${key}: ${count}, e.g. ${example.uscc} ${example.path.join('.')}: ${example.detail}`);
}
