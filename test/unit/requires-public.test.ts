import { getNamedType, isObjectType, Kind, parse, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accessLevelsOf, isExternalField, type AccessLevel } from '../../subgraphs/kit/access/levels.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

// The gateway fetches a field's @requires inputs with the caller's own identity. Were one of them above
// PUBLIC, an anonymous caller (or a bank without a grant) would get it withheld, and with it their
// listings, measures and eligibility. So every field a subgraph @requires must be PUBLIC where it is
// resolved; this fails the moment a department raises one.

const schemas = SUBGRAPHS.map((s) => ({ name: s.name, schema: buildSchemaOf(s) }));

interface Requirement {
  subgraph: string;
  field: string;
  fields: string;
}

function requirements(): Requirement[] {
  const found: Requirement[] = [];
  for (const { name, schema } of schemas) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const requires = field.astNode?.directives?.find((d) => d.name.value === 'requires');
        const value = requires?.arguments?.find((a) => a.name.value === 'fields')?.value;
        if (value?.kind === Kind.STRING) found.push({ subgraph: name, field: `${type.name}.${field.name}`, fields: value.value });
      }
    }
  }
  return found;
}

/** The subgraph that resolves Type.field: the one that declares it and not as @external. */
function ownerOf(typeName: string, fieldName: string): { name: string; schema: GraphQLSchema } | undefined {
  return schemas.find(({ schema }) => {
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    return field !== undefined && !isExternalField(field);
  });
}

/** Every Type.field a selection reaches, with its level in the subgraph that resolves it. */
function levelsReached(typeName: string, selectionSet: SelectionSetNode, into: [string, string, AccessLevel | undefined][] = []) {
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    const owner = ownerOf(typeName, name);
    const coordinate = `${typeName}.${name}`;
    into.push([coordinate, owner?.name ?? '(nobody)', owner ? accessLevelsOf(owner.schema).get(coordinate) : undefined]);
    if (owner && selection.selectionSet) {
      const type = owner.schema.getType(typeName);
      const fieldType = isObjectType(type) ? getNamedType(type.getFields()[name].type) : undefined;
      if (fieldType) levelsReached(fieldType.name, selection.selectionSet, into);
    }
  }
  return into;
}

describe('@requires inputs', () => {
  const found = requirements();

  it('exist: the platform composes listings, measures and eligibility through them', () => {
    expect(found.map((r) => r.field)).toEqual(expect.arrayContaining(['Entity.listings', 'Entity.jointMeasures', 'Entity.eligibility']));
  });

  it('are PUBLIC in the department that resolves each, so every caller’s listings are complete', () => {
    for (const requirement of found) {
      const operation = parse(`{ ${requirement.fields} }`).definitions[0];
      if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('unexpected @requires field set');
      const reached = levelsReached(requirement.field.split('.')[0], operation.selectionSet);
      expect(reached.length).toBeGreaterThan(10);
      const notPublic = reached.filter(([, , level]) => level !== 'PUBLIC').map(([coordinate, owner, level]) => `${coordinate} (${owner}: ${level})`);
      expect(notPublic, `${requirement.subgraph} ${requirement.field}`).toEqual([]);
    }
  });
});
