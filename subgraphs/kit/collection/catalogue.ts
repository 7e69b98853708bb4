import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { accessLevelOf, type AccessLevel } from '../access/levels.ts';
import type { CollectedRecordType } from './record-types.ts';
import { ruleOf } from './rule-words.ts';

/**
 * The data catalogue (信用信息目录) of what a department collects: per record type its fields, each
 * with the level its read-back field declares in the served schema, whether it is required, national
 * or local (补充目录), the legal basis and the update frequency. Written from the declarations
 * (submissions.ts) and the schema at each call, so it cannot drift from either.
 */
export interface CatalogueField {
  name: string;
  label: string;
  rule: string;
  required: boolean;
  national: boolean;
  /** The `@access` level of `<type>.<name>` in the schema; null where the field is not read back under that name. */
  access: AccessLevel | null;
}

export interface CatalogueEntry {
  department: string;
  recordType: string;
  title: string;
  type: string;
  legalBasis: string;
  updateFrequency: string;
  fields: CatalogueField[];
}

function levelIn(schema: GraphQLSchema, typeName: string, field: string): AccessLevel | null {
  const type = schema.getType(typeName);
  if (!type || (!isObjectType(type) && !isInterfaceType(type))) return null;
  const found = type.getFields()[field];
  return (found && accessLevelOf(found)) ?? null;
}

export function catalogueOf(department: string, types: readonly CollectedRecordType[], schema: GraphQLSchema): CatalogueEntry[] {
  return types.map((type) => ({
    department: department.toUpperCase(),
    recordType: type.recordType,
    title: type.title,
    type: type.type,
    legalBasis: type.legalBasis,
    updateFrequency: type.updateFrequency,
    fields: type.fields.map((field) => ({
      name: field.name,
      label: field.label,
      rule: ruleOf(field.rule),
      required: field.required ?? false,
      national: !field.local,
      access: field.inputOnly ? null : levelIn(schema, type.type, field.name),
    })),
  }));
}
