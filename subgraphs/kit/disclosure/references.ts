import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  isNonNullType,
  isObjectType,
  Kind,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from '../identity/caller.ts';
import { accessLevelOf, type AccessLevel } from '../access/levels.ts';
import type { ForwardedCallerToken } from '../identity/caller-token.ts';
import type { DepartmentUrls } from './record-status-client.ts';
import { viewOfRecordElsewhere } from './record-views.ts';
import type { DisclosedRecordType, RequestDisclosure } from './visibility.ts';

/**
 * References follow visibility (a field that names another record follows that record's
 * visibility). A field that names another record of its department declares it beside its level:
 *
 *   penaltyDecisionNumber: String @access(level: AUTHORISED) @references(record: "EnvironmentalPenalty", by: "decisionNumber")
 *
 * and the kit releases the name only while the record it names is in the caller's view; otherwise the
 * field is null with FORBIDDEN (reason OUT_OF_VIEW). Without this, a penalty past its publicity period
 * is gone from the penalties list but its number still shows through every record that cites it.
 * The named record is looked for among the same entity's records (a reference never crosses entities).
 */

export interface Reference {
  /** The field that names the record, `Type.field`. */
  coordinate: string;
  /** The named record's GraphQL type: one of the department's disclosed record types. */
  record: string;
  /** The named record's field this value matches; `id` is its record id (market.penalty.42). */
  by: string;
  /** The record holding this field exists for the one it names (a repair commitment): it leaves view with it. */
  carriesRecord: boolean;
  /** Free text that may mention the named record: mentions of records out of view are redacted. */
  mentions: boolean;
  /**
   * The value may name a document the department does not hold (an arbitral award): a name matching none
   * of its records is released. Across departments: a record its department keeps no lifecycle for (a
   * tax rating, an environmental grade: UNKNOWN to the record-status route) is released.
   */
  outside: boolean;
  /**
   * The value is the record id of another department's record (the platform's objections and
   * credit-repair applications name the departments' records): that department tells whether it is
   * in the caller's view (record-views.ts). `record` is then '*'.
   */
  acrossDepartments: boolean;
  /**
   * With acrossDepartments: the value is a whole naming several records (a signed report document),
   * whose record ids the parent holds in this property. It cannot be cut without breaking what makes it
   * whole (the signature), so it is withheld whole while any record it names is out of the caller's view.
   */
  recordIdsFrom: string | null;
}

/** What replaces a mention of a record out of the caller's view in free text. */
export const REDACTED_REFERENCE = '〔已不公开的记录〕';

function referencesDirective(node: { directives?: readonly ConstDirectiveNode[] } | null | undefined): ConstDirectiveNode | undefined {
  return node?.directives?.find((d) => d.name.value === 'references');
}

function argument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.STRING) return arg.value.value;
  if (arg.value.kind === Kind.BOOLEAN) return arg.value.value;
  return undefined;
}

function referenceOf(coordinate: string, directive: ConstDirectiveNode): Reference {
  return {
    coordinate,
    record: (argument(directive, 'record') as string | undefined) ?? '*',
    by: (argument(directive, 'by') as string | undefined) ?? 'id',
    carriesRecord: argument(directive, 'carriesRecord') === true,
    mentions: argument(directive, 'mentions') === true,
    outside: argument(directive, 'outside') === true,
    acrossDepartments: argument(directive, 'acrossDepartments') === true,
    recordIdsFrom: (argument(directive, 'recordIdsFrom') as string | undefined) ?? null,
  };
}

/** Every `@references` a schema declares, keyed `Type.field`. */
export function referencesOf(schema: GraphQLSchema): Map<string, Reference> {
  const found = new Map<string, Reference>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const directive = referencesDirective(field.astNode);
      if (directive) found.set(`${type.name}.${field.name}`, referenceOf(`${type.name}.${field.name}`, directive));
    }
  }
  return found;
}

/**
 * The fields an SDL declares `@references(acrossDepartments: true)`, as `Type.field`: read from the
 * parsed file alone, so the gateway can tell which platform fetches make the platform ask the departments.
 */
export function acrossDepartmentFieldsIn(document: DocumentNode): Set<string> {
  const found = new Set<string>();
  const carriers = new Set<string>();
  const objects = document.definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION);
  for (const definition of objects) {
    for (const field of definition.fields ?? []) {
      const directive = referencesDirective(field);
      if (!directive || argument(directive, 'acrossDepartments') !== true) continue;
      found.add(`${definition.name.value}.${field.name.value}`);
      if (argument(directive, 'carriesRecord') === true) carriers.add(definition.name.value);
    }
  }
  // A record that carries another department's record is dropped wherever it is listed, whatever of it
  // is selected: the fields listing it ask too (a credit report's section records).
  for (const definition of objects) {
    for (const field of definition.fields ?? []) {
      let type = field.type;
      while (type.kind !== Kind.NAMED_TYPE) type = type.type;
      if (carriers.has(type.name.value)) found.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return found;
}

/** Says in each referencing field's description what it follows, as the access level is said. */
export function describeReferences(document: DocumentNode): DocumentNode {
  return visit(document, {
    FieldDefinition(node: FieldDefinitionNode) {
      const directive = referencesDirective(node);
      if (!directive) return undefined;
      const { record, carriesRecord, mentions, acrossDepartments, recordIdsFrom } = referenceOf('', directive);
      const note = acrossDepartments && recordIdsFrom
        ? 'Names records of any department: withheld whole (FORBIDDEN, OUT_OF_VIEW) while any of them is out of your view, as its department says.'
        : acrossDepartments && carriesRecord
          ? 'Names a record of any department by its record id: this record leaves your view with it, as its department says.'
          : acrossDepartments
        ? "Names a record of any department by its record id: withheld (FORBIDDEN, OUT_OF_VIEW) while that record is out of your view, as its department says."
        : mentions
        ? `Mentions of a ${record} out of your view are redacted.`
        : carriesRecord
          ? `Names a ${record}: this record leaves your view with it.`
          : `Names a ${record}: withheld (FORBIDDEN, OUT_OF_VIEW) while that record is out of your view.`;
      const text = node.description ? `${node.description.value}\n\n${note}` : note;
      return { ...node, description: { kind: Kind.STRING, value: text, block: true } };
    },
  });
}

const RANK: Record<AccessLevel, number> = { PUBLIC: 0, AUTHORISED: 1, INTERNAL: 2 };

/** Refuses at start a reference the kit could not honour: the schema, not a request, is wrong. */
function checkReference(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, reference: Reference, specs: readonly DisclosedRecordType[], subgraph: string) {
  const where = `${subgraph}: ${reference.coordinate} @references(record: "${reference.record}")`;
  if (reference.acrossDepartments) {
    const across = `${subgraph}: ${reference.coordinate} @references(acrossDepartments: true)`;
    if (reference.record !== '*' || reference.by !== 'id') throw new Error(`${across}: names a record by its record id alone (no record, by: "id"): the id says its department`);
    if (reference.mentions) throw new Error(`${across}: mentions applies to a department's own records only`);
    if (reference.carriesRecord && reference.recordIdsFrom) throw new Error(`${across}: a whole naming several records (recordIdsFrom) is withheld, it carries no one record`);
    if (isNonNullType(field.type) && !reference.carriesRecord) throw new Error(`${across}: a non-null field cannot be withheld; make it nullable`);
    return;
  }
  if (reference.recordIdsFrom) throw new Error(`${where}: recordIdsFrom names records of any department (acrossDepartments: true)`);
  if (!specs.some((s) => s.type === reference.record)) throw new Error(`${where}: ${reference.record} is not one of this department's disclosed record types`);
  const named = schema.getType(reference.record);
  const by = isObjectType(named) ? named.getFields()[reference.by] : undefined;
  if (!by) throw new Error(`${where}: ${reference.record} has no field ${reference.by}`);
  const own = accessLevelOf(field) ?? 'PUBLIC';
  const theirs = accessLevelOf(by) ?? 'PUBLIC';
  if (RANK[own] < RANK[theirs]) throw new Error(`${where}: a ${own} field cannot name ${reference.record}.${reference.by}, which is ${theirs}`);
  // Withholding a non-null field would take its whole record (and list) with it.
  if (isNonNullType(field.type) && !reference.carriesRecord && !reference.mentions) {
    throw new Error(`${where}: a non-null field can only carry its record (carriesRecord: true) or be redacted (mentions: true)`);
  }
}

type Context = { disclosure: RequestDisclosure; caller: Caller; callerToken: ForwardedCallerToken | null; departmentUrls: DepartmentUrls };

export function outOfView(coordinate: string, record: string): GraphQLError {
  return new GraphQLError(`${coordinate} names a ${record} that is not in your view (past its publicity period, removed, repaired, revoked or not yet published); withheld`, {
    extensions: { code: 'FORBIDDEN', reason: 'OUT_OF_VIEW' },
  });
}

/** A record id naming another department's record: released while that department says it is in the caller's view. */
function guardReferenceAcrossDepartments(field: GraphQLField<unknown, Context>, reference: Reference): void {
  const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
  field.resolve = async (parent, args, context, info) => {
    const value = await resolve(parent, args, context, info);
    if (value === null || value === undefined || context.caller.kind === 'GOVERNMENT') return value;
    const owner = (parent as { uscc?: unknown } | null)?.uscc;
    if (typeof owner !== 'string') return outOfView(reference.coordinate, 'record');
    const named = reference.recordIdsFrom ? (parent as Record<string, unknown>)[reference.recordIdsFrom] : [value];
    if (!Array.isArray(named)) return outOfView(reference.coordinate, 'record');
    // Every such field of a request is asked in one call per department (record-views.ts batches them).
    const views = await Promise.all(named.map((id) => viewOfRecordElsewhere(context, owner, String(id))));
    return views.every((view) => view === 'IN_VIEW' || (view === 'UNKNOWN' && reference.outside)) ? value : outOfView(reference.coordinate, reference.recordIdsFrom ? 'record (or more)' : 'record');
  };
}

/**
 * Wraps every field that declares `@references`, and, for a reference that carries its record, every
 * field returning that record's type. Government sees every record, so it is never asked about.
 */
export function guardReferences(schema: GraphQLSchema, specs: readonly DisclosedRecordType[], subgraph: string): void {
  const references = referencesOf(schema);
  const specOf = (type: string) => specs.find((s) => s.type === type)!;
  const carried = new Map<string, Reference[]>();
  const holders = new Map<string, Reference[]>();

  for (const reference of references.values()) {
    const [typeName, fieldName] = reference.coordinate.split('.');
    const field = (schema.getType(typeName) as import('graphql').GraphQLObjectType).getFields()[fieldName];
    checkReference(schema, field as GraphQLField<unknown, unknown>, reference, specs, subgraph);
    if (reference.acrossDepartments && !reference.carriesRecord) {
      guardReferenceAcrossDepartments(field as GraphQLField<unknown, Context>, reference);
      continue;
    }
    if (reference.carriesRecord) carried.set(typeName, [...(carried.get(typeName) ?? []), reference]);
    holders.set(typeName, [...(holders.get(typeName) ?? []), reference]);
    // A copy of another department's record is dropped wherever it is listed (below); its id then never shows.
    if (reference.acrossDepartments) continue;
    const spec = specOf(reference.record);
    const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
    field.resolve = async (parent, args, context, info) => {
      const value = await resolve(parent, args, context, info);
      if (value === null || value === undefined || context.caller.kind === 'GOVERNMENT') return value;
      const owner = (parent as { uscc?: unknown } | null)?.uscc;
      if (typeof owner !== 'string') return outOfView(reference.coordinate, reference.record);
      if (reference.mentions) {
        let text = String(value);
        for (const hidden of await context.disclosure.hiddenValues(spec, owner, reference.by)) text = text.split(hidden).join(REDACTED_REFERENCE);
        return text;
      }
      const released = async (name: unknown) => {
        const view = await context.disclosure.viewOf(spec, owner, reference.by, String(name));
        return view === 'IN_VIEW' || (view === 'UNKNOWN' && reference.outside);
      };
      if (Array.isArray(value)) {
        const kept = await Promise.all(value.map(released));
        return value.filter((_, i) => kept[i]);
      }
      return (await released(value)) ? value : outOfView(reference.coordinate, reference.record);
    };
  }

  // Wherever records holding references are listed: the records they name are loaded with them (one
  // statement for a page of entities, not one per reference), and a record that exists for another
  // (a repair commitment for its case) is dropped with it.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const holderType = getNamedType(field.type).name;
      const held = holders.get(holderType);
      if (!held) continue;
      const followed = carried.get(holderType) ?? [];
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const owner = (parent as { uscc?: unknown } | null)?.uscc;
        if (typeof owner === 'string' && context.caller.kind !== 'GOVERNMENT') {
          for (const reference of held) if (!reference.acrossDepartments) context.disclosure.prefetchRecords(specOf(reference.record), owner);
        }
        const value = await resolve(parent, args, context, info);
        if (value === null || value === undefined || context.caller.kind === 'GOVERNMENT' || followed.length === 0) return value;
        const rows = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
        const kept = await Promise.all(
          rows.map(async (row) => {
            for (const reference of followed) {
              const name = row[reference.coordinate.split('.')[1]];
              if (name === null || name === undefined) continue;
              if (typeof row.uscc !== 'string') return false;
              if (reference.acrossDepartments) {
                const view = await viewOfRecordElsewhere(context, row.uscc, String(name));
                if (view === 'OUT_OF_VIEW' || (view === 'UNKNOWN' && !reference.outside)) return false;
                continue;
              }
              const view = await context.disclosure.viewOf(specOf(reference.record), row.uscc, reference.by, String(name));
              if (view === 'OUT_OF_VIEW' || (view === 'UNKNOWN' && !reference.outside)) return false;
            }
            return true;
          }),
        );
        const released = rows.filter((_, i) => kept[i]);
        return Array.isArray(value) ? released : (released[0] ?? null);
      };
    }
  }
}
