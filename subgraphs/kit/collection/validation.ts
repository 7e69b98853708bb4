import { isCalendarDate } from '../identifiers/scalars.ts';
import { residentIdProblem } from '../identifiers/resident-id.ts';
import { validateUscc } from '../identifiers/uscc.ts';
import { MAX_SOURCE_ID_LENGTH, type CollectedField, type CollectedRecordType, type FieldRule } from './record-types.ts';

/** Why a row was refused; the collection report counts rejections by these. */
export type RejectionRule =
  | 'REQUIRED'
  | 'USCC'
  | 'DATE'
  | 'FUTURE_DATE'
  | 'DATE_ORDER'
  | 'AMOUNT'
  | 'INTEGER'
  | 'ENUM'
  | 'LENGTH'
  | 'DUPLICATE'
  | 'PUBLICATION_SOURCE'
  | 'NOT_FOUND'
  | 'ID_NUMBER';

/** One problem with one row of a batch: the row is not written, the others are. */
export interface Rejection {
  /** The row's position in the batch, from 0 (in a file: the data row, header not counted). */
  index: number;
  sourceId: string | null;
  field: string;
  rule: RejectionRule;
  message: string;
}

/** A row that passed: values normalised to what the columns hold (days YYYY-MM-DD, yuan with two decimals). */
export interface ValidRow {
  index: number;
  sourceId: string;
  uscc: string;
  values: Record<string, unknown>;
}

const LIST_SEPARATORS = /[,，、;；]/;
const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const SIGNED_AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A day from what a form or a spreadsheet holds: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, or a spreadsheet date. */
export function normaliseDay(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(value.trim());
  if (!match) return null;
  const day = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  return isCalendarDate(day) ? day : null;
}

/**
 * Characters (code points) of a text, as a column limit counts them. A text of at most `max` UTF-16
 * units has at most `max` characters, so only a longer one is counted (most cells are short); a
 * shorter one answers its length in UTF-16 units, which is enough to say it fits.
 */
function codePoints(value: string, max: number): number {
  if (value.length <= max) return value.length;
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

type Checked = { value: unknown } | { rule: RejectionRule; message: string };

/** Checks one value against its field's rule; `today` is China Standard Time. */
export function checkValue(field: CollectedField, raw: unknown, today: string): Checked {
  const { name, rule } = field;
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (rule.kind) {
    case 'text': {
      const value = String(text);
      const length = codePoints(value, rule.max);
      if (length > rule.max) return { rule: 'LENGTH', message: `${name}: at most ${rule.max} characters, got ${length}` };
      return { value };
    }
    case 'uscc': {
      const value = String(text);
      const problem = validateUscc(value);
      return problem ? { rule: 'USCC', message: `${name}: ${problem.message}` } : { value };
    }
    case 'date': {
      const value = normaliseDay(text);
      if (!value) return { rule: 'DATE', message: `${name} ${shown(raw)}: expected a calendar date written YYYY-MM-DD` };
      if (rule.notAfterToday && value > today) return { rule: 'FUTURE_DATE', message: `${name} ${value}: must not be after today (${today}, China Standard Time)` };
      return { value };
    }
    case 'amount': {
      const value = typeof text === 'number' ? String(text) : String(text).replace(/[,，\s]/g, '');
      if (value.startsWith('-') && !rule.signed) return { rule: 'AMOUNT', message: `${name} ${shown(raw)}: an amount in yuan must be at least 0` };
      if (!(rule.signed ? SIGNED_AMOUNT : AMOUNT).test(value)) return { rule: 'AMOUNT', message: `${name} ${shown(raw)}: expected yuan with at most two decimals, e.g. 5000.00` };
      const negative = value.startsWith('-');
      const [whole, fraction = ''] = value.replace(/^-/, '').split('.');
      const amount = `${BigInt(whole)}.${fraction.padEnd(2, '0')}`;
      return { value: negative && /[1-9]/.test(amount) ? `-${amount}` : amount };
    }
    case 'residentId': {
      const value = String(text).toUpperCase();
      const problem = residentIdProblem(value);
      return problem ? { rule: 'ID_NUMBER', message: `${name}: resident ID number ${problem}` } : { value };
    }
    case 'integer': {
      const value = typeof text === 'number' ? text : Number(String(text));
      if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
        return { rule: 'INTEGER', message: `${name} ${shown(raw)}: expected a whole number from ${rule.min} to ${rule.max}` };
      }
      return { value };
    }
    case 'enum': {
      const value = String(text);
      if (!rule.values.includes(value)) return { rule: 'ENUM', message: `${name} ${shown(raw)}: expected one of ${rule.values.join(', ')}` };
      return { value };
    }
    case 'list': {
      const parts = String(text).split(LIST_SEPARATORS).map((p) => p.trim()).filter(Boolean);
      const value = parts.join(',');
      if (!parts.length) return { rule: 'REQUIRED', message: `${name}: at least one value, separated by commas` };
      const unknown = rule.values && parts.find((p) => !rule.values!.includes(p));
      if (unknown) return { rule: 'ENUM', message: `${name} ${shown(unknown)}: each value must be one of ${rule.values!.join(', ')}` };
      const length = codePoints(value, rule.max);
      if (length > rule.max) return { rule: 'LENGTH', message: `${name}: at most ${rule.max} characters all told, got ${length}` };
      return { value };
    }
  }
}

/**
 * Checks one submitted row: every problem is reported (a clerk fixes a row once, not once per
 * problem), and a row with any problem is not written. Pure: the unit tests call it directly.
 */
export function validateRow(type: CollectedRecordType, raw: Record<string, unknown>, index: number, today: string, memo?: CheckMemo): { row: ValidRow } | { rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const rawSourceId = raw.sourceId;
  const sourceId = isEmpty(rawSourceId) ? null : String(rawSourceId).trim();
  const reject = (field: string, rule: RejectionRule, message: string) => rejections.push({ index, sourceId, field, rule, message });

  if (type.key !== 'uscc') {
    if (sourceId === null) reject('sourceId', 'REQUIRED', 'sourceId: required (the record id in the department\'s own system, 一数一源)');
    else if (codePoints(sourceId, MAX_SOURCE_ID_LENGTH) > MAX_SOURCE_ID_LENGTH) reject('sourceId', 'LENGTH', `sourceId: at most ${MAX_SOURCE_ID_LENGTH} characters, got ${codePoints(sourceId, 0)}`);
  }

  const values: Record<string, unknown> = {};
  for (const field of type.fields) {
    const given = raw[field.name];
    if (isEmpty(given)) {
      if (field.required) reject(field.name, 'REQUIRED', `${field.name}: required (${field.label}${field.local ? '' : ', a national item'})`);
      values[field.name] = null;
      continue;
    }
    const checked = memo && memo.has(field) ? memoCheck(memo.get(field)!, field, given, today) : checkValue(field, given, today);
    if ('rule' in checked) reject(field.name, checked.rule, checked.message);
    else values[field.name] = checked.value;
  }

  for (const [earlier, later] of type.dateOrder ?? []) {
    const a = values[earlier];
    const b = values[later];
    if (typeof a === 'string' && typeof b === 'string' && a > b) {
      reject(later, 'DATE_ORDER', `${later} ${b}: must not be before ${earlier} (${a})`);
    }
  }

  if (type.observedPublication) {
    const stated = values.statedPublishedOn;
    if (typeof stated === 'string' && !values.publicationSource) {
      reject('statedPublishedOn', 'PUBLICATION_SOURCE', 'statedPublishedOn: an earlier publication day is accepted only with publicationSource (where it was published, e.g. the URL)');
    }
  }

  if (rejections.length) return { rejections };
  const uscc = String(values.uscc);
  return { row: { index, sourceId: type.key === 'uscc' ? uscc : sourceId!, uscc, values } };
}

/**
 * What one batch already knows of its values, per field: a batch repeats its authorities, source
 * units, days and kinds on every row, and each is checked once (a check depends only on the value and
 * today). Only the fields whose values repeat; free text and amounts are checked every time.
 */
type CheckMemo = Map<CollectedField, Map<string, Checked>>;
const REPEATING: ReadonlySet<FieldRule['kind']> = new Set(['uscc', 'date', 'enum', 'list']);

function checkMemo(type: CollectedRecordType): CheckMemo {
  // The subject's own code differs from row to row: remembering it would only cost.
  return new Map(type.fields.filter((f) => REPEATING.has(f.rule.kind) && f.name !== 'uscc').map((f) => [f, new Map()]));
}

function memoCheck(known: Map<string, Checked>, field: CollectedField, given: unknown, today: string): Checked {
  if (typeof given !== 'string') return checkValue(field, given, today);
  let checked = known.get(given);
  if (!checked) known.set(given, (checked = checkValue(field, given, today)));
  return checked;
}

/**
 * Validates a batch: each row on its own, and a source id given twice in one batch refused after its
 * first row (which of two versions was meant cannot be told).
 */
export function validateBatch(type: CollectedRecordType, rows: readonly Record<string, unknown>[], today: string, firstIndex = 0) {
  const valid: ValidRow[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  const memo = checkMemo(type);
  rows.forEach((raw, offset) => {
    const index = firstIndex + offset;
    const checked = validateRow(type, raw, index, today, memo);
    if ('rejections' in checked) {
      rejected.push(...checked.rejections);
      return;
    }
    const first = seen.get(checked.row.sourceId);
    if (first !== undefined) {
      rejected.push({ index, sourceId: checked.row.sourceId, field: 'sourceId', rule: 'DUPLICATE', message: `sourceId ${shown(checked.row.sourceId)}: also in row ${first} of this batch; send each record once` });
      return;
    }
    seen.set(checked.row.sourceId, index);
    valid.push(checked.row);
  });
  return { valid, rejected };
}
