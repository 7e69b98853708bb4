import {
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { ALSO_TO_FILER_NOTE, hasAlsoToFiler } from './case-filer.ts';

export type AccessLevel = 'PUBLIC' | 'AUTHORISED' | 'INTERNAL';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['PUBLIC', 'AUTHORISED', 'INTERNAL'];

const WHO_MAY_SEE: Record<AccessLevel, string> = {
  PUBLIC: 'anyone',
  AUTHORISED: "institutions holding the entity's live authorisation for this domain and purpose, the entity itself, government",
  INTERNAL: 'government callers only',
};

/** Fields federation itself adds; they are let through explicitly rather than given a level. */
export const FEDERATION_FIELDS: ReadonlySet<string> = new Set(['Query._service', 'Query._entities', '_Service.sdl']);

function accessDirective(node: { directives?: readonly ConstDirectiveNode[] }): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === 'access');
}

function levelOfDirective(directive: ConstDirectiveNode): AccessLevel | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === 'level');
  return arg && arg.value.kind === Kind.ENUM ? (arg.value.value as AccessLevel) : undefined;
}

/**
 * Writes each field's level into its description, so that a developer exploring the schema sees the
 * tier without reading SDL. The directive stays the only place the level is declared.
 */
export function describeAccessLevels(document: DocumentNode): DocumentNode {
  return visit(document, {
    FieldDefinition(node: FieldDefinitionNode) {
      const directive = accessDirective(node);
      const level = directive && levelOfDirective(directive);
      if (!level) return undefined;
      const note = `Access: ${level} (${WHO_MAY_SEE[level]}).${hasAlsoToFiler(node) ? ` ${ALSO_TO_FILER_NOTE}` : ''}`;
      const text = node.description ? `${node.description.value}\n\n${note}` : note;
      return { ...node, description: { kind: Kind.STRING, value: text, block: true } };
    },
  });
}

export function describeAccessLevelsInSdl(sdl: string): string {
  return print(describeAccessLevels(parse(sdl)));
}

/** The level a field declares with `@access`, read from the built schema's AST. */
export function accessLevelOf(field: GraphQLField<unknown, unknown>): AccessLevel | undefined {
  const directive = field.astNode ? accessDirective(field.astNode) : undefined;
  return directive ? levelOfDirective(directive) : undefined;
}

/**
 * A field the subgraph declares `@external` (to read it through `@requires`) is another subgraph's:
 * its level is declared where it is resolved, and composition refuses `@access` on it here.
 */
export function isExternalField(field: GraphQLField<unknown, unknown>): boolean {
  return field.astNode?.directives?.some((d) => d.name.value === 'external') ?? false;
}

/** The fields a subgraph declares `@external`, keyed `Type.field`. */
export function externalFieldsOf(schema: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (isExternalField(field)) found.add(`${type.name}.${field.name}`);
    }
  }
  return found;
}

/**
 * Every field's declared level, keyed `Type.field`, for object and interface types the subgraph
 * defines. Fields with no level map to `undefined` so callers (and the test) can find them; fields it
 * declares `@external` are left out (never resolved here, so never released here either).
 */
export function accessLevelsOf(schema: GraphQLSchema): Map<string, AccessLevel | undefined> {
  const levels = new Map<string, AccessLevel | undefined>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const key = `${type.name}.${field.name}`;
      if (FEDERATION_FIELDS.has(key) || isExternalField(field)) continue;
      levels.set(key, accessLevelOf(field));
    }
  }
  return levels;
}
