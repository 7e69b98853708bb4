import { getNamedType, isListType, isNonNullType, isObjectType, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { accessLevelsOf, type AccessLevel } from '../../subgraphs/kit/access/levels.ts';
import { alsoToFilerFieldsOf } from '../../subgraphs/kit/access/case-filer.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

/** One field of the whole profile, as every registered subgraph declares it: the matrix is built from these. */
export interface ProfileField {
  name: string;
  /** Schema coordinate, e.g. AnnualReport.revenue. */
  coordinate: string;
  level: AccessLevel;
  /** Also released to the filer of the case it belongs to (`@alsoToFiler`). */
  filer: boolean;
  /** The department whose subgraph resolves it, upper case. */
  domain: string;
  list: boolean;
  children?: ProfileField[];
}

const MAX_DEPTH = 6;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function fieldsOf(type: GraphQLObjectType, domain: string, levels: Map<string, AccessLevel | undefined>, filer: Set<string>, depth: number): ProfileField[] {
  const fields: ProfileField[] = [];
  for (const field of Object.values(type.getFields())) {
    // Arguments with defaults are fine; a required one cannot be filled in generically.
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    const coordinate = `${type.name}.${field.name}`;
    const base = { name: field.name, coordinate, level: levels.get(coordinate) ?? 'PUBLIC', filer: filer.has(coordinate), domain, list: isList(field.type) };
    if (!isObjectType(named)) {
      fields.push(base);
    } else if (named.name !== 'Entity' && depth < MAX_DEPTH) {
      fields.push({ ...base, children: fieldsOf(named, domain, levels, filer, depth + 1) });
    }
  }
  return fields;
}

/**
 * Every field an Entity profile can select, from the SDL of every registered subgraph, each with its
 * `@access` level and domain. A department that joins appears here without any test changing.
 */
export function entityProfileFields(): ProfileField[] {
  const fields = new Map<string, ProfileField>();
  for (const subgraph of SUBGRAPHS) {
    const schema = buildSchemaOf(subgraph);
    const entity = schema.getType('Entity');
    if (!entity || !isObjectType(entity)) continue;
    const levels = accessLevelsOf(schema);
    for (const field of fieldsOf(entity, subgraph.name.toUpperCase(), levels, alsoToFilerFieldsOf(schema), 1)) {
      if (!fields.has(field.name)) fields.set(field.name, field);
    }
  }
  return [...fields.values()];
}

export function selectionOf(fields: readonly ProfileField[]): string {
  return fields.map((f) => (f.children ? `${f.name} { ${selectionOf(f.children)} }` : f.name)).join(' ');
}

export type Path = (string | number)[];

/** One value of one field in a response, with the protected field above it, if any. */
export interface Occurrence {
  path: Path;
  field: ProfileField;
  value: unknown;
  /** The nearest field above PUBLIC enclosing this one (for a protected field: itself excluded). */
  guard?: Occurrence;
}

/** Every field value in `entity` (at `path`), depth first. */
export function occurrences(entity: Record<string, unknown>, fields: readonly ProfileField[], path: Path, guard?: Occurrence): Occurrence[] {
  const found: Occurrence[] = [];
  for (const field of fields) {
    const value = entity[field.name];
    const here: Occurrence = { path: [...path, field.name], field, value, guard };
    found.push(here);
    if (!field.children || value === null || value === undefined) continue;
    const inner = field.level === 'PUBLIC' ? guard : here;
    if (field.list) {
      (value as Record<string, unknown>[]).forEach((item, i) => {
        if (item) found.push(...occurrences(item, field.children!, [...here.path, i], inner));
      });
    } else {
      found.push(...occurrences(value as Record<string, unknown>, field.children, here.path, inner));
    }
  }
  return found;
}
