import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { alsoToFilerFieldsOf, isFilerOf } from '../../subgraphs/kit/access/case-filer.ts';
import { decidedFields } from '../../subgraphs/kit/access/decided-fields.ts';
import { describeAccessLevelsInSdl } from '../../subgraphs/kit/access/levels.ts';

// The "filer or government" rule of a case file (kit/access/case-filer.ts): who filed is compared
// exactly, per kind of caller; and a field also released to the filer decides only for fields that
// admit the filer too.

const BANK_CASE = { filerKind: 'INSTITUTION', filedBy: 'BANK-001' };

describe('the filer of a case', () => {
  it('is the same kind of caller with the same identity, compared exactly', () => {
    expect(isFilerOf({ kind: 'INSTITUTION', organisation: 'BANK-001', purpose: null }, BANK_CASE)).toBe(true);
    expect(isFilerOf({ kind: 'GOVERNMENT', department: 'TAX' }, { filerKind: 'GOVERNMENT', filedBy: 'TAX' })).toBe(true);
    expect(isFilerOf({ kind: 'SUBJECT', uscc: '91350100M000100Y43' }, { filerKind: 'SUBJECT', filedBy: '91350100M000100Y43' })).toBe(true);
  });

  it('is not another organisation, one differing in case or spacing, another kind with the same id, or anyone for a value without a filer', () => {
    expect(isFilerOf({ kind: 'INSTITUTION', organisation: 'BANK-002', purpose: null }, BANK_CASE)).toBe(false);
    expect(isFilerOf({ kind: 'INSTITUTION', organisation: 'bank-001', purpose: null }, BANK_CASE)).toBe(false);
    expect(isFilerOf({ kind: 'INSTITUTION', organisation: 'BANK-001 ', purpose: null }, BANK_CASE)).toBe(false);
    expect(isFilerOf({ kind: 'GOVERNMENT', department: 'BANK-001' }, BANK_CASE)).toBe(false);
    // The entity a bank's objection is about is not its filer.
    expect(isFilerOf({ kind: 'SUBJECT', uscc: '91350100M000100Y43' }, { filerKind: 'INSTITUTION', filedBy: '91350100M000100Y43' })).toBe(false);
    expect(isFilerOf({ kind: 'ANONYMOUS' }, BANK_CASE)).toBe(false);
    expect(isFilerOf({ kind: 'INSTITUTION', organisation: 'BANK-001', purpose: null }, { uscc: 'x' })).toBe(false);
    expect(isFilerOf({ kind: 'INSTITUTION', organisation: 'BANK-001', purpose: null }, null)).toBe(false);
  });
});

describe('@alsoToFiler in the schema', () => {
  const sdl = `
    enum AccessLevel { PUBLIC AUTHORISED INTERNAL }
    directive @access(level: AccessLevel!) on FIELD_DEFINITION
    directive @alsoToFiler on FIELD_DEFINITION
    type Query { cases: [Case!] @access(level: INTERNAL) mine: [Case!] @access(level: PUBLIC) }
    type Case {
      status: String @access(level: PUBLIC)
      reason: String @access(level: INTERNAL) @alsoToFiler
      history: [Entry!] @access(level: INTERNAL) @alsoToFiler
      notes: Notes @access(level: INTERNAL) @alsoToFiler
    }
    type Entry { at: String @access(level: INTERNAL) @alsoToFiler }
    type Notes { internal: String @access(level: INTERNAL) }
  `;
  const schema = buildASTSchema(parse(sdl));

  it('is found per field and said in the description', () => {
    expect([...alsoToFilerFieldsOf(schema)].sort()).toEqual(['Case.history', 'Case.notes', 'Case.reason', 'Entry.at']);
    expect(describeAccessLevelsInSdl(sdl)).toContain('Access: INTERNAL (government callers only). Also released to whoever filed this case');
  });

  it('decides the parts of the same case below it, but not a government-only field the filer must not see', () => {
    const decided = decidedFields(schema);
    expect(decided.has('Entry.at')).toBe(true);
    expect(decided.has('Notes.internal')).toBe(false);
    expect(decided.has('Case.reason')).toBe(false);
  });
});
