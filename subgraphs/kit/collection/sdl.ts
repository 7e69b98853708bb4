import type { CollectedRecordType } from './record-types.ts';
import type { CollectionDefinition } from './resolvers.ts';
import { ruleOf } from './rule-words.ts';

/**
 * The submission half of a department's SDL, written from its declarations (submissions.ts), so the
 * mutations, their inputs and the checks the kit makes cannot disagree: `Mutation.<department>`, its
 * namespace with one submit mutation per record type and withdrawRecords, an input per record type,
 * the enum of the record types that can be withdrawn, and `revisions` and `withdrawal` on each record
 * type kept by source. Every field is INTERNAL: only government
 * submits, and of government only the department's own (checked by the resolver, reason DOMAIN).
 */
export function inputNameOf(type: CollectedRecordType): string {
  return type.inputName ?? `${type.type}Submission`;
}

export function recordTypeEnumOf(department: string): string {
  return `${department[0].toUpperCase()}${department.slice(1)}RecordType`;
}

export function withdrawable(type: CollectedRecordType): boolean {
  return type.key !== 'uscc' && !type.patch;
}

const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function collectionSdl(department: string, definition: CollectionDefinition): string {
  const domain = department.toUpperCase();
  const enumName = recordTypeEnumOf(department);
  const lines: string[] = [];
  lines.push(`type Mutation {
  """
  Submissions (归集) of ${domain}'s own records: government of ${domain} only (other government:
  FORBIDDEN, reason DOMAIN; anyone else: reason LEVEL).
  """
  ${department}: ${definition.namespace} @access(level: INTERNAL)
}
`);
  lines.push(`extend type Query {
  """
  ${domain}'s part of the data catalogue (信用信息目录): each record type it collects, its fields with
  their access levels, legal basis and update frequency. PUBLIC.
  """
  ${department}Catalogue: [CatalogueRecordType!]! @access(level: PUBLIC)
  """
  ${domain}'s collection report for a period (from and to inclusive, at most 366 days): government of
  ${domain} or of the platform only (other government: FORBIDDEN, reason DOMAIN). INTERNAL.
  """
  ${department}CollectionReport(from: Date!, to: Date!): CollectionReport @access(level: INTERNAL)
  """
  ${domain}'s records held until market supervision registers their subject, a page at a time
  (first: 1 to 200): government of ${domain} or of the platform only. INTERNAL.
  """
  ${department}UnmatchedRecords(first: Int! = 50, after: String): UnmatchedRecordPage @access(level: INTERNAL)
}
`);
  lines.push(`"""
${domain} submits its own records. Each call is one batch: every row is checked on its own, the valid
ones are written in one transaction, and the answer names each refused row. A record is identified by
its source id (一数一源): resubmitting it updates it and keeps what it replaced as a revision.
"""
type ${definition.namespace} {`);
  for (const type of definition.types) {
    const what = type.patch ? `Changes to ${type.title} submitted before, by source id` : `${type.title} (${type.recordType})`;
    const observed = type.observedPublication ? '; publishedOn becomes the day of acceptance (双公示 counts it)' : '';
    lines.push(`  ${quoted(`${what}: at most 10,000 rows per call${observed}.`)}`);
    lines.push(`  ${type.mutation}(records: [${inputNameOf(type)}!]!): BatchReport! @access(level: INTERNAL)`);
  }
  lines.push(`  "Withdraws records submitted before (撤回): out of every view but government's, kept with the reason."`);
  lines.push(`  withdrawRecords(recordType: ${enumName}!, sourceIds: [String!]!, reason: String!): BatchReport! @access(level: INTERNAL)`);
  lines.push('}\n');
  lines.push(`"The ${domain} record types that can be withdrawn."\nenum ${enumName} {`);
  for (const type of definition.types.filter(withdrawable)) lines.push(`  ${quoted(type.title)}\n  ${type.recordType}`);
  lines.push('}\n');
  // What collection adds to each record type it keeps by source, written here once rather than in
  // every department's schema: what resubmissions changed, and the withdrawal.
  for (const typeName of new Set(definition.types.filter(withdrawable).map((t) => t.type))) {
    lines.push(`extend type ${typeName} {
  "What resubmissions changed (一数一源: one record, its previous values kept), oldest first."
  revisions: [RecordRevision!] @access(level: INTERNAL)
  "Set when the source department withdrew the record: it is then out of every view but government's."
  withdrawal: Withdrawal @access(level: INTERNAL)
}
`);
  }
  for (const type of definition.types) {
    lines.push(`"""
${type.title} as submitted. Every field is text, checked row by row: a bad value refuses its row, not the batch.
"""
input ${inputNameOf(type)} {`);
    if (type.key !== 'uscc') lines.push(`  "The record's id in the department's own system (一数一源); required."\n  sourceId: String`);
    for (const field of type.fields) {
      const notes = [field.label, ruleOf(field.rule), field.required ? 'required' : 'optional', field.local ? 'local item' : 'national item'];
      lines.push(`  ${quoted(notes.join('; '))}\n  ${field.name}: String`);
    }
    lines.push('}\n');
  }
  return lines.join('\n');
}
