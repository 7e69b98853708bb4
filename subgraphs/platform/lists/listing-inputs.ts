import { Kind, parse, type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { DEPARTMENTS, type Department, type DepartmentLists, type KeptList } from '../../departments.ts';
import { ENTRY_SHAPES, type EntryOfShape } from './entry-shapes.ts';

// What the platform reads of the departments' lists, derived from the lists each declares in
// departments.ts: which departments keep lists, the @requires selection that asks the gateway for
// their entries, the @external declarations of the departments' types it reads, and (as a type) the
// inputs the gateway hands over. A department that declares a list needs no line here.

type Listed = Extract<(typeof DEPARTMENTS)[number], { lists: DepartmentLists }>;

/** The departments that keep lists, by name, in departments.ts order. */
export type ListingDepartment = Listed['name'];

const LISTED: readonly (Department & { lists: DepartmentLists })[] = (DEPARTMENTS as readonly Department[]).filter(
  (d): d is Department & { lists: DepartmentLists } => d.lists !== undefined,
);

export const LISTING_DEPARTMENTS = LISTED.map((d) => d.name) as readonly ListingDepartment[];

type InputsOf<L extends DepartmentLists> = { [K in L['kept'][number] as K['field']]: EntryOfShape[K['shape']][] };

/** The @requires inputs of one entity, as the gateway sends them; a department's field is null when it did not answer. */
export type ListingInputs = { uscc: string } & { [D in Listed as D['name']]?: InputsOf<D['lists']> | null };

/** The entries of every list a department keeps, with the declaration each came from. */
export function keptListsOf(name: ListingDepartment): readonly { department: Department; kept: KeptList }[] {
  const department = LISTED.find((d) => d.name === name)!;
  return department.lists.kept.map((kept) => ({ department, kept }));
}

function selectionOf(kept: KeptList): string {
  const fields = Object.keys(ENTRY_SHAPES[kept.shape].fields);
  return fields.length ? `${kept.field} { ${fields.join(' ')} }` : kept.field;
}

/** The @requires selection of listings, jointMeasures and eligibility: every declared list's entries. */
export function listingInputsSelection(): string {
  return LISTED.map((d) => `${d.name} { ${d.lists.kept.map(selectionOf).join(' ')} }`).join(' ');
}

/** The placeholder the platform's schema.graphql writes for that selection: `@requires(fields: LISTING_INPUTS)`. */
export const LISTING_INPUTS = 'LISTING_INPUTS';

/** The departments' types the selection reads, declared @external with only the fields it reads (each department resolves its own). */
function externalDeclarations(): DefinitionNode[] {
  const sdl: string[] = [];
  const declared = new Set<string>();
  for (const { lists } of LISTED) {
    const fields = lists.kept.map((kept) => {
      const type = kept.entryType ?? (kept.shape === 'A_GRADE_YEARS' ? 'Int' : undefined);
      if (!type) throw new Error(`departments.ts: list ${lists.recordsType}.${kept.field} must name its entryType`);
      return `${kept.field}: [${type}!]! @external`;
    });
    sdl.push(`type ${lists.recordsType} { ${fields.join(' ')} }`);
    for (const kept of lists.kept) {
      const shape = ENTRY_SHAPES[kept.shape];
      if (!kept.entryType || declared.has(kept.entryType)) continue;
      declared.add(kept.entryType);
      sdl.push(`type ${kept.entryType} { ${Object.entries(shape.fields).map(([name, type]) => `${name}: ${type} @external`).join(' ')} }`);
      if (shape.definitions && !declared.has(shape.definitions)) {
        declared.add(shape.definitions);
        sdl.push(shape.definitions);
      }
    }
  }
  return [...parse(sdl.join('\n')).definitions];
}

/** `Entity.<department>: <RecordsType> @external`, for each department that keeps lists. */
function entityFields(): FieldDefinitionNode[] {
  const sdl = `type Entity { ${LISTED.map((d) => `${d.name}: ${d.lists.recordsType} @external`).join(' ')} }`;
  return [...((parse(sdl).definitions[0] as ObjectTypeDefinitionNode).fields ?? [])];
}

/** Whether a field's `@requires(fields: …)` names the placeholder rather than a selection. */
export function usesPlaceholder(field: FieldDefinitionNode, placeholder = LISTING_INPUTS): boolean {
  return !!field.directives?.some((d) => d.name.value === 'requires' && d.arguments?.some((a) => a.value.kind === Kind.ENUM && a.value.value === placeholder));
}

/** The field with its placeholder @requires filled in with `selection`; any other field as it is. */
export function withRequiresFilled(field: FieldDefinitionNode, placeholder: string, selection: string): FieldDefinitionNode {
  if (!usesPlaceholder(field, placeholder)) return field;
  return {
    ...field,
    directives: field.directives!.map((d) =>
      d.name.value === 'requires' ? { ...d, arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: selection } }] } : d,
    ),
  };
}

/**
 * The platform's SDL with the lists filled in: each `@requires(fields: LISTING_INPUTS)` gets the
 * selection, Entity gets the departments' records fields (just before the first field that requires
 * them), and the departments' types are declared @external.
 */
export function withListingInputs(sdl: DocumentNode): DocumentNode {
  const selection = listingInputsSelection();
  const definitions = sdl.definitions.map((definition) => {
    if (definition.kind === Kind.OBJECT_TYPE_EXTENSION && definition.name.value === 'Entity' && definition.fields) {
      // An `extend type Entity` (the evaluation's fields) requires the same inputs; the records fields are declared once, on the type.
      return { ...definition, fields: definition.fields.map((field) => withRequiresFilled(field, LISTING_INPUTS, selection)) };
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Entity' || !definition.fields) return definition;
    const first = definition.fields.findIndex((field) => usesPlaceholder(field));
    if (first < 0) return definition;
    const fields = definition.fields.map((field) => withRequiresFilled(field, LISTING_INPUTS, selection));
    return { ...definition, fields: [...fields.slice(0, first), ...entityFields(), ...fields.slice(first)] } as ObjectTypeDefinitionNode;
  });
  return { ...sdl, definitions: [...definitions, ...externalDeclarations()] };
}
