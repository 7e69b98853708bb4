import { getNamedType, isObjectType, isUnionType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { accessLevelsOf, type AccessLevel } from './levels.ts';
import { alsoToFilerFieldsOf } from './case-filer.ts';

const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation']);

const RANK: Record<AccessLevel, number> = { PUBLIC: 0, AUTHORISED: 1, INTERNAL: 2 };

/**
 * The fields above PUBLIC whose decision is always made before them: every way to their type from a
 * root field or from an entity type (which `_entities` reaches directly) passes a field at least as strict,
 * which is denied whenever they would be (same caller, same domain, and the same entity, since a
 * record's parts belong to the record's entity), and then they are never resolved at all. A field
 * also released to a case's filer (`@alsoToFiler`) admits more than its level: it decides only for
 * fields that admit the filer too (parts of the same case), and is decided only by such fields.
 */
export function decidedFields(schema: GraphQLSchema): Set<string> {
  const levels = accessLevelsOf(schema);
  const alsoToFiler = alsoToFilerFieldsOf(schema);
  const fields = Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ parent: type.name, field })));

  const entityUnion = schema.getType('_Entity');
  const entityTypes = new Set(['Entity', ...(isUnionType(entityUnion) ? entityUnion.getTypes().map((t) => t.name) : [])]);

  const guarded = (typeName: string, level: AccessLevel, toFiler: boolean, visiting: Set<string>): boolean => {
    if (ROOT_TYPES.has(typeName) || entityTypes.has(typeName)) return false;
    // A way round a cycle enters it from outside somewhere: that entrance decides.
    if (visiting.has(typeName)) return true;
    visiting.add(typeName);
    const ways = fields.filter(({ field }) => getNamedType(field.type).name === typeName);
    const result =
      ways.length > 0 &&
      ways.every(({ parent, field }) => {
        const way = `${parent}.${field.name}`;
        const wayLevel = levels.get(way) ?? 'PUBLIC';
        const admitsNoMore = !alsoToFiler.has(way) || toFiler;
        return (wayLevel !== 'PUBLIC' && RANK[wayLevel] >= RANK[level] && admitsNoMore) || guarded(parent, level, toFiler, visiting);
      });
    visiting.delete(typeName);
    return result;
  };

  const decided = new Set<string>();
  for (const { parent, field } of fields) {
    const key = `${parent}.${field.name}`;
    const level = levels.get(key);
    if (level && level !== 'PUBLIC' && guarded(parent, level, alsoToFiler.has(key), new Set())) decided.add(key);
  }
  return decided;
}
