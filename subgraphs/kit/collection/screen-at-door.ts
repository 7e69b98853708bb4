import { isScreenedField, PERSONAL_IDENTIFIER_WORDS, REDACTION, screenPersonalIdentifiers, type PersonalIdentifierKind } from '../disclosure/personal-identifiers.ts';
import type { CollectedRecordType } from './record-types.ts';

/**
 * Free text screened where it enters (issue: personal data is not published beyond what the law
 * requires). The platform does not refuse the row: the department's record is the truth (一数一源),
 * and government must read what was decided as it was written. It is stored as submitted, the batch
 * report names each field that carries a personal identifier so the department can correct its
 * source, and every view but government's shows it redacted: the door screens exactly the fields the
 * view screens (SCREENED_FIELDS), so nothing flagged here is ever published whole.
 */
export interface ScreenedValue {
  /** The row's position in the batch, as in `rejected`. */
  index: number;
  sourceId: string | null;
  field: string;
  kinds: PersonalIdentifierKind[];
  message: string;
}

/** The collected free-text fields of a record type that public views screen. */
export function screenedFieldsOf(type: CollectedRecordType): string[] {
  return type.fields.filter((f) => f.rule.kind === 'text' && isScreenedField(`${type.type}.${f.name}`)).map((f) => f.name);
}

/** The personal identifiers in the screened fields of rows about to be written (of `only` when given: those written); pure. */
export function screenAtDoor(type: CollectedRecordType, rows: readonly { index: number; sourceId: string | null; values: Record<string, unknown> }[], only?: readonly { index: number }[]): ScreenedValue[] {
  const fields = screenedFieldsOf(type);
  if (!fields.length) return [];
  const found: ScreenedValue[] = [];
  const kept = only && new Set(only.map((w) => w.index));
  for (const row of rows) {
    if (kept && !kept.has(row.index)) continue;
    for (const field of fields) {
      const value = row.values[field];
      if (typeof value !== 'string') continue;
      const kinds = Object.keys(screenPersonalIdentifiers(value).found) as PersonalIdentifierKind[];
      if (!kinds.length) continue;
      const what = kinds.map((k) => PERSONAL_IDENTIFIER_WORDS[k]).join(' and ');
      found.push({
        index: row.index,
        sourceId: row.sourceId,
        field,
        kinds,
        message: `${field}: contains ${what}, personal information that is not published: stored as submitted for government, shown to everyone else as ${REDACTION}; remove it at the source and resubmit`,
      });
    }
  }
  return found;
}

/**
 * The same door for the demo loader, which writes tables directly: the screened free text of the rows
 * it is about to load, found by the record type kept in each table. The rows are loaded as they are
 * (the views redact them); the loader reports what it found.
 */
export function demoDoorOf(types: readonly CollectedRecordType[]) {
  const byTable = new Map<unknown, CollectedRecordType>();
  for (const type of types) if (type.key !== 'uscc' && !type.patch && screenedFieldsOf(type).length) byTable.set(type.table, type);
  return (table: unknown, rows: readonly Record<string, unknown>[]): ScreenedValue[] => {
    const type = byTable.get(table);
    if (!type) return [];
    return screenAtDoor(type, rows.map((values, index) => ({ index, sourceId: typeof values.sourceId === 'string' ? values.sourceId : null, values })));
  };
}
