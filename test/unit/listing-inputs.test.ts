import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, type Department } from '../../subgraphs/departments.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { ENTRY_SHAPES } from '../../subgraphs/platform/lists/entry-shapes.ts';
import { LISTING_DEPARTMENTS, listingInputsSelection } from '../../subgraphs/platform/lists/listing-inputs.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

// The platform reads the departments' lists from what departments.ts declares; each declaration must
// match the department's own schema, or the gateway would fetch fields the department does not have.

const schemaOf = (name: string): GraphQLSchema => buildSchemaOf(SUBGRAPHS.find((s) => s.name === name)!);
const listed = (DEPARTMENTS as readonly Department[]).filter((d) => d.lists);

describe('the platform’s list inputs, derived from departments.ts', () => {
  it('cover exactly the departments that declare lists', () => {
    expect(LISTING_DEPARTMENTS).toEqual(listed.map((d) => d.name));
    expect(LISTING_DEPARTMENTS).not.toContain('platform');
  });

  it.each(listed.map((d) => [d.name, d] as const))('match what %s publishes: field, entry type and each field read', (name, department) => {
    const schema = schemaOf(name);
    const entity = schema.getType('Entity');
    expect(isObjectType(entity)).toBe(true);
    const records = isObjectType(entity) ? entity.getFields()[name] : undefined;
    expect(records && getNamedType(records.type).name).toBe(department.lists!.recordsType);
    const recordsType = schema.getType(department.lists!.recordsType);
    for (const kept of department.lists!.kept) {
      const field = isObjectType(recordsType) ? recordsType.getFields()[kept.field] : undefined;
      expect(field?.type.toString(), `${name}.${kept.field}`).toBe(`[${kept.entryType ?? 'Int'}!]!`);
      const entryType = kept.entryType ? schema.getType(kept.entryType) : undefined;
      for (const [fieldName, type] of Object.entries(ENTRY_SHAPES[kept.shape].fields)) {
        const entryField = isObjectType(entryType) ? entryType.getFields()[fieldName] : undefined;
        expect(entryField?.type.toString(), `${kept.entryType}.${fieldName}`).toBe(type);
      }
    }
  });

  it('are what the platform’s listings, jointMeasures and eligibility @require', () => {
    const entity = schemaOf('platform').getType('Entity');
    const fields = isObjectType(entity) ? entity.getFields() : {};
    for (const name of ['listings', 'jointMeasures', 'eligibility']) {
      const requires = fields[name].astNode?.directives?.find((d) => d.name.value === 'requires');
      const value = requires?.arguments?.[0].value;
      expect(value?.kind === 'StringValue' ? value.value : undefined, name).toBe(listingInputsSelection());
    }
    expect(listingInputsSelection()).toContain('market { abnormalOperations { id sourceDepartment reason');
  });
});
