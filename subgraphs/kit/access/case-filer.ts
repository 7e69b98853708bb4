import type { ConstDirectiveNode, DocumentNode, GraphQLField, GraphQLSchema } from 'graphql';
import { isObjectType, Kind } from 'graphql';
import type { Caller } from '../identity/caller.ts';

/**
 * A case someone filed about an entity's record (an objection, 异议): what the filer wrote, and who
 * the filer is, belong to the filer and to government, not to the entity the record is about, nor
 * to institutions it has authorised. A field declared `@alsoToFiler` beside its `@access` level is
 * released to whoever that level admits and also to the case's own filer; the value it belongs to
 * must carry the filer (`filerKind`, `filedBy`), or nobody but the level's callers gets it.
 */
export interface FiledCase {
  filerKind: 'INSTITUTION' | 'GOVERNMENT' | 'SUBJECT';
  /** The institution's organisation, the government department or the entity's code, as filed. */
  filedBy: string;
}

export const ALSO_TO_FILER = 'alsoToFiler';

export function hasAlsoToFiler(node: { directives?: readonly ConstDirectiveNode[] } | null | undefined): boolean {
  return node?.directives?.some((d) => d.name.value === ALSO_TO_FILER) ?? false;
}

/** The fields a subgraph declares `@alsoToFiler`, keyed `Type.field`. */
export function alsoToFilerFieldsOf(schema: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (hasAlsoToFiler(field.astNode)) found.add(`${type.name}.${field.name}`);
    }
  }
  return found;
}

/** The same, read from SDL not yet built into a schema (a subgraph's own schema.graphql). */
export function alsoToFilerFieldsIn(document: DocumentNode): Set<string> {
  const found = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) if (hasAlsoToFiler(field)) found.add(`${definition.name.value}.${field.name.value}`);
  }
  return found;
}

function filedCaseOf(value: unknown): FiledCase | undefined {
  const candidate = value as Partial<FiledCase> | null | undefined;
  return typeof candidate?.filerKind === 'string' && typeof candidate.filedBy === 'string' ? (candidate as FiledCase) : undefined;
}

/**
 * Whether the caller filed this case: the same kind of caller and the same identity, compared
 * exactly (an institution's organisation, a government department, the entity's code), so
 * `bank-001` is not `BANK-001` and an entity is never the filer of a case a bank filed about it.
 */
export function isFilerOf(caller: Caller, value: unknown): boolean {
  const filed = filedCaseOf(value);
  if (!filed || caller.kind === 'ANONYMOUS' || caller.kind !== filed.filerKind) return false;
  const identity = caller.kind === 'INSTITUTION' ? caller.organisation : caller.kind === 'GOVERNMENT' ? caller.department : caller.uscc;
  return identity === filed.filedBy;
}

/** The words the schema's descriptions add for an `@alsoToFiler` field. */
export const ALSO_TO_FILER_NOTE = 'Also released to whoever filed this case (compared exactly: organisation, department or USCC); no one else above the level.';
