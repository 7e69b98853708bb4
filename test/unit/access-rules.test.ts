import { buildASTSchema, getNamedType, parse, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accessLevelsOf, FEDERATION_FIELDS, type AccessLevel } from '../../subgraphs/kit/access/levels.ts';
import { accessRuleTree, guardSchema } from '../../subgraphs/kit/access/rules.ts';
import { decidedFields } from '../../subgraphs/kit/access/decided-fields.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

const RANK: Record<AccessLevel, number> = { PUBLIC: 0, AUTHORISED: 1, INTERNAL: 2 };
const ROOTS = new Set(['Query', 'Mutation']);

function objectFields(schema: GraphQLSchema): [GraphQLObjectType, GraphQLField<unknown, unknown>][] {
  return Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => [type, field] as [GraphQLObjectType, GraphQLField<unknown, unknown>]));
}

/**
 * A denied value is null; if its field is non-null, the null climbs to the nearest nullable ancestor.
 * That is harmless only if every way to the type passes through a nullable field at least as strict,
 * since such a field is denied whenever its descendant would be (same entity, same caller, same domain),
 * and the descendant is then never resolved. Returns the fields through which a denial would escape.
 */
function unguardedWays(schema: GraphQLSchema, typeName: string, level: AccessLevel, seen = new Set<string>()): string[] {
  if (ROOTS.has(typeName) || typeName === 'Entity') return [typeName];
  if (seen.has(typeName)) return [];
  seen.add(typeName);
  const levels = accessLevelsOf(schema);
  const escapes: string[] = [];
  for (const [parent, field] of objectFields(schema)) {
    if (getNamedType(field.type).name !== typeName) continue;
    const key = `${parent.name}.${field.name}`;
    const fieldLevel = levels.get(key) ?? 'PUBLIC';
    if (!isNonNullType(field.type) && RANK[fieldLevel] >= RANK[level]) continue;
    escapes.push(...unguardedWays(schema, parent.name, level, seen).map((way) => `${way} → ${key}`));
  }
  return escapes;
}

describe('a denied field takes only itself out of the profile', () => {
  for (const subgraph of SUBGRAPHS) {
    it(`holds for every field above PUBLIC in the ${subgraph.name} subgraph`, () => {
      const schema = buildSchemaOf(subgraph);
      const levels = accessLevelsOf(schema);
      const problems: string[] = [];
      for (const [type, field] of objectFields(schema)) {
        const key = `${type.name}.${field.name}`;
        const level = levels.get(key);
        if (!level || level === 'PUBLIC' || !isNonNullType(field.type)) continue;
        // A non-null protected field is fine only where a nullable ancestor at least as strict guards it.
        for (const way of unguardedWays(schema, type.name, level)) problems.push(`${key} (${level}, non-null) reachable unguarded via ${way}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('notices a non-null protected field that a denial would take its parent down with', () => {
    const schema = buildASTSchema(
      parse(`
        enum AccessLevel { PUBLIC AUTHORISED INTERNAL }
        directive @access(level: AccessLevel!) on FIELD_DEFINITION
        type Query { records: Records @access(level: PUBLIC) }
        type Records { reports: [Report!]! @access(level: PUBLIC) guarded: [Report!] @access(level: INTERNAL) }
        type Report { year: Int! @access(level: PUBLIC) revenue: String! @access(level: AUTHORISED) }
      `),
    );
    expect(unguardedWays(schema, 'Report', 'AUTHORISED')).toEqual(['Query → Query.records → Records.reports']);
  });
});

describe('the permission rules are derived from the @access directives', () => {
  for (const subgraph of SUBGRAPHS) {
    it(`cover every field of the ${subgraph.name} subgraph, and wrap only those above PUBLIC`, () => {
      const schema = buildSchemaOf(subgraph);
      const levels = accessLevelsOf(schema);
      const tree = accessRuleTree(schema) as Record<string, Record<string, unknown>>;
      for (const [type, field] of objectFields(schema)) {
        expect(tree[type.name]?.[field.name], `${type.name}.${field.name}`).toBeDefined();
      }

      const guarded = guardSchema(schema, createLogger('test'));
      const wrapped: string[] = [];
      for (const [type, field] of objectFields(guarded)) {
        const original = (schema.getType(type.name) as GraphQLObjectType).getFields()[field.name];
        if (field.resolve !== original.resolve) wrapped.push(`${type.name}.${field.name}`);
      }
      const protectedFields = [...levels].filter(([key, level]) => level !== 'PUBLIC' && !FEDERATION_FIELDS.has(key)).map(([key]) => key);
      expect(wrapped.sort()).toEqual(protectedFields.sort());
    });
  }
});

describe('fields whose decision an enclosing field makes', () => {
  const schema = buildASTSchema(
    parse(`
      enum AccessLevel { PUBLIC AUTHORISED INTERNAL }
      directive @access(level: AccessLevel!) on FIELD_DEFINITION
      type Query { entity: Entity @access(level: PUBLIC) log: [Entry!] @access(level: INTERNAL) }
      type Entity { uscc: String! @access(level: PUBLIC) records: Records @access(level: PUBLIC) }
      type Records { ratings: [Rating!] @access(level: AUTHORISED) reports: [Report!]! @access(level: PUBLIC) }
      type Rating { grade: String! @access(level: AUTHORISED) notes: String @access(level: INTERNAL) }
      type Report { year: Int! @access(level: PUBLIC) revenue: String @access(level: AUTHORISED) }
      type Entry { who: String @access(level: AUTHORISED) }
    `),
  );
  const decided = decidedFields(schema);

  it('are those below a field at least as strict on every way to them', () => {
    expect(decided.has('Rating.grade')).toBe(true); // the ratings list decides it
    expect(decided.has('Entry.who')).toBe(true); // only reached through an INTERNAL field
  });

  it('exclude a field stricter than what encloses it, or with a PUBLIC way to it', () => {
    expect(decided.has('Rating.notes')).toBe(false); // INTERNAL under AUTHORISED: decided again
    expect(decided.has('Report.revenue')).toBe(false); // under a PUBLIC list
    expect(decided.has('Records.ratings')).toBe(false);
  });

  for (const subgraph of SUBGRAPHS) {
    it(`leave a rule on every field above PUBLIC that an anonymous caller could reach first in ${subgraph.name}`, () => {
      const real = buildSchemaOf(subgraph);
      for (const key of decidedFields(real)) {
        expect(accessLevelsOf(real).get(key), key).not.toBe('PUBLIC');
      }
      // Fields directly on the entity are reached by _entities: never decided elsewhere.
      expect([...decidedFields(real)].filter((key) => key.startsWith('Entity.'))).toEqual([]);
    });
  }
});
