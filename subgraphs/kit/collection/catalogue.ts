import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { ACCESS_LEVELS, accessLevelOf, type AccessLevel } from '../access/levels.ts';
import type { CollectedField, CollectedRecordType } from './record-types.ts';
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
  /** The `@access` level of `<type>.<name>` in the schema, or the most restrictive of the field's `readAs` coordinates. */
  access: AccessLevel;
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

function levelAt(schema: GraphQLSchema, coordinate: string): AccessLevel | null {
  const [typeName, field] = coordinate.split('.');
  const type = schema.getType(typeName);
  if (!type || (!isObjectType(type) && !isInterfaceType(type))) return null;
  const found = type.getFields()[field];
  return (found && accessLevelOf(found)) ?? null;
}

/** Where a submitted field is read back: the record type's field of its name unless it says otherwise. */
export function readCoordinatesOf(type: CollectedRecordType, field: CollectedField): readonly string[] {
  return field.readAs ?? [`${type.type}.${field.name}`];
}

/** The level a reader needs to see the field: the most restrictive of where it is read; null if it is read nowhere. */
export function levelOfCollectedField(schema: GraphQLSchema, type: CollectedRecordType, field: CollectedField): AccessLevel | null {
  const levels = readCoordinatesOf(type, field).map((c) => levelAt(schema, c));
  if (!levels.length || levels.some((l) => l === null)) return null;
  return levels.reduce((a, b) => (ACCESS_LEVELS.indexOf(b!) > ACCESS_LEVELS.indexOf(a!) ? b : a));
}

/**
 * Every collected field has a level in the served schema, or the subgraph does not start: a catalogue
 * that cannot say who may read an item is wrong, and a null would hide it.
 */
export function checkCatalogueLevels(department: string, types: readonly CollectedRecordType[], schema: GraphQLSchema): void {
  const missing = types.flatMap((type) =>
    type.fields.filter((field) => !levelOfCollectedField(schema, type, field)).map((field) => `${type.recordType}.${field.name} (read as ${readCoordinatesOf(type, field).join(', ')})`),
  );
  if (missing.length) {
    throw new Error(`${department}: the data catalogue cannot state an access level for ${missing.join('; ')}: give the record type a field of that name with @access, or declare readAs in submissions.ts`);
  }
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
      access: levelOfCollectedField(schema, type, field)!,
    })),
  }));
}
